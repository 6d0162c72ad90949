import { z } from 'zod';
import { DNS_SERVERS_FORMAT, isDnsServerList, parseDnsServers } from './dns-servers';

/** Parses one env var as a boolean, accepting the spellings operators actually type. */
const booleanFlag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .optional()
    .transform((value) => (value === undefined ? fallback : ['true', '1', 'yes'].includes(value)));

const optionalUrl = z.url().optional();
const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_URL: optionalUrl,
  APP_URL: z.preprocess(emptyAsUndefined, optionalUrl),
  EDITION: z.enum(['community', 'enterprise']).default('community'),
  DATABASE_URL: z.preprocess(emptyAsUndefined, z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional()),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  DATA_DIR: z.string().min(1).default('./.data'),
  REDIS_URL: z.preprocess(emptyAsUndefined, z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL').optional()),
  REDIS_PREFIX: z.string().min(1).default('switchboard'),
  SECRET_KEYS: z.preprocess(emptyAsUndefined, z.string().optional()),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  RUN_WORKERS: booleanFlag(true),
  JWT_SECRET: z.preprocess(emptyAsUndefined, z.string().min(32, 'must be at least 32 characters').optional()),
  JWT_JWKS_URL: z.preprocess(emptyAsUndefined, optionalUrl),
  JWT_ISSUER: z.preprocess(emptyAsUndefined, z.string().optional()),
  JWT_AUDIENCE: z.preprocess(emptyAsUndefined, z.string().optional()),
  JWT_MAX_LIFETIME_SECONDS: z.coerce.number().int().min(60).default(86_400),
  TRUST_PROXY: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^(true|false|\d{1,2}|[0-9a-fA-F.:/,\s]+)$/, 'must be true, false, a hop count, or a comma-separated list of proxy IPs/CIDRs')
      .optional(),
  ),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(262_144),
  GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(2).default(10),
  GRAPHQL_MAX_COST: z.coerce.number().int().min(10).default(50000),
  RATE_LIMIT_ENABLED: booleanFlag(true),
  RATE_LIMIT_GRAPHQL_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  RATE_LIMIT_GRAPHQL_ANON_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  RATE_LIMIT_CALLBACKS_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  RATE_LIMIT_WEBHOOKS_PER_MINUTE: z.coerce.number().int().min(1).default(1200),
  AUTH_CACHE_TTL_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
  AUTH_CACHE_MAX_ENTRIES: z.coerce.number().int().min(1).default(10_000),
  METRICS_TOKEN: z.preprocess(emptyAsUndefined, z.string().min(16, 'must be at least 16 characters').optional()),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  OUTBOX_POLL_INTERVAL_MS: z.coerce.number().int().min(50).default(1000),
  OUTBOX_LEASE_SECONDS: z.coerce.number().int().min(2).default(60),
  OUTBOX_RETRY_MAX_SECONDS: z.coerce.number().int().min(1).default(300),
  OUTBOX_RETENTION_HOURS: z.coerce.number().int().min(1).default(168),
  CALENDAR_SYNC_WINDOW_PAST_DAYS: z.coerce.number().int().min(0).max(3650).default(30),
  CALENDAR_SYNC_WINDOW_FUTURE_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
  CALENDAR_SYNC_LEASE_SECONDS: z.coerce.number().int().min(2).default(120),
  CALENDAR_MAILBOX_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  CALENDAR_SYNC_PAGE_SIZE: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(2500).optional()),
  CALENDAR_WEBHOOK_INBOX_RETENTION_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  CALENDAR_WEBHOOK_SWEEP_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  CALENDAR_WEBHOOK_MAINTENANCE_INTERVAL_MS: z.coerce.number().int().min(1000).max(86_400_000).default(1_800_000),
  CALENDAR_WEBHOOK_OWNER_CACHE_MS: z.coerce.number().int().min(0).max(300_000).default(30_000),
  MICROSOFT_LOGIN_URL: z.preprocess(emptyAsUndefined, optionalUrl),
  MICROSOFT_AUTHORITY_HOST: z.preprocess(emptyAsUndefined, z.string().regex(/^[a-z0-9.-]+$/i, 'must be a host name').optional()),
  MICROSOFT_GRAPH_URL: z.preprocess(emptyAsUndefined, optionalUrl),
  GOOGLE_OAUTH_URL: z.preprocess(emptyAsUndefined, optionalUrl),
  GOOGLE_API_URL: z.preprocess(emptyAsUndefined, optionalUrl),
  DNS_SERVERS: z.preprocess(emptyAsUndefined, z.string().refine(isDnsServerList, DNS_SERVERS_FORMAT).optional()),
});

