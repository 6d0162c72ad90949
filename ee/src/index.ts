import type { ExtensionRegistry } from '../../src/edition/extension-registry';
import { eeMigrations } from '../migrations';
import { eeSdl } from './ee-schema';
import { emailModule } from './email/email.module';
import { teamsModule } from './teams/teams.module';
import { microsoftCalendarProviderEvidence } from './calendar/calendar-binding-evidence';
import { calendarTokensColumn } from './calendar/calendar-tokens-secret';

/** EE entry point: everything Enterprise adds, registered on CE's extension points. */
export function register(registry: ExtensionRegistry): void {
  registry.addModule({ name: 'ee.consumers', typeDefs: [eeSdl('consumers.graphql')], migrations: eeMigrations });
  registry.addModule(teamsModule);
  registry.addModule(emailModule);
  registry.addModule({
    name: 'ee.calendar.maintenance',
    bindingEvidence: [microsoftCalendarProviderEvidence],
    encryptedColumns: [calendarTokensColumn],
  });
}
