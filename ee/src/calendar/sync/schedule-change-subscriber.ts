import type { EntityManager } from '@mikro-orm/postgresql';
import type { DomainEvent } from '../../../../src/events';
import type { JobQueue } from '../../../../src/queue/job-queue';
import type { ScheduleEntryRecord } from '../../../../src/schedule/schedule-entry';
import type { CalendarProviderRecord, CalendarProviderRepository } from '../calendar-provider.repository';
import { CALENDAR_SYNC_QUEUE } from '../calendar-jobs';
import { pushable } from './entry-push.service';
import { entryPushJob } from './calendar-sync.jobs';
import { syncOrigin } from './sync-context';

type Snapshot = Pick<ScheduleEntryRecord, 'assigneeIds'>;

/**
 * `schedule.entryChanged` → one push job per (entry, provider) for each pushing provider whose owner is (or was)
 * assigned: "was" matters, because unassigning the owner must delete that provider's event. A change a provider's
 * own sync made is not sent back to that provider (its other providers still get it).
 */
export async function queueEntryPushes(
  deps: { queue: JobQueue; providers: Pick<TenantProviders, 'list'> },
  event: DomainEvent<Snapshot>,
): Promise<number> {
  const owners = new Set([...(event.payload.before?.assigneeIds ?? []), ...(event.payload.after?.assigneeIds ?? [])]);
  if (owners.size === 0) return 0;
  const providers = (await deps.providers.list(event.tenantId)).filter(
    (provider) =>
      owners.has(provider.ownerUserId) &&
      pushable(provider) &&
      provider.syncDirection !== 'from_external' &&
      // The provider's own pull wrote this change together with its mapping: pushing it back would be a no-op.
      event.payload.origin !== syncOrigin(provider.id),
  );
  for (const provider of providers) {
    await deps.queue.add(CALENDAR_SYNC_QUEUE, ...entryPushJob({ tenantId: event.tenantId, providerId: provider.id, entryId: event.aggregateId }));
  }
  return providers.length;
}

/**
 * A tenant's providers, one read shared by the events delivered together: the relay hands a batch of events to
 * its subscribers at once (an import is thousands), so concurrent deliveries of one tenant share the read in
 * flight instead of each making its own. Nothing is kept after the read settles, so no decision uses stale rows.
 */
export class TenantProviders {
  private readonly inFlight = new Map<string, Promise<CalendarProviderRecord[]>>();

  constructor(
    private readonly repository: Pick<CalendarProviderRepository, 'list'>,
    private readonly em: () => EntityManager,
  ) {}

  list(tenantId: string): Promise<CalendarProviderRecord[]> {
    const pending = this.inFlight.get(tenantId);
    if (pending) return pending;
    const read = this.repository.list(this.em(), tenantId).finally(() => this.inFlight.delete(tenantId));
    this.inFlight.set(tenantId, read);
    return read;
  }
}
