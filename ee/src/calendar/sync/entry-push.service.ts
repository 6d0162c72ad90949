import type { EntityManager } from '@mikro-orm/postgresql';
import type { ServiceDeps } from '../../../../src/runtime/service-deps';
import { isSeries, type ScheduleEntryRecord } from '../../../../src/schedule/schedule-entry';
import { RetryLaterError } from '../../../../src/queue/job-errors';
import { UnsupportedRecurrenceError } from '../adapters/microsoft-recurrence';
import { PreconditionFailedError } from '../adapters/provider-errors';
import type { CalendarAdapter, EventInput, ExternalEvent } from '../adapters/calendar-adapter';
import { DEFAULT_SYNC_WINDOW, syncWindowAt, type SyncWindowDays } from '../adapters/sync-window';
import type { CalendarProviderRecord, CalendarProviderRepository } from '../calendar-provider.repository';
import type { CalendarTokenManager } from '../calendar-token-manager';
import { adapterFor } from '../provider-adapter';
import { SyncConflicts } from './sync-conflicts';
import { toEventInput } from './entry-event-translation';
import { EventMappingRepository, type EventMapping } from './event-mapping.repository';
import { ExpandedSeriesPush } from './expanded-series-push';
import { decideInstancePush, type InstancePushAction } from './series-decision';
import { cancelledStartsOf, instanceKey } from './series-translation';
import { conflictByPolicy, decidePush } from './sync-decision';
import { SyncLogRepository } from './sync-log.repository';
import { localStateOf, mappingStateOf, policyOf, scheduleEntries, SYNC_VIEWER } from './sync-context';

export interface EntryPushDeps extends Pick<ServiceDeps, 'orm' | 'config' | 'logger'> {
  providers: CalendarProviderRepository;
  tokens: CalendarTokenManager;
}

export interface PushOutcome {
  /** `expanded`: a series the provider cannot express, written as single events (expanded-series-push.ts). */
  action: InstancePushAction['kind'] | 'expanded';
  externalEventId?: string;
}

/** A series usually reaches the provider within seconds of its exception (their pushes are separate jobs). */
const SERIES_RETRY_MS = 5_000;

/**
 * Pushes one entry's current state to one provider. Creates are idempotent (the adapter derives the event id /
 * transactionId from (entry, provider)), updates and deletes are conditional on the etag/changeKey we last saw,
 * so a concurrent remote edit becomes a conflict instead of being overwritten.
 */
export class EntryPushService {
  private readonly mappings = new EventMappingRepository();
  private readonly log = new SyncLogRepository();
  private readonly conflicts = new SyncConflicts();
  private readonly expanded = new ExpandedSeriesPush();

  constructor(private readonly deps: EntryPushDeps) {}

  /** The adapter of one provider, for the pull side's reads of masters and instances. */
  adapterOf(provider: CalendarProviderRecord): CalendarAdapter {
    return adapterFor(this.deps, provider);
  }

  get syncWindow(): SyncWindowDays {
    return this.deps.config.calendarSync?.window ?? DEFAULT_SYNC_WINDOW;
  }

