import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey, type JWTVerifyOptions } from 'jose';
import type { Config } from '../config/config';
import { isRole, type RequestContext } from './request-context';
import { isUuid } from '../db/uuid';

/**
 * A JWKS publishes public keys: only asymmetric algorithms may be checked against it. Allowing HS* there is the
 * classic confusion where the public key bytes become an HMAC secret anyone can sign with.
 */
const JWKS_ALGORITHMS = ['RS256', 'ES256', 'PS256', 'EdDSA'];
const SECRET_ALGORITHMS = ['HS256'];

export type JwtClaims = Omit<RequestContext, 'via'>;

/**
 * Verifies JWTs issued by the host PSA: HS256 with JWT_SECRET, or a JWKS-published key at JWT_JWKS_URL (never both).
 * Claims: `tid` (tenant id), `sub` (user id), `role` (admin|user); `exp` is required and may lie at most
 * JWT_MAX_LIFETIME_SECONDS after `iat` (or after now when `iat` is absent); `iss`/`aud` must match when configured.
 */
export class JwtVerifier {
  private readonly key: Uint8Array | JWTVerifyGetKey | undefined;
  private readonly options: JWTVerifyOptions;

  constructor(private readonly jwt: Config['jwt']) {
    if (jwt.jwksUrl) this.key = createRemoteJWKSet(new URL(jwt.jwksUrl));
    else if (jwt.secret) this.key = new TextEncoder().encode(jwt.secret);
    this.options = {
      issuer: jwt.issuer,
      audience: jwt.audience,
      algorithms: jwt.jwksUrl ? JWKS_ALGORITHMS : SECRET_ALGORITHMS,
      requiredClaims: ['exp'],
    };
  }

  get enabled(): boolean {
    return this.key !== undefined;
  }

  /** Returns the caller, or undefined when the token is invalid, expired, too long-lived or lacks the claims. */
  async verify(token: string): Promise<JwtClaims | undefined> {
    if (!this.key) return undefined;
    try {
      const payload = await this.verifiedPayload(this.key, token);
      return this.withinLifetime(payload) ? claimsOf(payload) : undefined;
    } catch {
      return undefined;
    }
  }

  private async verifiedPayload(key: Uint8Array | JWTVerifyGetKey, token: string): Promise<JWTPayload> {
    // Two calls only because jose's overloads type a key and a key resolver separately.
    const { payload } = typeof key === 'function' ? await jwtVerify(token, key, this.options) : await jwtVerify(token, key, this.options);
    return payload;
  }

  /** A token minted with `iat` in the future or without `iat` is measured from now: it cannot outlive the cap either. */
  private withinLifetime(payload: JWTPayload): boolean {
    const now = Math.floor(Date.now() / 1000);
    const exp = payload.exp;
    if (typeof exp !== 'number') return false;
    const issuedAt = typeof payload.iat === 'number' ? Math.min(payload.iat, now) : now;
    return exp - issuedAt <= this.jwt.maxLifetimeSeconds;
  }
}

function claimsOf(payload: JWTPayload): JwtClaims | undefined {
  const { tid, sub, role } = payload as { tid?: unknown; sub?: unknown; role?: unknown };
  if (typeof tid !== 'string' || !isUuid(tid) || typeof sub !== 'string' || sub.length === 0 || !isRole(role)) return undefined;
  return { tenantId: tid, userId: sub, role };
}
