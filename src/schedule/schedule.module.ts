import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SCHEMA_DIR } from '../core/core.module';
import type { EditionModule } from '../edition/extension-registry';
import { UserService } from '../users/user.service';
import { ScheduleEntryService } from './schedule-entry.service';
import { ScheduleQueryService } from './schedule-query.service';
import { scheduleResolvers } from './schedule.resolvers';

/** Schedule entries (CE core, both editions). Changes leave through the outbox; CE code knows nothing of calendars. */
export const scheduleModule: EditionModule = {
  name: 'schedule',
  typeDefs: [readFileSync(path.join(SCHEMA_DIR, 'schedule.graphql'), 'utf8')],
  resolvers: (deps) =>
    scheduleResolvers({
      entries: new ScheduleEntryService({ orm: deps.orm }),
      queries: new ScheduleQueryService({ orm: deps.orm }),
      users: new UserService(deps.orm),
    }),
};
