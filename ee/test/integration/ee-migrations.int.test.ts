import { runMigrations } from '../../../src/db/migrate';
import { loadEdition } from '../../../src/edition/load-edition';
import { createLogger } from '../../../src/observability/logger';
import { createTestDatabase, queryDatabase, type TestDatabase } from '../../../test/support/test-database';

const logger = createLogger('silent');

describe('enterprise migrations', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('eemigr');
  });
  afterAll(() => db.drop());

  it('adds the EE set, with its own bookkeeping table, when a CE database moves to enterprise', async () => {
    await runMigrations(db.url, (await loadEdition('community')).migrationSets(), logger);
    const enterprise = await loadEdition('enterprise');
    expect(enterprise.migrationSets().map((set) => set.name)).toEqual(['core', 'enterprise']);
    const applied = await runMigrations(db.url, enterprise.migrationSets(), logger);
    expect(applied.core).toEqual([]);
    const tables = await queryDatabase<{ table_name: string }>(db.url, "select table_name from information_schema.tables where table_schema = 'public'");
    expect(tables.map((row) => row.table_name)).toEqual(expect.arrayContaining([
        'mikro_orm_migrations_ee',
        'teams_integrations',
        'calendar_providers',
        'calendar_event_mappings',
        'calendar_sync_conflicts',
        'oauth_states',
        'calendar_pending_grants',
        'calendar_sync_runs',
        'calendar_sync_log',
        'webhook_inbox',
        'google_calendar_apps',
      ]));
  });
});
