import type { EntityManager } from '@mikro-orm/postgresql';
import type { ServiceDeps } from '../../../../src/runtime/service-deps';
import type { ScheduleEntryRecord } from '../../../../src/schedule/schedule-entry';
import { PreconditionFailedError } from '../adapters/provider-errors';
import type { CalendarAdapter, ExternalEvent } from '../adapters/calendar-adapter';
import type { CalendarProviderRecord, CalendarProviderRepository } from '../calendar-provider.repository';
import type { CalendarTokenManager } from '../calendar-token-manager';
import { adapterFor } from '../provider-adapter';
import { SyncConflicts } from './sync-conflicts';
import { toEventInput } from './entry-event-translation';
import { EventMappingRepository, type EventMapping } from './event-mapping.repository';
import { conflictByPolicy, decidePush, type SyncAction } from './sync-decision';
import { SyncLogRepository } from './sync-log.repository';
import { localStateOf, mappingStateOf, policyOf, scheduleEntries, SYNC_VIEWER } from './sync-context';

export interface EntryPushDeps extends Pick<ServiceDeps, 'orm' | 'config' | 'logger'> {
  providers: CalendarProviderRepository;
  tokens: CalendarTokenManager;
}

export interface PushOutcome {
  action: SyncAction['kind'];
  externalEventId?: string;
}

/**
 * Pushes one entry's current state to one provider. Creates are idempotent (the adapter derives the event id /
 * transactionId from (entry, provider)), updates and deletes are conditional on the etag/changeKey we last saw,
 * so a concurrent remote edit becomes a conflict instead of being overwritten.
 */
export class EntryPushService {
  private readonly mappings = new EventMappingRepository();
  private readonly log = new SyncLogRepository();
  private readonly conflicts = new SyncConflicts();

  constructor(private readonly deps: EntryPushDeps) {}

  async push(tenantId: string, providerId: string, entryId: string): Promise<PushOutcome> {
    const em = this.deps.orm.em.fork();
    const provider = await this.deps.providers.find(em, tenantId, providerId);
    if (!provider || !pushable(provider)) return { action: 'noop' };
    const entry = await scheduleEntries.findVisible(em, tenantId, entryId, SYNC_VIEWER);
    if (entry?.seriesId) {
      // An edited instance must become the provider's instance of the series, never a standalone event.
      await this.logged(em, provider, 'skip', entryId, null, 'skipped', 'edited instances of a series are not pushed yet');
      return { action: 'noop' };
    }
    const mapping = await this.mappings.findByEntry(em, tenantId, providerId, entryId);
    const action = decidePush(policyOf(provider), localStateOf(entry, provider), mappingStateOf(mapping));
    const adapter = adapterFor(this.deps, provider);
    try {
      switch (action.kind) {
        case 'create_remote':
          return await this.create(em, provider, adapter, entry!);
        case 'update_remote':
          return await this.update(em, provider, adapter, entry!, mapping!);
        case 'delete_remote':
          return await this.remove(em, provider, adapter, mapping!, entryId);
        default:
          return { action: action.kind };
      }
    } catch (error) {
      // One bad entry is contained: its mapping says why, the log records it, the job retries with backoff.
      const reason = (error as Error).message;
      if (mapping) await this.mappings.markStatus(em, tenantId, mapping.id, 'error', reason);
      await this.logged(em, provider, action.kind, entryId, mapping?.externalEventId ?? null, 'failed', reason);
      throw error;
    }
  }

  private async create(em: EntityManager, provider: CalendarProviderRecord, adapter: CalendarAdapter, entry: ScheduleEntryRecord): Promise<PushOutcome> {
    const event = await adapter.createEvent(provider.calendarId!, toEventInput(entry, provider.id, provider));
    await this.synced(em, provider, entry, event, 'create_remote');
    return { action: 'create_remote', externalEventId: event.id };
  }

  /** Forced only when the conflict policy says the local side wins. */
  async update(em: EntityManager, provider: CalendarProviderRecord, adapter: CalendarAdapter, entry: ScheduleEntryRecord, mapping: EventMapping, force = false): Promise<PushOutcome> {
    const input = toEventInput(entry, provider.id, provider);
    try {
      const event = await adapter.updateEvent(provider.calendarId!, mapping.externalEventId, input, force ? undefined : (mapping.externalVersion ?? undefined));
      await this.synced(em, provider, entry, event, 'update_remote');
      return { action: 'update_remote', externalEventId: event.id };
    } catch (error) {
      if (!(error instanceof PreconditionFailedError)) throw error;
    }
    // Someone edited the event since we last saw it: both sides moved.
    const resolution = conflictByPolicy(provider.conflictPolicy);
    if (resolution.kind === 'update_remote') return this.update(em, provider, adapter, entry, mapping, true);
    const remote = await adapter.getEvent(provider.calendarId!, mapping.externalEventId);
    await this.conflicts.open(em, provider, mapping, entry, remote);
    await this.logged(em, provider, 'conflict', entry.id, mapping.externalEventId, 'ok', 'the event changed remotely since the last sync');
    // REMOTE_WINS is applied by the next pull, which sees the remote change against the open conflict's policy.
    return { action: 'conflict', externalEventId: mapping.externalEventId };
  }

  private async remove(em: EntityManager, provider: CalendarProviderRecord, adapter: CalendarAdapter, mapping: EventMapping, entryId: string): Promise<PushOutcome> {
    await adapter.deleteEvent(provider.calendarId!, mapping.externalEventId);
    await em.transactional(async (tx) => {
      await this.mappings.delete(tx, provider.tenantId, mapping.id);
      await this.logged(tx, provider, 'delete_remote', entryId, mapping.externalEventId, 'ok', null);
    });
    return { action: 'delete_remote', externalEventId: mapping.externalEventId };
  }

  private async synced(em: EntityManager, provider: CalendarProviderRecord, entry: ScheduleEntryRecord, event: ExternalEvent, action: string) {
    await em.transactional(async (tx) => {
      await this.mappings.markSynced(tx, provider.tenantId, provider.id, entry.id, {
        externalEventId: event.id,
        externalVersion: event.version,
        localVersion: entry.version,
      });
      await this.logged(tx, provider, action, entry.id, event.id, 'ok', null);
    });
  }

  private logged(em: EntityManager, provider: CalendarProviderRecord, action: string, entryId: string, eventId: string | null, outcome: 'ok' | 'skipped' | 'failed', reason: string | null) {
    return this.log.append(em, provider.tenantId, provider.id, { direction: 'push', action, scheduleEntryId: entryId, externalEventId: eventId, outcome, reason });
  }
}

/** Only a connected, active provider with a chosen calendar is written to. */
export function pushable(provider: CalendarProviderRecord): boolean {
  return provider.active && provider.status === 'connected' && provider.calendarId !== null;
}
