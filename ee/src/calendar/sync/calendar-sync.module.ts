import type { EditionModule } from '../../../../src/edition/extension-registry';
import { eeSdl } from '../../ee-schema';
import { calendarServices } from '../calendar.module';
import { CalendarSyncStatusService } from './calendar-sync-status.service';
import { calendarSyncProcessor } from './calendar-sync.jobs';
import { calendarSyncResolvers } from './calendar-sync.resolvers';
import { ConflictResolutionService } from './conflict-resolution.service';
import { queueEntryPushes, TenantProviders } from './schedule-change-subscriber';
import { registerSyncMetrics } from './sync-metrics';

/** The sync engine: pull runs and entry pushes (jobs), the outbox subscriber, and its GraphQL surface. */
export const calendarSyncModule: EditionModule = {
  name: 'ee.calendar-sync',
  typeDefs: [eeSdl('calendar-sync.graphql')],
  resolvers: (deps) => {
    const { providers, push, tokens } = calendarServices(deps);
    return calendarSyncResolvers({
      orm: deps.orm,
      providers,
      status: new CalendarSyncStatusService({ orm: deps.orm, queue: deps.queue, providers }),
      conflicts: new ConflictResolutionService({ orm: deps.orm, config: deps.config, tokens, providers, push }),
    });
  },
  jobProcessors: (deps) => {
    const { runner, push } = calendarServices(deps);
    return [calendarSyncProcessor(runner, push)];
  },
  metrics: (registry, deps) => registerSyncMetrics(registry, deps.orm),
  subscribe: (hooks, deps) => {
    const { providers } = calendarServices(deps);
    const subscriber = { queue: deps.queue, providers: new TenantProviders(providers.repository, () => deps.orm.em.fork()) };
    hooks.on('schedule.entryChanged', async (event) => {
      await queueEntryPushes(subscriber, event as Parameters<typeof queueEntryPushes>[1]);
    });
  },
};
