import { Client } from 'pg';
import { parseKeyRing } from '../../src/crypto/key-ring';
import { SecretBox } from '../../src/crypto/secret-box';
import { SecretRotationService } from '../../src/crypto/secret-rotation.service';
import { tenantSecretContext } from '../../src/microsoft/legacy-credentials';
import { profileSecretContext } from '../../src/microsoft/profile-secret';
import { LegacySignals } from '../support/legacy-signals';
import { runCli } from '../support/server-boot-contract';
import { startTestApp, type TestApp } from '../support/test-app';
import { queryDatabase } from '../support/test-database';
import { waitFor } from '../support/wait-for';

jest.setTimeout(60_000);

const key = (id: string, fill: number) => `${id}:${Buffer.alloc(32, fill).toString('base64')}`;
const OLD = key('old', 1);
const NEW = key('new', 2);
const oldBox = new SecretBox(parseKeyRing(OLD));
const rotatingBox = new SecretBox(parseKeyRing(`${NEW},${OLD}`));
const newOnlyBox = new SecretBox(parseKeyRing(NEW));

describe('secrets rotate', () => {
  let t: TestApp;
  let tenantId: string;
  const profiles = () => queryDatabase<{ id: string; client_secret: string }>(t.db.url, 'select id, client_secret from microsoft_profiles order by id');
  const secrets = () => queryDatabase<{ name: string; value: string }>(t.db.url, 'select name, value from tenant_secrets order by name');
  const service = (batchSize = 2) =>
    new SecretRotationService({ orm: t.runtime.deps.orm, secretBox: rotatingBox, columns: t.runtime.registry.encryptedColumns(), logger: t.runtime.deps.logger, batchSize });

  /** Three profiles and two envelope tenant secrets on the old key, one plaintext legacy secret. */
  const seedOldKeyRows = async () => {
    const seed = new LegacySignals(t.db.url, oldBox);
    for (let i = 0; i < 3; i++) await seed.profile(tenantId);
    await seed.tenantSecret(tenantId, 'microsoft_client_id', 'legacy-client-id', { encrypted: true });
    await seed.tenantSecret(tenantId, 'microsoft_client_secret', 'legacy-client-secret', { encrypted: true });
    await seed.tenantSecret(tenantId, 'microsoft_tenant_id', 'plain-legacy-tenant');
  };

  beforeAll(async () => {
    t = await startTestApp();
    tenantId = await new LegacySignals(t.db.url, oldBox).tenant();
  });
  beforeEach(() => queryDatabase(t.db.url, 'truncate microsoft_profiles, tenant_secrets cascade'));
  afterAll(() => t.close());

  it('re-encrypts old-key values in batches so they read with only the new key in the ring', async () => {
    await seedOldKeyRows();
    const report = await service().rotate();
    expect(report).toEqual({
      dryRun: false,
      columns: [
        { table: 'microsoft_profiles', column: 'client_secret', scanned: 3, rotated: 3, concurrentlyChanged: 0, failed: [] },
        { table: 'tenant_secrets', column: 'value', scanned: 2, rotated: 2, concurrentlyChanged: 0, failed: [] },
      ],
    });
    for (const row of await profiles()) expect(newOnlyBox.decrypt(row.client_secret, profileSecretContext(row.id))).toBe(`secret-${row.id}`);
    const stored = Object.fromEntries((await secrets()).map((row) => [row.name, row.value]));
    expect(newOnlyBox.decrypt(stored.microsoft_client_secret!, tenantSecretContext(tenantId, 'microsoft_client_secret'))).toBe('legacy-client-secret');
    expect(stored.microsoft_tenant_id).toBe('plain-legacy-tenant');
    expect(JSON.stringify(report)).not.toMatch(/secret-|legacy-client/);
  });

  it('leaves values already on the active key untouched', async () => {
    const seed = new LegacySignals(t.db.url, rotatingBox);
    await seed.profile(tenantId);
    await seed.tenantSecret(tenantId, 'microsoft_client_secret', 'current', { encrypted: true });
    const before = [await profiles(), await secrets()];
    const report = await service().rotate();
    expect(report.columns.map((column) => [column.scanned, column.rotated])).toEqual([
      [1, 0],
      [1, 0],
    ]);
    expect([await profiles(), await secrets()]).toEqual(before);
  });

  it('reports a value that does not decrypt and leaves it as it is, rotating the rest', async () => {
    const seed = new LegacySignals(t.db.url, oldBox);
    const good = await seed.profile(tenantId);
    const lostKey = await seed.profile(tenantId);
    const copied = await seed.profile(tenantId);
    const unknownKeyValue = new SecretBox(parseKeyRing(key('lost', 3))).encrypt('x', profileSecretContext(lostKey));
    const goodValue = (await profiles()).find((row) => row.id === good)!.client_secret;
    await queryDatabase(t.db.url, 'update microsoft_profiles set client_secret = $2 where id = $1', [lostKey, unknownKeyValue]);
    // A ciphertext copied from another row fails authentication: its context names the other row.
    await queryDatabase(t.db.url, 'update microsoft_profiles set client_secret = $2 where id = $1', [copied, goodValue]);
    const [column] = (await service().rotate()).columns;
    expect(column).toMatchObject({ scanned: 3, rotated: 1 });
    expect(column!.failed).toEqual(
      expect.arrayContaining([
        { table: 'microsoft_profiles', id: lostKey, reason: expect.stringMatching(/key "lost".*not in SECRET_KEYS/) },
        { table: 'microsoft_profiles', id: copied, reason: expect.stringMatching(/failed authentication/) },
      ]),
    );
    const after = Object.fromEntries((await profiles()).map((row) => [row.id, row.client_secret]));
    expect([after[lostKey], after[copied]]).toEqual([unknownKeyValue, goodValue]);
  });

  it('dry run reports what it would rotate and writes nothing', async () => {
    await seedOldKeyRows();
    const before = [await profiles(), await secrets()];
    const report = await service().rotate({ dryRun: true });
    expect(report.dryRun).toBe(true);
    expect(report.columns.map((column) => column.rotated)).toEqual([3, 2]);
    expect([await profiles(), await secrets()]).toEqual(before);
  });

  it('never overwrites a value written concurrently (compare-and-set)', async () => {
    const profileId = await new LegacySignals(t.db.url, oldBox).profile(tenantId);
    const concurrent = rotatingBox.encrypt('rotated-by-an-admin', profileSecretContext(profileId));
    const writer = new Client({ connectionString: t.db.url });
    await writer.connect();
    try {
      // Hold the row while rotation reads the old value, so its update waits, then commit a different value.
      await writer.query('begin');
      await writer.query('select 1 from microsoft_profiles where id = $1 for update', [profileId]);
      const rotation = service().rotate();
      const waiting = async () =>
        (await queryDatabase(t.db.url, "select 1 from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'")).length > 0;
      await waitFor(waiting, 'rotation to wait for the row lock');
      await writer.query('update microsoft_profiles set client_secret = $2 where id = $1', [profileId, concurrent]);
      await writer.query('commit');
      expect((await rotation).columns[0]).toMatchObject({ scanned: 1, rotated: 0, concurrentlyChanged: 1, failed: [] });
    } finally {
      await writer.end();
    }
    expect((await profiles())[0]!.client_secret).toBe(concurrent);
  });

  it('runs as `switchboard secrets rotate` and prints counts, never secrets', async () => {
    await seedOldKeyRows();
    const env = { EDITION: 'community', DATABASE_URL: t.db.url, SECRET_KEYS: `${NEW},${OLD}` };
    const result = await runCli(env, 'secrets', 'rotate');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.output.trim().split('\n').pop()!);
    expect(report.columns.map((column: { table: string; rotated: number }) => [column.table, column.rotated])).toEqual([
      ['microsoft_profiles', 3],
      ['tenant_secrets', 2],
    ]);
    expect(result.output).not.toMatch(/secret-|legacy-client/);
  });
});
