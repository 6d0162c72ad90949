import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { CONSUMER_MATRIX, consumersFor, isConsumerAvailable, isFeatureAvailable } from '../../src/edition/matrix';

const ROOT = path.resolve(__dirname, '../..');
const CE_DIRS = ['src', 'workers', 'schema', 'migrations'];
/** Any import/require/import() whose specifier reaches into ee/ (relative or rooted). */
const EE_IMPORT = /(?:from\s+|require\s*\(\s*|import\s*\(\s*)['"`](?:\.{1,2}\/)+(?:\.\.\/)*ee(?:\/|['"`])/;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return filesUnder(full);
    return /\.(ts|cjs|js|graphql)$/.test(entry) ? [full] : [];
  });
}

describe('edition boundary', () => {
  it('has no static import of ee/ anywhere in CE code', () => {
    const offenders = CE_DIRS.flatMap((dir) => filesUnder(path.join(ROOT, dir)))
      .filter((file) => EE_IMPORT.test(readFileSync(file, 'utf8')))
      .map((file) => path.relative(ROOT, file));
    expect(offenders).toEqual([]);
  });

  it('detects the forms of import it guards against', () => {
    for (const line of ["import { x } from '../../ee/src/index';", "const m = require('../ee/src');", "await import('../../ee/src/index')"]) {
      expect(EE_IMPORT.test(line)).toBe(true);
    }
    expect(EE_IMPORT.test("import { x } from './fee/thing';")).toBe(false);
  });
});

describe('edition matrix', () => {
  it('offers only MSP SSO in community and all four consumers in enterprise', () => {
    expect(consumersFor('community')).toEqual(['msp_sso']);
    expect(consumersFor('enterprise')).toEqual(['msp_sso', 'email', 'calendar', 'teams']);
    expect(isConsumerAvailable('community', 'email')).toBe(false);
    expect(isConsumerAvailable('community', 'unknown')).toBe(false);
    expect(isConsumerAvailable('enterprise', 'teams')).toBe(true);
  });

  it('keeps calendar sync enterprise-only', () => {
    expect(isFeatureAvailable('community', 'calendar_sync')).toBe(false);
    expect(isFeatureAvailable('enterprise', 'calendar_sync')).toBe(true);
  });

  it('records what rebinding each consumer means', () => {
    expect(Object.fromEntries(CONSUMER_MATRIX.map((row) => [row.consumer, row.onRebind]))).toEqual({
      msp_sso: 'none',
      email: 'reauthorize_outlook_mailboxes',
      calendar: 'reauthorize_microsoft_calendars',
      teams: 'reset_teams_install',
    });
  });
});
