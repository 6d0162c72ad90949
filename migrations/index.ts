import type { MigrationSet } from '../src/db/migrate';
import { Migration20261130000000CoreTables } from './Migration20261130000000CoreTables';
import { Migration20261130010000MicrosoftProfiles } from './Migration20261130010000MicrosoftProfiles';
import { Migration20261130040000MaterializeLegacyBindings } from './Migration20261130040000MaterializeLegacyBindings';
import { Migration20261130050000MspSsoTickets } from './Migration20261130050000MspSsoTickets';
import { Migration20261201000000Users } from './Migration20261201000000Users';
import { Migration20261201010000ScheduleEntries } from './Migration20261201010000ScheduleEntries';
import { Migration20261201030000MspSsoDomainProof } from './Migration20261201030000MspSsoDomainProof';
import { Migration20261201020000DomainEvents } from './Migration20261201020000DomainEvents';
import { Migration20261202000000AuthChangeNotifications } from './Migration20261202000000AuthChangeNotifications';

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
    { name: 'Migration20261201000000Users', class: Migration20261201000000Users },
    { name: 'Migration20261201010000ScheduleEntries', class: Migration20261201010000ScheduleEntries },
    { name: 'Migration20261201030000MspSsoDomainProof', class: Migration20261201030000MspSsoDomainProof },
    { name: 'Migration20261201020000DomainEvents', class: Migration20261201020000DomainEvents },
    { name: 'Migration20261202000000AuthChangeNotifications', class: Migration20261202000000AuthChangeNotifications },
  ],
};
