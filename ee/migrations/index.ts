import type { MigrationSet } from '../../src/db/migrate';
import { Migration20261130020000TeamsAndCalendarProviders } from './Migration20261130020000TeamsAndCalendarProviders';
import { Migration20261130030000CalendarSync } from './Migration20261130030000CalendarSync';
import { Migration20261130040000MaterializeLegacyCalendarBindings } from './Migration20261130040000MaterializeLegacyCalendarBindings';
import { Migration20261201100000CalendarPendingGrants } from './Migration20261201100000CalendarPendingGrants';
import { Migration20261201110000CalendarSyncEngine } from './Migration20261201110000CalendarSyncEngine';
import { Migration20261202005000CalendarSyncCheckpoints } from './Migration20261202005000CalendarSyncCheckpoints';
import { Migration20261202060000CalendarMappingRetries } from './Migration20261202060000CalendarMappingRetries';
import { Migration20261202030000WebhookInboxDedupe } from './Migration20261202030000WebhookInboxDedupe';
import { Migration20261202020000CalendarWebhookChannels } from './Migration20261202020000CalendarWebhookChannels';
import { Migration20261202050000CalendarExpandedInstances } from './Migration20261202050000CalendarExpandedInstances';
import { Migration20261202070000WebhookOwnerNotifications } from './Migration20261202070000WebhookOwnerNotifications';

/**
 * EE-only tables (calendar sync, Teams). Tracked in their own table so a CE database never records them and
 * switching a database to enterprise applies exactly this set on top of the CE schema. Append only.
 */
export const eeMigrations: MigrationSet = {
  name: 'enterprise',
  tableName: 'mikro_orm_migrations_ee',
  migrations: [
    { name: 'Migration20261130020000TeamsAndCalendarProviders', class: Migration20261130020000TeamsAndCalendarProviders },
    { name: 'Migration20261130030000CalendarSync', class: Migration20261130030000CalendarSync },
    {
      name: 'Migration20261130040000MaterializeLegacyCalendarBindings',
      class: Migration20261130040000MaterializeLegacyCalendarBindings,
      materializesLegacyBindings: true,
    },
    { name: 'Migration20261201100000CalendarPendingGrants', class: Migration20261201100000CalendarPendingGrants },
    { name: 'Migration20261201110000CalendarSyncEngine', class: Migration20261201110000CalendarSyncEngine },
    { name: 'Migration20261202005000CalendarSyncCheckpoints', class: Migration20261202005000CalendarSyncCheckpoints },
    { name: 'Migration20261202030000WebhookInboxDedupe', class: Migration20261202030000WebhookInboxDedupe },
    { name: 'Migration20261202020000CalendarWebhookChannels', class: Migration20261202020000CalendarWebhookChannels },
    { name: 'Migration20261202060000CalendarMappingRetries', class: Migration20261202060000CalendarMappingRetries },
    { name: 'Migration20261202050000CalendarExpandedInstances', class: Migration20261202050000CalendarExpandedInstances },
    { name: 'Migration20261202070000WebhookOwnerNotifications', class: Migration20261202070000WebhookOwnerNotifications },
  ],
};
