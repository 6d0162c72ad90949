import type { Orm } from '../db/orm';
import { isUuid } from '../db/uuid';
import type { ApiKeyService } from './api-key.service';
import type { AuthCache, JwtSubject } from './auth-cache';
import type { JwtVerifier } from './jwt-verifier';
import { lowerRole, type RequestContext } from './request-context';

/** Turns an Authorization header into a RequestContext; undefined means "not authenticated". */
export class Authenticator {
  constructor(
    private readonly apiKeys: ApiKeyService,
    private readonly jwt: JwtVerifier,
    private readonly orm: Orm,
    private readonly cache?: AuthCache,
  ) {}

  async authenticate(authorization: string | undefined): Promise<RequestContext | undefined> {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) return undefined;
    if (token.startsWith('sbk_')) return this.apiKeys.authenticate(token);
    const claims = await this.jwt.verify(token);
    if (!claims) return undefined;
    // Signature, expiry and claims were verified above for this request; only the subject lookup is cached.
    const load = () => this.findSubject(claims.tenantId, claims.userId);
    const subject = this.cache ? await this.cache.subject(claims.tenantId, claims.userId, load) : await load();
    // A JWT for a tenant this service does not know is not a valid caller here.
    if (!subject) return undefined;
    // A provisioned subject acts as our user (its id, never outranking its role); others keep the PSA's subject.
    if (!subject.userId || !subject.userRole) return { ...claims, via: 'jwt' };
    return { tenantId: claims.tenantId, userId: subject.userId, role: lowerRole(claims.role, subject.userRole), via: 'jwt' };
  }

  /** One statement: the tenant (must exist) and the user whose id or externalId is the JWT `sub`, if any. */
  private async findSubject(tenantId: string, sub: string): Promise<JwtSubject | undefined> {
    const [row] = await this.orm.em.fork().getConnection().execute<JwtSubject[]>(
      `select u.id as "userId", u.role as "userRole"
         from tenants t
         left join users u on u.tenant_id = t.id and (u.external_id = ? or u.id = ?)
        where t.id = ?
        order by (u.external_id = ?) desc nulls last
        limit 1`,
      [sub, isUuid(sub) ? sub : null, tenantId, sub],
    );
    return row;
  }
}