export type Edition = 'community' | 'enterprise';

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  /** The PSA front end: OAuth callbacks send the browser back there. Defaults to PUBLIC_URL. */
  appUrl: string;
  edition: Edition;
  database: { url: string | undefined; poolMax: number };
  dataDir: string;
  redis: { url: string; prefix: string } | undefined;
  secretKeys: string | undefined;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  runWorkers: boolean;
  /** Host-PSA JWTs; maxLifetimeSeconds caps exp - iat (or exp - now): a leaked token cannot live for months. */
  jwt: { secret?: string; jwksUrl?: string; issuer?: string; audience?: string; maxLifetimeSeconds: number };
  bodyLimitBytes: number;
  /**
   * Which X-Forwarded-For hops to believe (Fastify trustProxy). Default false: the socket address is the client,
   * so nobody can pick their own rate-limit bucket by sending a header.
   */
  trustProxy: boolean | number | string[];
  graphql: { maxDepth: number; maxCost: number };
  /** Requests per minute: /graphql per API key or JWT subject, per IP without credentials; callbacks/webhooks per IP. */
  rateLimits: { enabled: boolean; graphqlPerMinute: number; graphqlAnonPerMinute: number; callbacksPerMinute: number; webhooksPerMinute: number };
  /** Per-process cache of API key / JWT subject lookups (invalidated by NOTIFY); ttlMs 0 turns it off. */
  authCache: { ttlMs: number; maxEntries: number };
  /** When set, GET /metrics requires `Authorization: Bearer <token>`. */
  metricsToken: string | undefined;
  shutdownTimeoutMs: number;
  /**
   * Outbox relay (src/events): polling fallback next to NOTIFY; how long a claimed event stays reserved (a relay
   * that dies holds its events this long; a subscriber gets half of it); retry backoff cap; published-row retention.
   */
  outbox: { pollIntervalMs: number; leaseSeconds: number; retryMaxSeconds: number; retentionHours: number };
  /** EE calendar sync: what a full listing covers, how long a run's lease lasts, requests in flight per mailbox. */
  calendarSync: {
    window: { pastDays: number; futureDays: number };
    leaseMs: number;
    mailboxConcurrency: number;
    /** Events per listing page (a checkpoint each); unset: the provider default (Google 1000, Graph 100). */
    pageSize?: number;
  };
  /**
   * EE webhook inbox: how long notifications are kept; how often the sweeper looks for ones whose sync job was lost
   * (also the age a row must reach before it counts as lost).
   */
  calendarWebhookInbox: { retentionMs: number; sweepIntervalMs: number };
  /** EE: period of the calendar-webhook-maintenance run (renewals, recreation, polling fallback). */
  calendarWebhookMaintenance: { intervalMs: number };
  /** EE webhook acks: how long a process keeps a verified channel's owner and secret digest, a backstop behind NOTIFY invalidation (0: read every time). */
  calendarWebhookIntake: { ownerCacheMs: number };
  /** Resolvers for DNS proofs (MSP SSO domain verification); [] = the system's. Tests point it at a loopback server. */
  dnsServers: string[];
  /**
   * Provider endpoints. Unset = the real services. Set (e.g. by `npm run simulators`) = loopback simulators:
   * msal then uses authority `https://<authorityHost>/<tenant>` with metadata pointing at loginUrl.
   */
  providers: {
    microsoft: { loginUrl: string | undefined; authorityHost: string; graphUrl: string };
    google: { oauthUrl: string | undefined; apiUrl: string };
  };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads the process environment into one typed Config; any bad variable stops startup naming it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  if (e.SECRET_KEYS === undefined && e.DATABASE_URL !== undefined) {
    throw new ConfigError(
      'Invalid configuration:\n  SECRET_KEYS: required when DATABASE_URL is set ' +
        '(comma-separated keyId:base64 pairs of 32-byte keys; see .env.example)',
    );
  }
  if (e.JWT_SECRET !== undefined && e.JWT_JWKS_URL !== undefined) {
    // One verification key type only: accepting both is what lets an HS256 token pass as an RS256 one.
    throw new ConfigError('Invalid configuration:\n  JWT_SECRET / JWT_JWKS_URL: set one of them, not both');
  }
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    appUrl: (e.APP_URL ?? e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    edition: e.EDITION,
    database: { url: e.DATABASE_URL, poolMax: e.DB_POOL_MAX },
    dataDir: e.DATA_DIR,
    redis: e.REDIS_URL ? { url: e.REDIS_URL, prefix: e.REDIS_PREFIX } : undefined,
    secretKeys: e.SECRET_KEYS,
    logLevel: e.LOG_LEVEL,
    runWorkers: e.RUN_WORKERS,
    jwt: {
      secret: e.JWT_SECRET,
      jwksUrl: e.JWT_JWKS_URL,
      issuer: e.JWT_ISSUER,
      audience: e.JWT_AUDIENCE,
      maxLifetimeSeconds: e.JWT_MAX_LIFETIME_SECONDS,
    },
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    graphql: { maxDepth: e.GRAPHQL_MAX_DEPTH, maxCost: e.GRAPHQL_MAX_COST },
    rateLimits: {
      enabled: e.RATE_LIMIT_ENABLED,
      graphqlPerMinute: e.RATE_LIMIT_GRAPHQL_PER_MINUTE,
      graphqlAnonPerMinute: e.RATE_LIMIT_GRAPHQL_ANON_PER_MINUTE,
      callbacksPerMinute: e.RATE_LIMIT_CALLBACKS_PER_MINUTE,
      webhooksPerMinute: e.RATE_LIMIT_WEBHOOKS_PER_MINUTE,
    },
    authCache: { ttlMs: e.AUTH_CACHE_TTL_SECONDS * 1000, maxEntries: e.AUTH_CACHE_MAX_ENTRIES },
    metricsToken: e.METRICS_TOKEN,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    outbox: {
      pollIntervalMs: e.OUTBOX_POLL_INTERVAL_MS,
      leaseSeconds: e.OUTBOX_LEASE_SECONDS,
      retryMaxSeconds: e.OUTBOX_RETRY_MAX_SECONDS,
      retentionHours: e.OUTBOX_RETENTION_HOURS,
    },
    calendarSync: {
      window: { pastDays: e.CALENDAR_SYNC_WINDOW_PAST_DAYS, futureDays: e.CALENDAR_SYNC_WINDOW_FUTURE_DAYS },
      leaseMs: e.CALENDAR_SYNC_LEASE_SECONDS * 1000,
      mailboxConcurrency: e.CALENDAR_MAILBOX_CONCURRENCY,
      pageSize: e.CALENDAR_SYNC_PAGE_SIZE,
    },
    calendarWebhookInbox: { retentionMs: e.CALENDAR_WEBHOOK_INBOX_RETENTION_DAYS * 86_400_000, sweepIntervalMs: e.CALENDAR_WEBHOOK_SWEEP_INTERVAL_MS },
    calendarWebhookMaintenance: { intervalMs: e.CALENDAR_WEBHOOK_MAINTENANCE_INTERVAL_MS },
    calendarWebhookIntake: { ownerCacheMs: e.CALENDAR_WEBHOOK_OWNER_CACHE_MS },
    dnsServers: parseDnsServers(e.DNS_SERVERS),
    providers: {
      microsoft: {
        loginUrl: e.MICROSOFT_LOGIN_URL?.replace(/\/+$/, ''),
        authorityHost: e.MICROSOFT_AUTHORITY_HOST ?? 'login.microsoftonline.com',
        graphUrl: (e.MICROSOFT_GRAPH_URL ?? 'https://graph.microsoft.com').replace(/\/+$/, ''),
      },
      google: {
        oauthUrl: e.GOOGLE_OAUTH_URL?.replace(/\/+$/, ''),
        apiUrl: e.GOOGLE_API_URL ?? 'https://www.googleapis.com/',
      },
    },
  };
}

function parseTrustProxy(value: string | undefined): boolean | number | string[] {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value.split(',').map((entry) => entry.trim()).filter(Boolean);
}
