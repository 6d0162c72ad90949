import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app';
import { loadConfig, type Config, type Edition } from '../../src/config/config';
import { createLogger } from '../../src/observability/logger';
import { createRuntime, type Runtime } from '../../src/runtime/runtime';
import { TenantService, type CreatedTenant } from '../../src/tenants/tenant.service';
import { ApiKeyService } from '../../src/auth/api-key.service';
import { REDIS_URL, TEST_SECRET_KEYS } from './services';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface TestAppOptions {
  edition?: Edition;
  /** Use the machine's Redis (BullMQ + Redis checks) with a unique key prefix. */
  redis?: boolean;
  env?: NodeJS.ProcessEnv;
  /** Receives every log line (JSON) at debug level: lets tests prove secrets never reach the logs. */
  logSink?: (line: string) => void;
}

export interface GraphqlResult {
  status: number;
  data?: any;
  errors?: Array<{ message: string; extensions?: Record<string, unknown>; path?: unknown }>;
}

export interface TestApp {
  app: FastifyInstance;
  runtime: Runtime;
  config: Config;
  db: TestDatabase;
  createTenant(name?: string): Promise<CreatedTenant>;
  gql(query: string, variables?: Record<string, unknown>, bearer?: string): Promise<GraphqlResult>;
  close(): Promise<void>;
}

export function testEnv(db: TestDatabase, options: TestAppOptions = {}): NodeJS.ProcessEnv {
  return {
    EDITION: options.edition ?? 'community',
    DATABASE_URL: db.url,
    SECRET_KEYS: TEST_SECRET_KEYS,
    LOG_LEVEL: 'silent',
    PUBLIC_URL: 'http://switchboard.test',
    ...(options.redis ? { REDIS_URL, REDIS_PREFIX: `sbtest-${randomBytes(4).toString('hex')}` } : {}),
    ...options.env,
  };
}

/** A migrated database, a runtime and an app for app.inject(); one per test file (beforeAll). */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const db = await createTestDatabase(options.edition ?? 'community');
  const config = loadConfig(testEnv(db, options));
  const logger = options.logSink ? createLogger('debug', { write: options.logSink }) : createLogger('silent');
  const runtime = await createRuntime(config, { migrate: true, logger });
  const app = await buildApp(runtime);
  const apiKeys = new ApiKeyService(runtime.deps.orm);
  const tenants = new TenantService(runtime.deps.orm, apiKeys);
  let tenantCount = 0;
  return {
    app,
    runtime,
    config,
    db,
    createTenant: (name) => tenants.createWithAdmin({ name: name ?? `Tenant ${++tenantCount}`, adminEmail: `admin${tenantCount}@example.com` }),
    async gql(query, variables, bearer) {
      const response = await app.inject({
        method: 'POST',
        url: '/graphql',
        headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
        payload: { query, variables },
      });
      return { status: response.statusCode, ...response.json() };
    },
    async close() {
      await app.close();
      await runtime.close();
      await db.drop();
    },
  };
}
