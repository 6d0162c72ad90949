import { parseKeyRing } from '../../src/crypto/key-ring';
import { SecretBox } from '../../src/crypto/secret-box';
import { loadConfig } from '../../src/config/config';
import { runMigrations } from '../../src/db/migrate';
import { createLogger } from '../../src/observability/logger';
import { createRuntime } from '../../src/runtime/runtime';
import { coreMigrations } from '../../migrations';
import { LegacySignals } from '../support/legacy-signals';
import { TEST_SECRET_KEYS } from '../support/services';
import { testEnv } from '../support/test-app';
import { createTestDatabase, queryDatabase, type TestDatabase } from '../support/test-database';

const logger = createLogger('silent');

describe('legacy binding materialization at migration time', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('matmigr');
  });
  afterAll(() => db.drop());

  it('runs once, when the upgrade applies its migration, and not on later starts', async () => {
    // A deployment from before explicit bindings: Microsoft tables exist, the materialization step has not run.
    const before = { ...coreMigrations, migrations: coreMigrations.migrations.filter((entry) => !entry.materializesLegacyBindings) };
    await runMigrations(db.url, [before], logger);
    const legacy = new LegacySignals(db.url, new SecretBox(parseKeyRing(TEST_SECRET_KEYS)));
    const tenantId = await legacy.tenant();
    const profileId = await legacy.profile(tenantId);
    await legacy.loginDomain(tenantId);

    const upgraded = await createRuntime(loadConfig(testEnv(db)), { migrate: true, logger });
    try {
      expect(upgraded.migrations?.applied.core).toEqual(['Migration20261130040000MaterializeLegacyBindings']);
      expect(upgraded.migrations?.materialization?.tenants).toEqual([
        { tenantId, created: [{ consumer: 'msp_sso', profileId, evidence: expect.any(String) }], skipped: [], unresolved: [] },
      ]);
    } finally {
      await upgraded.close();
    }
    expect(await queryDatabase(db.url, 'select consumer, profile_id, created_by from microsoft_profile_consumer_bindings')).toEqual([
      { consumer: 'msp_sso', profile_id: profileId, created_by: 'materialization' },
    ]);

    // Evidence appearing later does not bind anything by itself: that needs an admin (or the explicit CLI command).
    const later = await legacy.tenant();
    await legacy.profile(later);
    await legacy.loginDomain(later);
    const restarted = await createRuntime(loadConfig(testEnv(db)), { migrate: true, logger });
    try {
      expect(restarted.migrations).toEqual({ applied: { core: [] }, materialization: undefined });
    } finally {
      await restarted.close();
    }
    expect(await queryDatabase(db.url, 'select 1 from microsoft_profile_consumer_bindings where tenant_id = $1', [later])).toEqual([]);
  });
});
