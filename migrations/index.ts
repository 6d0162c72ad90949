import type { MigrationSet } from '../src/db/migrate';
import { Migration20261130000000CoreTables } from './Migration20261130000000CoreTables';
import { Migration20261130010000MicrosoftProfiles } from './Migration20261130010000MicrosoftProfiles';
import { Migration20261130040000MaterializeLegacyBindings } from './Migration20261130040000MaterializeLegacyBindings';
import { Migration20261130050000MspSsoTickets } from './Migration20261130050000MspSsoTickets';

/** CE migrations: the schema shared by both editions. Append only; never edit a released migration. */
export const coreMigrations: MigrationSet = {
  name: 'core',
  tableName: 'mikro_orm_migrations',
  migrations: [
    { name: 'Migration20261130000000CoreTables', class: Migration20261130000000CoreTables },
    { name: 'Migration20261130010000MicrosoftProfiles', class: Migration20261130010000MicrosoftProfiles },
    {
      name: 'Migration20261130040000MaterializeLegacyBindings',
      class: Migration20261130040000MaterializeLegacyBindings,
      materializesLegacyBindings: true,
    },
    { name: 'Migration20261130050000MspSsoTickets', class: Migration20261130050000MspSsoTickets },
  ],
};
