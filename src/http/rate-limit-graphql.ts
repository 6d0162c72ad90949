import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { parseApiKey } from '../auth/api-key-format';
import type { JwtVerifier } from '../auth/jwt-verifier';
import { sendGraphqlRateLimited } from './rate-limit-replies';
import type { RateLimitBucket } from './rate-limiter';

/**
 * Who a /graphql request claims to be, decided without a database round trip. An API key can only be checked for
 * its shape here (its secret is checked against the database), so `verified` is false; a JWT is fully verified
 * (signature and claims: CPU only with a shared secret, jose's cached key set with a JWKS).
 */
type Caller = { kind: 'credential'; bucketKey: string; verified: boolean } | { kind: 'anonymous' };

export interface GraphqlRateLimitOptions {
  /** Per API key, or per JWT tenant + subject. */
  perCaller: RateLimitBucket;
  /** Per client IP: calls without usable credentials, and calls whose credentials were refused. */
  perIpUnauthenticated: RateLimitBucket;
  jwt: JwtVerifier;
}

const BLOCK_LIST_SIZE = 10_000;

/**
 * Route hooks for /graphql. Keying API keys by what the header says costs no lookup but lets anyone invent fresh
 * keys; every refused one therefore also spends its IP's unauthenticated budget, and once that is gone the IP's
 * unverified credentials are refused (429) until the window ends. The per-key bucket is keyed by a digest of the
 * whole key, so knowing a key's public prefix is not enough to exhaust its owner's budget.
 */
export function graphqlRateLimitHooks(options: GraphqlRateLimitOptions) {
  const callers = new WeakMap<FastifyRequest, Caller>();
  const blocked = new IpBlockList(BLOCK_LIST_SIZE);

  const countUnauthenticated = async (request: FastifyRequest) => {
    const verdict = await options.perIpUnauthenticated.hit(request, request.ip);
    if (verdict.count >= options.perIpUnauthenticated.max) blocked.block(request.ip, verdict.retryAfterMs);
    return verdict;
  };

  const onRequest = async (request: FastifyRequest, reply: FastifyReply) => {
    const caller = await identifyCaller(request.headers.authorization, options.jwt);
    callers.set(request, caller);
    if (caller.kind === 'anonymous') {
      const verdict = await countUnauthenticated(request);
      if (verdict.exceeded) return sendGraphqlRateLimited(reply, verdict.retryAfterMs);
      return;
    }
    const blockedForMs = caller.verified ? 0 : blocked.remainingMs(request.ip);
    if (blockedForMs > 0) return sendGraphqlRateLimited(reply, blockedForMs);
    const verdict = await options.perCaller.hit(request, caller.bucketKey);
    if (verdict.exceeded) return sendGraphqlRateLimited(reply, verdict.retryAfterMs);
  };

  const onSend = async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    // Anonymous calls were counted on the way in; a refused credential is counted here, once.
    if (reply.statusCode === 401 && callers.get(request)?.kind === 'credential') await countUnauthenticated(request);
    return payload;
  };

  return { onRequest, onSend };
}

async function identifyCaller(authorization: string | undefined, jwt: JwtVerifier): Promise<Caller> {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!token) return { kind: 'anonymous' };
  const apiKey = parseApiKey(token);
  if (apiKey) return { kind: 'credential', bucketKey: `key:${apiKey.prefix}:${digest(token)}`, verified: false };
  if (token.startsWith('sbk_')) return { kind: 'anonymous' };
  const claims = await jwt.verify(token);
  if (!claims) return { kind: 'anonymous' };
  return { kind: 'credential', bucketKey: `jwt:${claims.tenantId}:${digest(claims.userId)}`, verified: true };
}

/** Rate-limit keys land in Redis: never the key itself, nor the hash the api_keys table stores. */
function digest(value: string): string {
  return createHash('sha256').update('switchboard-rate-limit\0').update(value).digest('hex').slice(0, 32);
}

/**
 * IPs whose unauthenticated budget is spent, in this process. The shared counter decides; this list only lets a
 * process refuse unverified credentials without a lookup. Another process learns it at that IP's next refusal.
 */
class IpBlockList {
  private readonly until = new Map<string, number>();

  constructor(private readonly capacity: number) {}

  block(ip: string, forMs: number): void {
    this.until.delete(ip);
    if (this.until.size >= this.capacity) this.until.delete(this.until.keys().next().value!);
    this.until.set(ip, Date.now() + forMs);
  }

  remainingMs(ip: string): number {
    const until = this.until.get(ip);
    if (until === undefined) return 0;
    if (until > Date.now()) return until - Date.now();
    this.until.delete(ip);
    return 0;
  }
}
