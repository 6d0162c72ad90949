import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config/config';
import { generateSecretKeys } from '../../src/crypto/key-ring';
import { createLogger } from '../../src/observability/logger';
import { createRuntime, type Runtime } from '../../src/runtime/runtime';
import { PgStatementCounter } from '../../test/support/pg-statement-counter';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database';

export interface BenchApp {
  app: FastifyInstance;
  runtime: Runtime;
  db: TestDatabase;
  /** Counts every statement the app sends to PostgreSQL. */
  counter: PgStatementCounter;
  gql(query: string, bearer: string, variables?: Record<string, unknown>): Promise<any>;
  close(): Promise<void>;
}

/** A throwaway database, migrated, and the real app in front of it (app.inject), its SQL counted on the wire. */
export async function startBenchApp(edition: 'community' | 'enterprise' = 'community'): Promise<BenchApp> {
  const db = await createTestDatabase('bench');
  const counter = await new PgStatementCounter().start();
  const config = loadConfig({ EDITION: edition, DATABASE_URL: counter.proxied(db.url), SECRET_KEYS: generateSecretKeys('bench'), LOG_LEVEL: 'silent', RUN_WORKERS: 'false' });
  const runtime = await createRuntime(config, { migrate: true, logger: createLogger('silent') });
  const app = await buildApp(runtime);
  return {
    app,
    runtime,
    db,
    counter,
    async gql(query, bearer, variables) {
      const response = await app.inject({
        method: 'POST',
        url: '/graphql',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
        payload: { query, variables },
      });
      const body = response.json();
      if (body.errors) throw new Error(`bench query failed: ${JSON.stringify(body.errors)}`);
      return body.data;
    },
    async close() {
      await app.close();
      await runtime.close();
      await counter.stop();
      await db.drop();
    },
  };
}
