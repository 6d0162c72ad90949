import { z } from 'zod';

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
  TRUST_PROXY: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^(true|false|\d{1,2}|[0-9a-fA-F.:/,\s]+)$/, 'must be true, false, a hop count, or a comma-separated list of proxy IPs/CIDRs')
      .optional(),
  ),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(262_144),
  GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(2).default(10),
  GRAPHQL_MAX_COST: z.coerce.number().int().min(10).default(5000),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  MICROSOFT_LOGIN_URL: z.preprocess(emptyAsUndefined, optionalUrl),
  MICROSOFT_AUTHORITY_HOST: z.preprocess(emptyAsUndefined, z.string().regex(/^[a-z0-9.-]+$/i, 'must be a host name').optional()),
  MICROSOFT_GRAPH_URL: z.preprocess(emptyAsUndefined, optionalUrl),
  GOOGLE_OAUTH_URL: z.preprocess(emptyAsUndefined, optionalUrl),
  GOOGLE_API_URL: z.preprocess(emptyAsUndefined, optionalUrl),
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
  jwt: { secret?: string; jwksUrl?: string; issuer?: string; audience?: string };
  bodyLimitBytes: number;
  /**
   * Which X-Forwarded-For hops to believe (Fastify trustProxy). Default false: the socket address is the client,
   * so nobody can pick their own rate-limit bucket by sending a header.
   */
  trustProxy: boolean | number | string[];
  graphql: { maxDepth: number; maxCost: number };
  shutdownTimeoutMs: number;
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
    jwt: { secret: e.JWT_SECRET, jwksUrl: e.JWT_JWKS_URL, issuer: e.JWT_ISSUER, audience: e.JWT_AUDIENCE },
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    graphql: { maxDepth: e.GRAPHQL_MAX_DEPTH, maxCost: e.GRAPHQL_MAX_COST },
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
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
