import { parseKeyRing } from '../../../src/crypto/key-ring';
import { SecretBox } from '../../../src/crypto/secret-box';
import { SecretRotationService } from '../../../src/crypto/secret-rotation.service';
import { LegacySignals } from '../../../test/support/legacy-signals';
import { startTestApp, type TestApp } from '../../../test/support/test-app';
import { queryDatabase } from '../../../test/support/test-database';
import { calendarTokensContext } from '../../src/calendar/calendar-tokens-secret';

const key = (id: string, fill: number) => `${id}:${Buffer.alloc(32, fill).toString('base64')}`;

describe('secrets rotate (enterprise)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ edition: 'enterprise' });
  });
  afterAll(() => t.close());

  it('also re-encrypts calendar provider tokens, registered from ee/', async () => {
    const oldBox = new SecretBox(parseKeyRing(key('old', 1)));
    const seed = new LegacySignals(t.db.url, oldBox);
    const providerId = await seed.calendarProvider(await seed.tenant(), 'microsoft');
    await queryDatabase(t.db.url, 'update calendar_providers set encrypted_tokens = $2 where id = $1', [
      providerId,
      oldBox.encrypt('{"refresh":"tok"}', calendarTokensContext(providerId)),
    ]);
    const { orm, logger } = t.runtime.deps;
    const columns = t.runtime.registry.encryptedColumns();
    const rotatingBox = new SecretBox(parseKeyRing(`${key('new', 2)},${key('old', 1)}`));
    const report = await new SecretRotationService({ orm, logger, columns, secretBox: rotatingBox }).rotate();
    expect(report.columns.find((column) => column.table === 'calendar_providers')).toEqual({
      table: 'calendar_providers',
      column: 'encrypted_tokens',
      scanned: 1,
      rotated: 1,
      concurrentlyChanged: 0,
      failed: [],
    });
    const [row] = await queryDatabase<{ encrypted_tokens: string }>(t.db.url, 'select encrypted_tokens from calendar_providers where id = $1', [providerId]);
    expect(new SecretBox(parseKeyRing(key('new', 2))).decrypt(row!.encrypted_tokens, calendarTokensContext(providerId))).toBe('{"refresh":"tok"}');
  });
});
