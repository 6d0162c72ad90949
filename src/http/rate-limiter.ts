import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';

const ONE_MINUTE_MS = 60_000;

export interface RateLimitVerdict {
  exceeded: boolean;
  /** Requests counted in the current window, this one included (0 when nothing was counted). */
  count: number;
  /** Until the window resets; what Retry-After says when exceeded. */
  retryAfterMs: number;
}

/** One named budget: `hit` counts a request against `key` and says whether the budget is spent. */
export interface RateLimitBucket {
  readonly max: number;
  hit(request: FastifyRequest, key: string): Promise<RateLimitVerdict>;
}

export interface RateLimiterOptions {
  enabled: boolean;
  /** Shared counters for every API process; in-memory (per process) when undefined. */
  redis: Redis | undefined;
  redisKeyPrefix: string;
  windowMs?: number;
}

type CheckLimit = ReturnType<FastifyInstance['createRateLimit']>;

const NOT_COUNTED: RateLimitVerdict = Object.freeze({ exceeded: false, count: 0, retryAfterMs: 0 });

/**
 * Fixed-window counters from @fastify/rate-limit (its Redis store when Redis is configured), used through
 * `createRateLimit` so callers pick the key and shape the 429 themselves. The plugin lives in a scope of its own:
 * registered on the root it would also hook the MSP SSO routes, which run their own limiter.
 */
export class RateLimiter {
  /** Until the first connection, commands wait for it (milliseconds at boot); afterwards a lost Redis fails open. */
  private redisWasReady: boolean;

  private constructor(
    private readonly options: RateLimiterOptions,
    private readonly create: FastifyInstance['createRateLimit'] | undefined,
  ) {
    this.redisWasReady = options.redis?.status === 'ready';
    options.redis?.once('ready', () => (this.redisWasReady = true));
  }

  static async register(app: FastifyInstance, options: RateLimiterOptions): Promise<RateLimiter> {
    if (!options.enabled) return new RateLimiter(options, undefined);
    let create: FastifyInstance['createRateLimit'] | undefined;
    await app.register(async (scope) => {
      await scope.register(rateLimit, {
        global: false,
        redis: options.redis,
        nameSpace: `${options.redisKeyPrefix}:rate-limit:`,
        // A Redis fault must not take the API down with it; limits resume when Redis answers again.
        skipOnError: true,
      });
      create = scope.createRateLimit.bind(scope);
    });
    return new RateLimiter(options, create);
  }

  bucket(name: string, max: number): RateLimitBucket {
    if (!this.create) return { max, hit: async () => NOT_COUNTED };
    // The key travels next to the request: the plugin's key generator only ever receives the request.
    const keys = new WeakMap<FastifyRequest, string>();
    const check = this.create({ max, timeWindow: this.options.windowMs ?? ONE_MINUTE_MS, keyGenerator: (request) => keys.get(request)! });
    return { max, hit: (request, key) => this.hit(check, keys, request, `${name}:${key}`) };
  }

  private async hit(check: CheckLimit, keys: WeakMap<FastifyRequest, string>, request: FastifyRequest, key: string): Promise<RateLimitVerdict> {
    // While Redis is away, commands would queue for seconds: let requests through at once instead.
    if (this.redisWasReady && this.options.redis?.status !== 'ready') return NOT_COUNTED;
    keys.set(request, key);
    const result = await check(request);
    if (result.isAllowed) return NOT_COUNTED;
    return { exceeded: result.isExceeded, count: result.max - result.remaining, retryAfterMs: result.ttl };
  }
}
