import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '../../../../src/errors/domain-errors';
import type { ScheduleEntryService } from '../../../../src/schedule/schedule-entry.service';
import type { ScheduleEntryRecord } from '../../../../src/schedule/schedule-entry';
import type { ScheduleEntryInput } from '../../../../src/schedule/schedule-entry-input';
import type { CalendarAdapter, ExternalEvent, SyncWindow } from '../adapters/calendar-adapter';
import { DEFAULT_SYNC_WINDOW, syncWindowAt, type SyncWindowDays } from '../adapters/sync-window';
import type { CalendarProviderRecord } from '../calendar-provider.repository';
import type { EntryPushService } from './entry-push.service';
import { fromExternalEvent, sameAsEntry, UntranslatableEventError } from './entry-event-translation';
import { InstanceChangeApplier, newSeriesRunCache, type SeriesRunCache } from './instance-change-applier';
import { removalNeedsSeriesCheck } from './series-decision';
import { seriesRulesFrom } from './series-translation';
import { EventMappingRepository, type EventMapping } from './event-mapping.repository';
import { ExpandedInstanceRepository } from './expanded-instance.repository';
import { SyncConflicts } from './sync-conflicts';
import { decidePull, type RemoteState, type SyncAction } from './sync-decision';
import { SyncLogRepository } from './sync-log.repository';
import { localStateOf, mappingStateOf, policyOf, scheduleEntries, syncActor, SYNC_VIEWER } from './sync-context';

import type { PullOutcome } from './pull-outcome';

export type { PullOutcome } from './pull-outcome';

/**
 * Applies one remote change (an event, or the deletion of one) to the schedule. Every local write commits in one
 * transaction with the mapping it leaves, so the push its outbox event triggers sees the new versions and does
 * nothing (echo suppression in both directions).
 */
export interface RemoteChangeApplierOptions {
  /** Reads masters and instances (Graph never lists masters). Default: the push service's adapters. */
  adapter?: (provider: CalendarProviderRecord) => CalendarAdapter;
  syncWindow?: SyncWindowDays;
}

/** Runs whose series cache is kept: a page applied twice after a crash still reads each master once. */
const CACHED_RUNS = 16;

/** Why a pull leaves alone an event a series was written as (expanded-series-push.ts). */
export const EXPANDED_INSTANCE_SKIP = 'instance of a series pushed as single events; edit the series here';

export class RemoteChangeApplier {
  private readonly mappings = new EventMappingRepository();
  private readonly log = new SyncLogRepository();
  private readonly conflicts = new SyncConflicts();
  private readonly expanded = new ExpandedInstanceRepository();
  private readonly instances: InstanceChangeApplier;
  private readonly runCaches = new Map<string, SeriesRunCache>();
  private readonly window: () => SyncWindow;

  constructor(
    private readonly entries: ScheduleEntryService,
    private readonly push: Pick<EntryPushService, 'push'> & Partial<Pick<EntryPushService, 'adapterOf' | 'syncWindow'>>,
    options: RemoteChangeApplierOptions = {},
  ) {
    const adapter = options.adapter ?? ((provider: CalendarProviderRecord) => push.adapterOf?.(provider));
    const days = options.syncWindow ?? push.syncWindow ?? DEFAULT_SYNC_WINDOW;
    this.window = () => syncWindowAt(Date.now(), days);
    this.instances = new InstanceChangeApplier({
      entries,
      adapter,
      window: this.window,
      applySeries: (em, provider, master, runId) => this.applyEvent(em, provider, master, runId),
      applyGeneric: (em, provider, runId, action, event, mapping, entry) => this.apply(em, provider, runId, action, event, mapping, entry),
      log: (em, provider, runId, action, entryId, eventId, outcome, reason) => this.logged(em, provider, runId, action, entryId, eventId, outcome, reason),
    });
  }

  /** `cache`: what this run learnt about series; by default kept per run id. */
  async applyEvent(em: EntityManager, provider: CalendarProviderRecord, event: ExternalEvent, runId: string, cache = this.cacheOf(runId)): Promise<PullOutcome> {
    // One occurrence of a series written as single events: never an entry, a relink or an edit of the series.
    if (await this.isExpanded(em, provider, event.id)) return this.skipped(em, provider, runId, event.id, EXPANDED_INSTANCE_SKIP);
    if (event.seriesId) return this.instances.apply(em, provider, event, runId, cache);
    let mapping = await this.mappings.findByExternalId(em, provider.tenantId, provider.id, event.id);
    if (!mapping && event.switchboardEntryId) mapping = await this.relink(em, provider, event);
    const entry = mapping ? await scheduleEntries.findVisible(em, provider.tenantId, mapping.scheduleEntryId, SYNC_VIEWER) : undefined;
    const action = decidePull(policyOf(provider), remoteState(event), mappingStateOf(mapping), localStateOf(entry, provider));
    return this.apply(em, provider, runId, action, event, mapping, entry);
  }

