import { Migration } from '@mikro-orm/migrations';
import { runMigrations, type MigrationSet } from '../../src/db/migrate';
import { loadEdition } from '../../src/edition/load-edition';
import { createLogger } from '../../src/observability/logger';
import { createTestDatabase, queryDatabase, type TestDatabase } from '../support/test-database';

const logger = createLogger('silent');

class CreateWidgets extends Migration {
  override async up() {
    this.addSql('create table widgets (id int primary key);');
  }
}
class CreateGadgets extends Migration {
  override async up() {
    this.addSql('create table gadgets (id int primary key);');
  }
}
class Broken extends Migration {
  override async up() {
    this.addSql('create table half_done (id int primary key);');
    this.addSql('select * from table_that_does_not_exist;');
  }
}

const tables = async (db: TestDatabase) =>
  (await queryDatabase<{ table_name: string }>(db.url, "select table_name from information_schema.tables where table_schema = 'public' order by 1")).map(
    (row) => row.table_name,
  );

describe('migrations', () => {
  const databases: TestDatabase[] = [];
  const fresh = async () => {
    const db = await createTestDatabase('migr');
    databases.push(db);
    return db;
  };
  afterAll(() => Promise.all(databases.map((db) => db.drop())));

  it('creates the CE schema in community and records it in the CE table only', async () => {
    const db = await fresh();
    const registry = await loadEdition('community');
    expect(registry.migrationSets().map((set) => set.name)).toEqual(['core']);
    await runMigrations(db.url, registry.migrationSets(), logger);
    const ceTables = await tables(db);
    expect(ceTables).toEqual(expect.arrayContaining(['api_keys', 'tenants', 'users', 'microsoft_profiles', 'microsoft_profile_consumer_bindings']));
    expect(ceTables.filter((name) => /calendar|teams|mikro_orm_migrations_ee/.test(name))).toEqual([]);
  });

  it('runs each set once, in order, and leaves the other edition’s rows alone', async () => {
    const db = await fresh();
    const ce: MigrationSet = { name: 'ce', tableName: 'm_ce', migrations: [{ name: 'M1Widgets', class: CreateWidgets }] };
    const ee: MigrationSet = { name: 'ee', tableName: 'm_ee', migrations: [{ name: 'M1Gadgets', class: CreateGadgets }] };
    expect(await runMigrations(db.url, [ce], logger)).toEqual({ ce: ['M1Widgets'] });
    expect(await tables(db)).not.toContain('gadgets');
    expect(await runMigrations(db.url, [ce, ee], logger)).toEqual({ ce: [], ee: ['M1Gadgets'] });
    expect(await runMigrations(db.url, [ce], logger)).toEqual({ ce: [] });
    expect(await queryDatabase(db.url, 'select name from m_ee')).toEqual([{ name: 'M1Gadgets' }]);
  });

  it('serialises concurrent runners (several processes starting at once)', async () => {
    const db = await fresh();
    const set: MigrationSet = { name: 'ce', tableName: 'm_ce', migrations: [{ name: 'M1Widgets', class: CreateWidgets }] };
    const results = await Promise.all([1, 2, 3].map(() => runMigrations(db.url, [set], logger)));
    expect(results.flatMap((result) => result.ce)).toEqual(['M1Widgets']);
  });

  it('rolls a failing migration back completely and names the set', async () => {
    const db = await fresh();
    const set: MigrationSet = { name: 'broken', tableName: 'm_b', migrations: [{ name: 'M1Broken', class: Broken }] };
    await expect(runMigrations(db.url, [set], logger)).rejects.toThrow(/migration set "broken" failed/);
    expect(await tables(db)).not.toContain('half_done');
  });
});