  async push(tenantId: string, providerId: string, entryId: string): Promise<PushOutcome> {
    const em = this.deps.orm.em.fork();
    const provider = await this.deps.providers.find(em, tenantId, providerId);
    if (!provider || !pushable(provider)) return { action: 'noop' };
    const entry = await scheduleEntries.findVisible(em, tenantId, entryId, SYNC_VIEWER);
    const adapter = adapterFor(this.deps, provider);
    if (provider.syncDirection !== 'from_external') {
      const expandedSeriesId = await this.expandedSeriesOf(em, provider, adapter, entryId, entry);
      if (expandedSeriesId) return this.pushExpanded(em, provider, adapter, expandedSeriesId);
    }
    const mapping = await this.mappings.findByEntry(em, tenantId, providerId, entryId);
    let action: InstancePushAction = decidePush(policyOf(provider), localStateOf(entry, provider), mappingStateOf(mapping));
    // An edited instance becomes the provider's instance of the mapped series, never a standalone event.
    const seriesMapping = entry?.seriesId ? await this.mappings.findByEntry(em, tenantId, providerId, entry.seriesId) : undefined;
    if (entry?.seriesId) action = decideInstancePush(action, { mapped: seriesMapping !== undefined, wanted: await this.seriesWanted(em, provider, adapter, entry.seriesId) });
    if (action.kind === 'await_series') {
      await this.logged(em, provider, 'await_series', entryId, null, 'skipped', 'the series is not on the calendar yet');
      throw new RetryLaterError(SERIES_RETRY_MS, `entry ${entryId}: series ${entry!.seriesId} not pushed to provider ${providerId} yet`);
    }
    try {
      switch (action.kind) {
        case 'create_remote':
          return await this.create(em, provider, adapter, entry!);
        case 'update_instance':
          return await this.updateInstance(em, provider, adapter, entry!, seriesMapping!);
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
      if (mapping) await this.mappings.markFailed(em, tenantId, mapping.id, 'push', reason);
      await this.logged(em, provider, action.kind, entryId, mapping?.externalEventId ?? null, 'failed', reason);
      // A rule the provider cannot express fails the same way on every retry: recorded, never silently changed.
      if (error instanceof UnsupportedRecurrenceError) return { action: 'noop' };
      throw error;
    }
  }

  /**
   * The series to write as single events for this change: the entry's own (a series, or the series of an
   * exception) when the provider cannot express its rule. An entry gone, or whose rule the provider now
   * expresses, first loses the single events it left; its own push then goes on as for any entry.
   */
  private async expandedSeriesOf(em: EntityManager, provider: CalendarProviderRecord, adapter: CalendarAdapter, entryId: string, entry: ScheduleEntryRecord | undefined): Promise<string | undefined> {
    const series = entry?.seriesId ? await scheduleEntries.findVisible(em, provider.tenantId, entry.seriesId, SYNC_VIEWER) : entry;
    if (series && isSeries(series) && !this.expressible(provider, adapter, series)) return series.id;
    if (entry?.seriesId || !(await this.expanded.hasInstances(em, provider, entryId))) return undefined;
    // The entry is gone, or its rule became one the provider expresses: its single events go first.
    await this.expanded.push(em, provider, adapter, entryId, undefined, syncWindowAt(Date.now(), this.syncWindow));
    return undefined;
  }

  private expressible(provider: CalendarProviderRecord, adapter: CalendarAdapter, series: ScheduleEntryRecord): boolean {
    const { recurrence, start } = toEventInput(series, provider.id, provider);
    return adapter.expresses(recurrence ?? [], start);
  }

  private async pushExpanded(em: EntityManager, provider: CalendarProviderRecord, adapter: CalendarAdapter, seriesId: string): Promise<PushOutcome> {
    const series = await scheduleEntries.findVisible(em, provider.tenantId, seriesId, SYNC_VIEWER);
    try {
      // Written as one series while its rule was one the provider expresses: that event goes first.
      const mapping = await this.mappings.findByEntry(em, provider.tenantId, provider.id, seriesId);
      if (mapping) await this.remove(em, provider, adapter, mapping, seriesId);
      await this.expanded.push(em, provider, adapter, seriesId, series, syncWindowAt(Date.now(), this.syncWindow));
      return { action: 'expanded' };
    } catch (error) {
      await this.logged(em, provider, 'expanded', seriesId, null, 'failed', (error as Error).message);
      throw error;
    }
  }

  private async create(em: EntityManager, provider: CalendarProviderRecord, adapter: CalendarAdapter, entry: ScheduleEntryRecord): Promise<PushOutcome> {
    const event = await adapter.createEvent(provider.calendarId!, this.inputOf(entry, provider));
    await this.synced(em, provider, entry, event, 'create_remote');
    return { action: 'create_remote', externalEventId: event.id };
  }

  /** A series the calendar will receive: the owner's, live, and with a rule the provider can express. */
  private async seriesWanted(em: EntityManager, provider: CalendarProviderRecord, adapter: CalendarAdapter, seriesId: string): Promise<boolean> {
    const entry = await scheduleEntries.findVisible(em, provider.tenantId, seriesId, SYNC_VIEWER);
    const series = localStateOf(entry, provider);
    if (!entry || !series?.ownerAssigned || series.cancelled) return false;
    const { recurrence, start } = toEventInput(entry, provider.id, provider);
    return adapter.expresses(recurrence ?? [], start);
  }

  /** The first write of an exception: the provider's own instance at the original start, conditional on it. */
  private async updateInstance(em: EntityManager, provider: CalendarProviderRecord, adapter: CalendarAdapter, entry: ScheduleEntryRecord, series: EventMapping): Promise<PushOutcome> {
    const key = instanceKey(entry, entry.originalStartsAt!);
    const instance = await adapter.findInstance(provider.calendarId!, series.externalEventId, key);
    if (!instance) {
      await this.logged(em, provider, 'update_instance', entry.id, series.externalEventId, 'skipped', `the series has no live instance at ${key}`);
      return { action: 'noop' };
    }
    const event = await adapter.updateEvent(provider.calendarId!, instance.id, this.inputOf(entry, provider), instance.version ?? undefined);
    await this.synced(em, provider, entry, event, 'update_instance');
    await this.seriesMoved(em, provider, adapter, series.externalEventId);
    return { action: 'update_instance', externalEventId: event.id };
  }

  /**
   * Graph moves a master's changeKey whenever one of its instances is written: the series mapping takes the new
   * one, or the next conditional write of the series would be refused as a remote edit it is not.
   */
  private async seriesMoved(em: EntityManager, provider: CalendarProviderRecord, adapter: CalendarAdapter, seriesEventId: string | null): Promise<void> {
    if (adapter.providerType !== 'microsoft' || !seriesEventId) return;
    const series = await this.mappings.findByExternalId(em, provider.tenantId, provider.id, seriesEventId);
    const master = series ? await adapter.getEvent(provider.calendarId!, seriesEventId) : null;
    if (series && master) await this.mappings.updateExternalVersion(em, provider.tenantId, series.id, master.version);
  }

  /** A series also names the instances its EXDATE lines leave out inside the window (Graph deletes those). */
  private inputOf(entry: ScheduleEntryRecord, provider: CalendarProviderRecord): EventInput {
    const window = syncWindowAt(Date.now(), this.syncWindow);
    const cancelledStarts = cancelledStartsOf(entry, window);
    return { ...toEventInput(entry, provider.id, provider), ...(cancelledStarts ? { cancelledStarts } : {}) };
  }

  /** Forced only when the conflict policy says the local side wins. */
  async update(em: EntityManager, provider: CalendarProviderRecord, adapter: CalendarAdapter, entry: ScheduleEntryRecord, mapping: EventMapping, force = false): Promise<PushOutcome> {
    const input = this.inputOf(entry, provider);
    try {
      const event = await adapter.updateEvent(provider.calendarId!, mapping.externalEventId, input, force ? undefined : (mapping.externalVersion ?? undefined));
      await this.synced(em, provider, entry, event, 'update_remote');
      await this.seriesMoved(em, provider, adapter, event.seriesId);
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
    // The entry may be gone with its series link: the instance itself names its series.
    const seriesEventId = adapter.providerType === 'microsoft' ? (await adapter.getEvent(provider.calendarId!, mapping.externalEventId))?.seriesId ?? null : null;
    await adapter.deleteEvent(provider.calendarId!, mapping.externalEventId);
    await this.seriesMoved(em, provider, adapter, seriesEventId);
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

/**
 * Only an active provider with a chosen calendar and a working grant is written to. ERROR (provider-side failures,
 * see sync-failure-streak.ts) keeps being tried: that is how it recovers.
 */
export function pushable(provider: CalendarProviderRecord): boolean {
  return provider.active && (provider.status === 'connected' || provider.status === 'error') && provider.calendarId !== null;
}