  async applyDeletion(em: EntityManager, provider: CalendarProviderRecord, externalEventId: string, runId: string, cache = this.cacheOf(runId)): Promise<PullOutcome> {
    if (await this.isExpanded(em, provider, externalEventId)) return this.skipped(em, provider, runId, externalEventId, EXPANDED_INSTANCE_SKIP);
    const mapping = await this.mappings.findByExternalId(em, provider.tenantId, provider.id, externalEventId);
    if (removalNeedsSeriesCheck(provider.providerType, mapping !== undefined) && policyOf(provider).direction !== 'to_external') {
      return this.instances.checkCancellations(em, provider, runId, cache);
    }
    if (!mapping) return 'unchanged';
    const entry = await scheduleEntries.findVisible(em, provider.tenantId, mapping.scheduleEntryId, SYNC_VIEWER);
    const gone: RemoteState = { version: null, deleted: true, title: null, notes: null, switchboardEntryId: null };
    const action = decidePull(policyOf(provider), gone, mappingStateOf(mapping), localStateOf(entry, provider));
    if (action.kind === 'cancel_occurrence') return this.cancelException(em, provider, runId, mapping, entry!);
    return this.apply(em, provider, runId, action, null, mapping, entry);
  }

  /** A removed exception cancels its instance of the series (never the series, never a standalone entry). */
  private async cancelException(em: EntityManager, provider: CalendarProviderRecord, runId: string, mapping: EventMapping, exception: ScheduleEntryRecord): Promise<PullOutcome> {
    const seriesMapping = await this.mappings.findByEntry(em, provider.tenantId, provider.id, exception.seriesId!);
    const series = seriesMapping ? await this.instances.seriesSide(em, provider, seriesMapping.externalEventId) : undefined;
    if (!series) return this.skipped(em, provider, runId, mapping.externalEventId, 'the series of this instance is not synced');
    try {
      return await this.instances.cancel(em, provider, runId, series, exception.originalStartsAt!, mapping, mapping.externalEventId);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      await this.logged(em, provider, runId, 'cancel_occurrence', exception.id, mapping.externalEventId, 'failed', error.message);
      return 'failed';
    }
  }

  private isExpanded(em: EntityManager, provider: CalendarProviderRecord, externalEventId: string): Promise<boolean> {
    return this.expanded.existsForEvent(em, provider.tenantId, provider.id, externalEventId);
  }

  private cacheOf(runId: string): SeriesRunCache {
    let cache = this.runCaches.get(runId);
    if (!cache) {
      this.runCaches.set(runId, (cache = newSeriesRunCache()));
      for (const old of [...this.runCaches.keys()].slice(0, Math.max(0, this.runCaches.size - CACHED_RUNS))) this.runCaches.delete(old);
    }
    return cache;
  }

  /** Conflict resolution KEEP_REMOTE: the event as it is now (or its absence) overwrites the entry. */
  async overwriteLocal(em: EntityManager, provider: CalendarProviderRecord, mapping: EventMapping, entry: ScheduleEntryRecord, event: ExternalEvent | null): Promise<void> {
    if (!event || event.status === 'cancelled') await this.unassign(em, provider, null, mapping, entry);
    else await this.updateLocal(em, provider, null, event, entry);
  }

  private async apply(
    em: EntityManager,
    provider: CalendarProviderRecord,
    runId: string,
    action: SyncAction,
    event: ExternalEvent | null,
    mapping: EventMapping | undefined,
    entry: ScheduleEntryRecord | undefined,
  ): Promise<PullOutcome> {
    const eventId = event?.id ?? mapping!.externalEventId;
    try {
      switch (action.kind) {
        case 'create_local':
          return await this.createLocal(em, provider, runId, event!);
        case 'update_local':
          return await this.updateLocal(em, provider, runId, event!, entry!);
        case 'unassign_local':
          return await this.unassign(em, provider, runId, mapping!, entry!);
        case 'forget_mapping':
          await this.mappings.delete(em, provider.tenantId, mapping!.id);
          return 'unchanged';
        case 'conflict':
          await this.conflicts.open(em, provider, mapping!, entry!, event);
          await this.logged(em, provider, runId, 'conflict', entry!.id, eventId, 'ok', 'both sides changed since the last sync');
          return 'conflict';
        case 'update_remote':
          // LOCAL_WINS: the local version overwrites the remote edit.
          await this.push.push(provider.tenantId, provider.id, entry!.id);
          return 'pushed';
        default:
          return 'unchanged';
      }
    } catch (error) {
      if (!(error instanceof DomainError) && !(error instanceof UntranslatableEventError)) throw error;
      // One bad event must not stop the run: its mapping (if any) carries the reason, the log says what happened.
      if (mapping) await this.mappings.markFailed(em, provider.tenantId, mapping.id, 'pull', error.message);
      await this.logged(em, provider, runId, action.kind, entry?.id ?? null, eventId, 'failed', error.message);
      return 'failed';
    }
  }

