import rateLimit from '@fastify/rate-limit';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import { NONCE_RULE } from './login-nonce';
import type { MspSsoService } from './msp-sso.service';

export const DISCOVER_PATH = '/api/auth/msp/sso/discover';
export const RESOLVE_PATH = '/api/auth/msp/sso/resolve';

/** The one answer for every resolve failure, byte for byte: clients cannot tell unknown from misconfigured. */
export const SSO_UNAVAILABLE_BODY = Object.freeze({ error: 'SSO is not available for this address.', code: 'MSP_SSO_UNAVAILABLE' });
/** A missing or malformed nonce is the integrator's bug, whatever the email: safe to say so. */
export const INVALID_NONCE_BODY = Object.freeze({ error: `Send the PSA session's nonce with resolve: ${NONCE_RULE}.`, code: 'INVALID_NONCE' });
export const RATE_LIMITED_BODY = Object.freeze({ error: 'Too many requests.', code: 'RATE_LIMITED' });
const SSO_OFF_BODY = Object.freeze({ sso: false, providers: [] });

/** A login email fits in far less; anything bigger is refused by Fastify before parsing. */
const BODY_LIMIT_BYTES = 2048;
const ONE_MINUTE_MS = 60_000;

export interface MspSsoRouteOptions {
  service: MspSsoService;
  /** Shared store so every API process counts the same requests; in-memory when undefined (single process). */
  redis: Redis | undefined;
  redisKeyPrefix: string;
  limits?: { discoverPerMinute: number; resolvePerMinute: number };
}

class RateLimitedError extends Error {
  override name = 'RateLimitedError';
  readonly statusCode = 429;
}

/**
 * The two unauthenticated MSP SSO routes, in their own encapsulated scope: the rate limiter and the error
 * handler below apply to these routes only.
 */
export async function registerMspSsoRoutes(app: FastifyInstance, options: MspSsoRouteOptions): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(rateLimit, {
      global: false,
      redis: options.redis,
      nameSpace: `${options.redisKeyPrefix}:msp-sso:rate-limit:`,
      // A Redis outage must not take sign-in down with it; limits resume when Redis is back.
      skipOnError: true,
      errorResponseBuilder: () => new RateLimitedError('rate limited'),
    });
    scope.setErrorHandler(mspSsoErrorHandler);
    const limits = options.limits ?? { discoverPerMinute: 12, resolvePerMinute: 8 };

    scope.get(
      DISCOVER_PATH,
      { bodyLimit: BODY_LIMIT_BYTES, config: { rateLimit: { max: limits.discoverPerMinute, timeWindow: ONE_MINUTE_MS } } },
      async (request) => options.service.discover((request.query as Record<string, unknown>).email),
    );
    scope.post(
      RESOLVE_PATH,
      { bodyLimit: BODY_LIMIT_BYTES, config: { rateLimit: { max: limits.resolvePerMinute, timeWindow: ONE_MINUTE_MS } } },
      async (request, reply) => {
        const body = (request.body ?? {}) as Record<string, unknown>;
        const outcome = await options.service.resolve(body.email, body.nonce);
        if (!outcome.ok && outcome.reason === 'bad_nonce') return reply.code(400).send(INVALID_NONCE_BODY);
        if (!outcome.ok) return reply.code(409).send(SSO_UNAVAILABLE_BODY);
        return { authorizationUrl: outcome.authorizationUrl };
      },
    );
  });
}

/**
 * Keeps the no-disclosure promise for errors raised before the handlers run (bad JSON, wrong content type):
 * discover still answers "no SSO", resolve the same 409. Only size and rate limits get their own JSON answers.
 */
function mspSsoErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof RateLimitedError) return reply.code(429).send(RATE_LIMITED_BODY);
  if (error.statusCode === 413) return reply.code(413).send({ error: 'Request body is too large.', code: 'PAYLOAD_TOO_LARGE' });
  const route = request.routeOptions.url;
  // Parser messages quote the body (an email): client errors log only their code.
  if ((error.statusCode ?? 500) >= 500) request.log.error({ err: error, route }, 'msp sso request failed');
  else request.log.info({ code: error.code, statusCode: error.statusCode, route }, 'msp sso request refused before the handler');
  if (route === RESOLVE_PATH) return reply.code(409).send(SSO_UNAVAILABLE_BODY);
  return reply.code(200).send(SSO_OFF_BODY);
}
