import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { Config } from '../config/config';
import { isRole, type RequestContext } from './request-context';
import { isUuid } from '../db/uuid';


/**
 * Verifies JWTs issued by the host PSA: HS256 with JWT_SECRET, or any JWKS-published key at JWT_JWKS_URL.
 * Claims: `tid` (tenant id), `sub` (user id), `role` (admin|user).
 */
export class JwtVerifier {
  private readonly key: Uint8Array | JWTVerifyGetKey | undefined;

  constructor(private readonly jwt: Config['jwt']) {
    if (jwt.jwksUrl) this.key = createRemoteJWKSet(new URL(jwt.jwksUrl));
    else if (jwt.secret) this.key = new TextEncoder().encode(jwt.secret);
  }

  get enabled(): boolean {
    return this.key !== undefined;
  }

  /** Returns the caller, or undefined when the token is invalid, expired or lacks the claims. */
  async verify(token: string): Promise<Omit<RequestContext, 'via'> | undefined> {
    if (!this.key) return undefined;
    try {
      const options = {
        issuer: this.jwt.issuer,
        audience: this.jwt.audience,
        algorithms: this.jwt.jwksUrl ? ['RS256', 'ES256', 'PS256', 'EdDSA'] : ['HS256'],
      };
      const { payload } =
        typeof this.key === 'function' ? await jwtVerify(token, this.key, options) : await jwtVerify(token, this.key, options);
      const { tid, sub, role } = payload as { tid?: unknown; sub?: unknown; role?: unknown };
      if (typeof tid !== 'string' || !isUuid(tid) || typeof sub !== 'string' || sub.length === 0 || !isRole(role)) {
        return undefined;
      }
      return { tenantId: tid, userId: sub, role };
    } catch {
      return undefined;
    }
  }
}
