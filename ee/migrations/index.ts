import type { MigrationSet } from '../../src/db/migrate';

/**
 * EE-only tables (calendar sync, Teams). Tracked in their own table so a CE database never records them and
 * switching a database to enterprise applies exactly this set on top of the CE schema. Append only.
 */
export const eeMigrations: MigrationSet = {
  name: 'enterprise',
  tableName: 'mikro_orm_migrations_ee',
  migrations: [],
};
