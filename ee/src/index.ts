import type { ExtensionRegistry } from '../../src/edition/extension-registry';
import { eeMigrations } from '../migrations';
import { EE_ACCESS_RULES } from './access-rules';
import { eeSdl } from './ee-schema';
import { emailModule } from './email/email.module';
import { teamsModule } from './teams/teams.module';
import { calendarModule } from './calendar/calendar.module';
import { calendarSyncModule } from './calendar/sync/calendar-sync.module';
import { webhookInboxModule } from './calendar/webhooks/webhook-inbox.module';
import { webhookMaintenanceModule } from './calendar/webhooks/webhook-maintenance.module';

/** EE entry point: everything Enterprise adds, registered on CE's extension points. */
export function register(registry: ExtensionRegistry): void {
  registry.addModule({ name: 'ee.consumers', typeDefs: [eeSdl('consumers.graphql')], migrations: eeMigrations });
  registry.addModule(teamsModule);
  registry.addModule(emailModule);
  registry.addModule(calendarModule);
  registry.addModule(calendarSyncModule);
  registry.addModule(webhookInboxModule);
  registry.addModule(webhookMaintenanceModule);
  registry.addModule({ name: 'ee.access-rules', accessRules: EE_ACCESS_RULES });
}
