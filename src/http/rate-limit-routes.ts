import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { Redis } from 'ioredis';
import type { JwtVerifier } from '../auth/jwt-verifier';
import type { Config } from '../config/config';
import { CALLBACK_PATH as MSP_SSO_CALLBACK_PATH } from '../msp-sso/msp-sso-callback.routes';
import { graphqlRateLimitHooks } from './rate-limit-graphql';
import { sendRestRateLimited } from './rate-limit-replies';
import { RateLimiter, type RateLimitBucket } from './rate-limiter';
import { STABLE_ROUTES } from './stable-routes';

type Hook = (request: FastifyRequest, reply: FastifyReply, ...rest: any[]) => Promise<unknown>;

interface RouteHooks {
  onRequest: Hook;
  onSend?: Hook;
}

export interface RateLimitDeps {
  config: Pick<Config, 'rateLimits' | 'redis'>;
  redis: Redis | undefined;
  jwt: JwtVerifier;
}

/**
 * Rate limits for the routes anyone on the internet can reach: /graphql (per API key or JWT subject, per IP
 * without credentials), the OAuth callbacks and the provider webhooks (per IP). Attached as the first onRequest
 * hook of each route as it is declared, so a limited request is refused before its body is read and before
 * anything else runs, CE's 501 stubs included. Call before any of those routes is registered.
 */
export async function registerRateLimits(app: FastifyInstance, deps: RateLimitDeps): Promise<void> {
  const limits = deps.config.rateLimits;
  const limiter = await RateLimiter.register(app, {
    enabled: limits.enabled,
    redis: deps.redis,
    redisKeyPrefix: deps.config.redis?.prefix ?? 'switchboard',
  });
  const graphql = graphqlRateLimitHooks({
    perCaller: limiter.bucket('graphql:caller', limits.graphqlPerMinute),
    perIpUnauthenticated: limiter.bucket('graphql:anonymous', limits.graphqlAnonPerMinute),
    jwt: deps.jwt,
  });
  const callbacks = { onRequest: perIp(limiter.bucket('callbacks', limits.callbacksPerMinute)) };
  const webhooks = { onRequest: perIp(limiter.bucket('webhooks', limits.webhooksPerMinute)) };
  const table = new Map<string, RouteHooks>([
    ['/graphql', graphql],
    [STABLE_ROUTES['calendar.google.callback'], callbacks],
    [STABLE_ROUTES['calendar.microsoft.callback'], callbacks],
    [MSP_SSO_CALLBACK_PATH, callbacks],
    [STABLE_ROUTES['calendar.google.webhook'], webhooks],
    [STABLE_ROUTES['calendar.microsoft.webhook'], webhooks],
  ]);
  app.addHook('onRoute', (route) => {
    const hooks = table.get(route.url);
    if (hooks) attach(route, hooks);
  });
}

function perIp(bucket: RateLimitBucket): Hook {
  return async (request, reply) => {
    const verdict = await bucket.hit(request, request.ip);
    if (verdict.exceeded) return sendRestRateLimited(reply, verdict.retryAfterMs);
  };
}

function attach(route: RouteOptions, hooks: RouteHooks): void {
  route.onRequest = [hooks.onRequest, ...asList(route.onRequest)] as RouteOptions['onRequest'];
  if (hooks.onSend) route.onSend = [...asList(route.onSend), hooks.onSend] as RouteOptions['onSend'];
}

function asList<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
