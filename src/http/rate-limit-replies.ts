import type { FastifyReply } from 'fastify';

export const RATE_LIMITED_CODE = 'RATE_LIMITED';
const MESSAGE = 'Too many requests: retry after the time in the Retry-After header.';

/** Whole seconds, at least 1: `Retry-After: 0` invites an immediate retry loop. */
export function retryAfterSeconds(retryAfterMs: number): number {
  return Math.max(1, Math.ceil(retryAfterMs / 1000));
}

function limited(reply: FastifyReply, retryAfterMs: number): FastifyReply {
  return reply.code(429).header('retry-after', String(retryAfterSeconds(retryAfterMs))).header('cache-control', 'no-store');
}

/** REST routes (OAuth callbacks, webhooks): the same JSON shape as their other answers. */
export function sendRestRateLimited(reply: FastifyReply, retryAfterMs: number): FastifyReply {
  return limited(reply, retryAfterMs).send({ success: false, error: MESSAGE, code: RATE_LIMITED_CODE });
}

/** /graphql: a GraphQL error response, so clients read `extensions.code` as they do for every other refusal. */
export function sendGraphqlRateLimited(reply: FastifyReply, retryAfterMs: number): FastifyReply {
  const retryAfterMsRounded = retryAfterSeconds(retryAfterMs) * 1000;
  return limited(reply, retryAfterMs)
    .type('application/json; charset=utf-8')
    .send({ errors: [{ message: MESSAGE, extensions: { code: RATE_LIMITED_CODE, retryAfterMs: retryAfterMsRounded } }] });
}
