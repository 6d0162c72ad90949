import { spawnSync } from 'node:child_process';
import { TEST_SECRET_KEYS } from '../../../test/support/services';
import { PROJECT_ROOT } from '../../../test/support/spawn-process';
import { createTestDatabase } from '../../../test/support/test-database';

jest.setTimeout(60_000);

describe('npx switchboard (enterprise)', () => {
  it('loads the Enterprise entry through the package bin and applies the EE migrations', async () => {
    const db = await createTestDatabase('eenpx');
    try {
      const run = spawnSync('npx', ['switchboard', 'migrate'], {
        cwd: PROJECT_ROOT,
        encoding: 'utf8',
        env: { PATH: process.env.PATH, HOME: process.env.HOME, EDITION: 'enterprise', DATABASE_URL: db.url, SECRET_KEYS: TEST_SECRET_KEYS, LOG_LEVEL: 'warn' },
      });
      expect(run.stderr).not.toMatch(/ERR_MODULE_NOT_FOUND/);
      expect(run.status).toBe(0);
      const report = JSON.parse(run.stdout.trim().split('\n').pop()!);
      expect(report.applied.enterprise).toEqual(expect.arrayContaining(['Migration20261130030000CalendarSync']));
    } finally {
      await db.drop();
    }
  });
});