  private async createLocal(em: EntityManager, provider: CalendarProviderRecord, runId: string, event: ExternalEvent): Promise<PullOutcome> {
    const input = { ...fromExternalEvent(event, 'UTC'), assigneeIds: [provider.ownerUserId] };
    try {
      await em.transactional(async (tx) => {
        const created = await this.entries.create(syncActor(provider), input, tx);
        await this.mappings.markSynced(tx, provider.tenantId, provider.id, created.id, { externalEventId: event.id, externalVersion: event.version, localVersion: created.version });
        await this.logged(tx, provider, runId, 'create_local', created.id, event.id, 'ok', null);
      });
    } catch (error) {
      // Our own push mapped this event since it was listed (Graph lists it before the push commits, without our
      // id): the unique mapping key rolled the import back, so nothing was doubled.
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
      return this.skipped(em, provider, runId, event.id, 'mapped meanwhile by a push of ours: not imported');
    }
    return 'pulled';
  }

  /**
   * A series keeps the instances cancelled here (providers list those beside the rule). When nothing we hold
   * changed (Graph moves a master's changeKey for every instance edit), only the mapping learns the new version.
   */
  private async updateLocal(em: EntityManager, provider: CalendarProviderRecord, runId: string | null, event: ExternalEvent, entry: ScheduleEntryRecord): Promise<PullOutcome> {
    const input = fromExternalEvent(event, entry.timeZone);
    if (entry.recurrence.length > 0) input.recurrence = seriesRulesFrom(input.recurrence ?? [], { ...entry, ...timesOf(input, entry) }, this.window());
    if (sameAsEntry(input, entry)) {
      await this.mappings.markSynced(em, provider.tenantId, provider.id, entry.id, { externalEventId: event.id, externalVersion: event.version, localVersion: entry.version });
      return 'unchanged';
    }
    await em.transactional(async (tx) => {
      const updated = await this.entries.update(syncActor(provider), entry.id, entry.version, input, tx);
      await this.mappings.markSynced(tx, provider.tenantId, provider.id, entry.id, { externalEventId: event.id, externalVersion: event.version, localVersion: updated.version });
      await this.logged(tx, provider, runId, 'update_local', entry.id, event.id, 'ok', null);
    });
    return 'pulled';
  }

  /** Sync never hard-deletes: the owner leaves the entry, which is cancelled when nobody is left. */
  private async unassign(em: EntityManager, provider: CalendarProviderRecord, runId: string | null, mapping: EventMapping, entry: ScheduleEntryRecord): Promise<PullOutcome> {
    const assigneeIds = entry.assigneeIds.filter((id) => id !== provider.ownerUserId);
    await em.transactional(async (tx) => {
      await this.entries.update(syncActor(provider), entry.id, entry.version, { assigneeIds, ...(assigneeIds.length === 0 ? { status: 'cancelled' } : {}) }, tx);
      // The event is gone: without its mapping, the push this write triggers has nothing to delete.
      await this.mappings.delete(tx, provider.tenantId, mapping.id);
      await this.logged(tx, provider, runId, 'unassign_local', entry.id, mapping.externalEventId, 'ok', assigneeIds.length === 0 ? 'nobody left: cancelled' : null);
    });
    return 'pulled';
  }

  /** The event carries our entry id: rebuild the lost mapping as of the entry's current version. */
  private async relink(em: EntityManager, provider: CalendarProviderRecord, event: ExternalEvent): Promise<EventMapping | undefined> {
    const entry = await scheduleEntries.findVisible(em, provider.tenantId, event.switchboardEntryId!, SYNC_VIEWER);
    // A single event carrying a series' id is one of its occurrences written as single events (a rule the
    // provider cannot express), even before its row is committed: never the series' own event.
    if (!entry || (entry.recurrence.length > 0 && !event.recurrence?.length)) return undefined;
    await this.mappings.markSynced(em, provider.tenantId, provider.id, entry.id, { externalEventId: event.id, externalVersion: event.version, localVersion: entry.version });
    return this.mappings.findByExternalId(em, provider.tenantId, provider.id, event.id);
  }

  private async skipped(em: EntityManager, provider: CalendarProviderRecord, runId: string, eventId: string, reason: string): Promise<PullOutcome> {
    await this.logged(em, provider, runId, 'skip', null, eventId, 'skipped', reason);
    return 'skipped';
  }

  private logged(em: EntityManager, provider: CalendarProviderRecord, runId: string | null, action: string, entryId: string | null, eventId: string, outcome: 'ok' | 'skipped' | 'failed', reason: string | null) {
    return this.log.append(em, provider.tenantId, provider.id, { runId, direction: 'pull', action, scheduleEntryId: entryId, externalEventId: eventId, outcome, reason });
  }
}

export function remoteState(event: ExternalEvent): RemoteState {
  return { version: event.version, deleted: event.status === 'cancelled', title: event.title, notes: event.notes, switchboardEntryId: event.switchboardEntryId };
}

/** The series' start as the remote event puts it: the rules are compared from there. */
function timesOf(input: ScheduleEntryInput, entry: ScheduleEntryRecord): Pick<ScheduleEntryRecord, 'startsAt' | 'endsAt'> {
  return { startsAt: input.startsAt ?? entry.startsAt, endsAt: input.endsAt ?? entry.endsAt };
}
