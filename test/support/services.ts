/** The machine's real PostgreSQL and Redis (node-svc). Override for other setups. */
export const PG_ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** A fixed key ring for tests (never used outside tests). */
export const TEST_SECRET_KEYS = `test1:${Buffer.alloc(32, 7).toString('base64')}`;
