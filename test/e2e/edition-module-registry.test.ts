import path from 'node:path';
import { TEST_SECRET_KEYS } from '../support/services';
import { spawnTs } from '../support/spawn-process';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

jest.setTimeout(60_000);

async function probe(edition: string, db: TestDatabase): Promise<{ status: number; eeModules: string[] }> {
  const child = spawnTs('test/support/loaded-modules-probe.ts', { EDITION: edition, DATABASE_URL: db.url, SECRET_KEYS: TEST_SECRET_KEYS });
  const code = await child.exited();
  if (code !== 0) throw new Error(`probe failed (${code}):\n${child.output()}`);
  return JSON.parse(child.output().trim().split('\n').pop()!);
}

describe('modules a booted process has loaded', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('modreg');
  });
  afterAll(() => db.drop());

  it('community loads nothing from ee/ and answers calendar URLs with 501', async () => {
    expect(await probe('community', db)).toEqual({ status: 501, eeModules: [] });
  });

  it('enterprise loads its calendar modules (the probe can see ee/)', async () => {
    const { eeModules } = await probe('enterprise', db);
    expect(eeModules).toContain(path.join('src', 'index.ts'));
    expect(eeModules.some((file) => file.includes('calendar'))).toBe(true);
  });
});
