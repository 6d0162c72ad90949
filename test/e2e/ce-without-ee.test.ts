import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TEST_SECRET_KEYS } from '../support/services';
import { PROJECT_ROOT, graphql, spawnTs, startServer } from '../support/spawn-process';
import { runCli } from '../support/server-boot-contract';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

jest.setTimeout(300_000);

/** The Community build: the project without ee/ (GitLab's rule: CE must stand on its own). */
const CE_TREE = ['package.json', 'tsconfig.json', 'codegen.yml', 'src', 'schema', 'migrations', 'workers', 'test'];

describe('Community Edition with ee/ deleted', () => {
  let tree: string;
  let db: TestDatabase;

  beforeAll(async () => {
    tree = mkdtempSync(path.join(tmpdir(), 'sb-ce-only-'));
    for (const entry of CE_TREE) cpSync(path.join(PROJECT_ROOT, entry), path.join(tree, entry), { recursive: true });
    symlinkSync(path.join(PROJECT_ROOT, 'node_modules'), path.join(tree, 'node_modules'), 'dir');
    db = await createTestDatabase('ceonly');
  });
  afterAll(async () => {
    rmSync(tree, { recursive: true, force: true });
    await db.drop();
  });

  it('really has no ee/ folder', () => {
    expect(existsSync(path.join(tree, 'ee'))).toBe(false);
    expect(existsSync(path.join(tree, 'src/edition/load-edition.ts'))).toBe(true);
  });

  it('type-checks', () => {
    const result = spawnSync(process.execPath, [path.join(tree, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', 'tsconfig.json'], { cwd: tree, encoding: 'utf8' });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('boots, migrates and serves GraphQL', async () => {
    const env = { EDITION: 'community', DATABASE_URL: db.url, SECRET_KEYS: TEST_SECRET_KEYS };
    const server = await startServer(env, tree);
    const created = await runCli(env, 'tenant', 'create', '--name', 'CE only', '--admin-email', 'ce@only.example');
    const { apiKey } = JSON.parse(created.output.trim().split('\n').pop()!);
    expect(await graphql(server.baseUrl, '{ edition microsoftConsumers { consumer } }', apiKey)).toEqual({
      data: { edition: 'COMMUNITY', microsoftConsumers: [{ consumer: 'MSP_SSO' }] },
    });
    expect(await server.stop()).toBe(0);
  });

  it('refuses EDITION=enterprise with a clear message', async () => {
    const server = spawnTs('src/server.ts', { EDITION: 'enterprise', DATABASE_URL: db.url, SECRET_KEYS: TEST_SECRET_KEYS }, tree);
    expect(await server.exited()).toBe(1);
    expect(server.output()).toMatch(/no Enterprise code \(ee\/ is missing\)/);
  });

  it('passes the CE unit, integration and security suites', () => {
    const result = spawnSync(process.execPath, [path.join(tree, 'node_modules/jest/bin/jest.js'), '--ci', 'test/unit', 'test/integration', 'test/security'], {
      cwd: tree,
      encoding: 'utf8',
      env: { ...process.env, JEST_WORKER_ID: undefined },
    });
    expect(result.stderr).toMatch(/Tests:\s+\d+ passed, \d+ total/);
    expect(result.status).toBe(0);
  });
});
