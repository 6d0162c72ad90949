import { tmpdir } from 'node:os';
import path from 'node:path';
import { REDIS_URL, TEST_SECRET_KEYS } from '../support/services';
import { describeServerBoot } from '../support/server-boot-contract';
import { spawnSync } from 'node:child_process';
import { PROJECT_ROOT, spawnTs } from '../support/spawn-process';
import { createTestDatabase, queryDatabase } from '../support/test-database';

jest.setTimeout(90_000);

describeServerBoot('community');

describe('startup failures', () => {
  it('stops with a message naming SECRET_KEYS when DATABASE_URL is set without it', async () => {
    const server = spawnTs('src/server.ts', { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres' });
    expect(await server.exited()).toBe(1);
    expect(server.output()).toMatch(/SECRET_KEYS: required when DATABASE_URL is set/);
  });

  it('stops with a message naming a bad variable', async () => {
    const server = spawnTs('src/server.ts', { EDITION: 'premium' });
    expect(await server.exited()).toBe(1);
    expect(server.output()).toMatch(/EDITION: Invalid option/);
  });
});

describe('npx switchboard', () => {
  it('runs the CLI through the package bin and migrates a fresh database', async () => {
    const db = await createTestDatabase('npxcli');
    try {
      const run = spawnSync('npx', ['switchboard', 'migrate'], {
        cwd: PROJECT_ROOT,
        encoding: 'utf8',
        env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: db.url, SECRET_KEYS: TEST_SECRET_KEYS, LOG_LEVEL: 'warn' },
      });
      expect(run.status).toBe(0);
      const report = JSON.parse(run.stdout.trim().split('\n').pop()!);
      expect(report.applied.core).toEqual(expect.arrayContaining(['Migration20261130000000CoreTables', 'Migration20261130040000MaterializeLegacyBindings']));
      expect(report.materialization).toEqual({ dryRun: false, tenants: [] });
      const usage = spawnSync('npx', ['switchboard', 'nonsense'], { cwd: PROJECT_ROOT, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: process.env.HOME } });
      expect(usage.status).toBe(2);
      expect(usage.stderr).toMatch(/switchboard tenant create --name/);
    } finally {
      await db.drop();
    }
  });
});

describe('npm run workers', () => {
  it('refuses to start without Redis, pointing at embedded mode', async () => {
    const workers = spawnTs('workers/main.ts', { DATA_DIR: path.join(tmpdir(), 'sb-unused') });
    expect(await workers.exited()).toBe(1);
    expect(workers.output()).toMatch(/needs REDIS_URL/);
  });

  it('starts against PostgreSQL + Redis and exits 0 on SIGTERM', async () => {
    const db = await createTestDatabase('workers');
    try {
      const workers = spawnTs('workers/main.ts', {
        DATABASE_URL: db.url,
        SECRET_KEYS: TEST_SECRET_KEYS,
        REDIS_URL,
        REDIS_PREFIX: 'sbtest-workers',
        LOG_LEVEL: 'info',
      });
      await workers.waitForOutput(/workers started/);
      expect(await workers.stop()).toBe(0);
      expect(await queryDatabase(db.url, 'select 1 as ok')).toEqual([{ ok: 1 }]);
    } finally {
      await db.drop();
    }
  });
});
