import { Redis } from 'ioredis';
import { Client } from 'pg';
import { PG_ADMIN_URL, REDIS_URL } from './services';

/** Fails the run at once, with the fix, when the machine's PostgreSQL or Redis is not answering. */
export default async function globalSetup(): Promise<void> {
  const pg = new Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await pg.connect();
    await pg.query('select 1');
  } catch (error) {
    throw new Error(`PostgreSQL is not answering at ${PG_ADMIN_URL} (${(error as Error).message}). See FACTS/README for the start command.`);
  } finally {
    await pg.end().catch(() => undefined);
  }
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 3000 });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(`Redis is not answering at ${REDIS_URL} (${(error as Error).message}). See README for the start command.`);
  } finally {
    redis.disconnect();
  }
}
