import { TenantSchema } from '../db/entities/tenant.entity';
import type { Orm } from '../db/orm';
import type { ApiKeyService } from './api-key.service';
import type { JwtVerifier } from './jwt-verifier';
import type { RequestContext } from './request-context';

/** Turns an Authorization header into a RequestContext; undefined means "not authenticated". */
export class Authenticator {
  constructor(
    private readonly apiKeys: ApiKeyService,
    private readonly jwt: JwtVerifier,
    private readonly orm: Orm,
  ) {}

  async authenticate(authorization: string | undefined): Promise<RequestContext | undefined> {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) return undefined;
    if (token.startsWith('sbk_')) return this.apiKeys.authenticate(token);
    const claims = await this.jwt.verify(token);
    // A JWT for a tenant this service does not know is not a valid caller here.
    if (!claims || !(await this.tenantExists(claims.tenantId))) return undefined;
    return { ...claims, via: 'jwt' };
  }

  private async tenantExists(tenantId: string): Promise<boolean> {
    return (await this.orm.em.fork().count(TenantSchema, { id: tenantId })) > 0;
  }
}
