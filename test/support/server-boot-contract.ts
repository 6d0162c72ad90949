import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Edition } from '../../src/config/config';
import { REDIS_URL, TEST_SECRET_KEYS } from './services';
import { graphql, spawnTs, startServer } from './spawn-process';
import { createTestDatabase, type TestDatabase } from './test-database';

export const runCli = (env: NodeJS.ProcessEnv, ...args: string[]) => {
  const run = spawnTs('src/cli/main.ts', { LOG_LEVEL: 'warn', ...env }, undefined, args);
  return run.exited().then((code) => ({ code, output: run.output() }));
};

/** `npm start` in one edition: real services, then embedded mode. Shared by the CE and EE suites. */
export function describeServerBoot(edition: Edition) {
  describe(`npm start (${edition})`, () => {
    const expected = edition.toUpperCase();

    it('boots against real PostgreSQL + Redis, serves GraphQL, and shuts down cleanly on SIGTERM', async () => {
      const db: TestDatabase = await createTestDatabase(`boot${edition}`);
      const env = { EDITION: edition, DATABASE_URL: db.url, SECRET_KEYS: TEST_SECRET_KEYS, REDIS_URL, REDIS_PREFIX: `sbtest-boot-${edition}` };
      try {
        const server = await startServer(env);
        const ready = await fetch(`${server.baseUrl}/readyz`).then((response) => response.json());
        expect(ready).toMatchObject({ status: 'ready', checks: { database: { ok: true }, redis: { ok: true } } });
        const created = await runCli(env, 'tenant', 'create', '--name', 'Boot MSP', '--admin-email', 'ops@boot.example');
        expect(created.code).toBe(0);
        const { apiKey } = JSON.parse(created.output.trim().split('\n').pop()!);
        expect(await graphql(server.baseUrl, '{ edition }', apiKey)).toEqual({ data: { edition: expected } });
        expect(await server.stop()).toBe(0);
      } finally {
        await db.drop();
      }
    });

    it('boots with no database or Redis configured (PGlite + local queue) and keeps data across restarts', async () => {
      const dataDir = await mkdtemp(path.join(tmpdir(), 'sb-embedded-'));
      const env = { EDITION: edition, DATA_DIR: dataDir };
      try {
        const first = await startServer(env);
        expect(first.output()).toMatch(/embedded PGlite/);
        expect(first.output()).toMatch(/SECRET_KEYS is not set/);
        // The CLI reaches the running server's embedded database instead of opening the directory twice.
        const created = await runCli(env, 'tenant', 'create', '--name', 'Embedded MSP', '--admin-email', 'dev@embedded.example');
        expect(created.code).toBe(0);
        const { apiKey } = JSON.parse(created.output.trim().split('\n').pop()!);
        expect(await graphql(first.baseUrl, '{ edition viewer { tenant { name } } }', apiKey)).toEqual({
          data: { edition: expected, viewer: { tenant: { name: 'Embedded MSP' } } },
        });
        // EE verifies webhooks with bound-parameter SQL (src/db/bound-query.ts), which PGlite's socket must carry too.
        const push = await fetch(`${first.baseUrl}/api/calendar/webhooks/google`, {
          method: 'POST',
          headers: { 'x-goog-channel-id': 'unknown-channel', 'x-goog-channel-token': 'token', 'x-goog-resource-state': 'exists' },
        });
        expect(push.status).toBe(edition === 'enterprise' ? 404 : 501);
        expect(await first.stop()).toBe(0);
        const devKeys = await readFile(path.join(dataDir, 'dev-secret-keys'), 'utf8');

        const second = await startServer(env);
        expect(await graphql(second.baseUrl, '{ viewer { tenant { name } } }', apiKey)).toEqual({ data: { viewer: { tenant: { name: 'Embedded MSP' } } } });
        expect(await readFile(path.join(dataDir, 'dev-secret-keys'), 'utf8')).toBe(devKeys);
        expect(await second.stop()).toBe(0);
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    });
  });
}
