import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '../../../../src/errors/domain-errors';
import { expandOccurrences, isOccurrenceStart, MAX_OCCURRENCES } from '../../../../src/schedule/recurrence';
import type { ScheduleEntryService } from '../../../../src/schedule/schedule-entry.service';
import type { ScheduleEntryRecord } from '../../../../src/schedule/schedule-entry';
import { toSeries } from '../../../../src/schedule/series';
import type { CalendarAdapter, ExternalEvent, SyncWindow } from '../adapters/calendar-adapter';
import { ProviderNotFoundError } from '../adapters/provider-errors';
import type { CalendarProviderRecord } from '../calendar-provider.repository';
import { fromExternalEvent, UntranslatableEventError } from './entry-event-translation';
import { EventMappingRepository, type EventMapping } from './event-mapping.repository';
import { decideInstancePull, type LocalInstance } from './series-decision';
import { instanceKey, originalStartsAtOf } from './series-translation';
import type { SyncAction } from './sync-decision';
import { localStateOf, mappingStateOf, policyOf, scheduleEntries, syncActor, SYNC_VIEWER } from './sync-context';
import type { PullOutcome } from './pull-outcome';

const DAY_MS = 86_400_000;

/** What one run has learnt about series, so each master is read (and each series looked over) once per run. */
export interface SeriesRunCache {
  masters: Map<string, ExternalEvent | null>;
  /** Series whose provider instances were compared with ours this run. */
  checked: Set<string>;
}

export const newSeriesRunCache = (): SeriesRunCache => ({ masters: new Map(), checked: new Set() });

export interface InstanceApplierPorts {
  entries: ScheduleEntryService;
  adapter: (provider: CalendarProviderRecord) => CalendarAdapter | undefined;
  /** Applies a series master like any event (create, update, echo, conflict). */
  applySeries: (em: EntityManager, provider: CalendarProviderRecord, master: ExternalEvent, runId: string) => Promise<PullOutcome>;
  /** The generic actions (update_local, conflict, update_remote) on the exception entry. */
  applyGeneric: (em: EntityManager, provider: CalendarProviderRecord, runId: string, action: SyncAction, event: ExternalEvent, mapping: EventMapping | undefined, entry: ScheduleEntryRecord | undefined) => Promise<PullOutcome>;
  /** The sync window (what listings cover), now. */
  window: () => SyncWindow;
  log: (em: EntityManager, provider: CalendarProviderRecord, runId: string | null, action: string, entryId: string | null, eventId: string, outcome: 'ok' | 'skipped' | 'failed', reason: string | null) => Promise<void>;
}

interface SeriesSide {
  mapping: EventMapping;
  entry: ScheduleEntryRecord;
}

/**
 * Exceptions and cancelled instances of a series, from the provider to the local series: an exception becomes
 * (or updates) the local exception at its original start, a cancelled instance an EXDATE; a plain occurrence
 * changes nothing. The master is read when the listing names a series we do not have (Graph never lists
 * masters); on Graph also once per run to catch edits of the master itself, which delta shows as occurrences.
 */
export class InstanceChangeApplier {
  private readonly mappings = new EventMappingRepository();

  constructor(private readonly ports: InstanceApplierPorts) {}

  async apply(em: EntityManager, provider: CalendarProviderRecord, event: ExternalEvent, runId: string, cache: SeriesRunCache): Promise<PullOutcome> {
    const seriesId = event.seriesId!;
    const fetched = await this.readMaster(em, provider, seriesId, runId, cache);
    const series = await this.seriesSide(em, provider, seriesId);
    if (!event.originalStart) return this.skip(em, provider, runId, event, 'instance without an original start');
    const originalStartsAt = series ? originalStartsAtOf(series.entry, event.originalStart) : null;
    const local = await this.localInstance(em, provider, event, series, originalStartsAt);
    const remote = { ...remoteOf(event), kind: event.kind === 'occurrence' ? ('occurrence' as const) : ('exception' as const) };
    const action = decideInstancePull(policyOf(provider), remote, local.state, fetched);
    switch (action.kind) {
      case 'fetch_series':
      case 'noop':
        return 'unchanged';
      case 'edit_occurrence':
        return this.contained(em, provider, runId, action.kind, event.id, () => this.editOccurrence(em, provider, runId, event, series!, originalStartsAt!));
      case 'cancel_occurrence':
        return this.contained(em, provider, runId, action.kind, event.id, () => this.cancel(em, provider, runId, series!, originalStartsAt!, local.mapping, event.id));
      default:
        return this.ports.applyGeneric(em, provider, runId, action, event, local.mapping, local.exception);
    }
  }

  /** The local instance at the original start is cancelled: its exception goes, the series gets an EXDATE. */
  async cancel(em: EntityManager, provider: CalendarProviderRecord, runId: string | null, series: SeriesSide, originalStartsAt: Date, exception: EventMapping | undefined, eventId: string): Promise<PullOutcome> {
    await em.transactional(async (tx) => {
      // Without its mapping, the deletion of the exception pushes nothing back.
      if (exception) await this.mappings.delete(tx, provider.tenantId, exception.id);
      const updated = await this.ports.entries.cancelOccurrence(syncActor(provider), series.entry.id, originalStartsAt, tx);
      await this.mappings.markSynced(tx, provider.tenantId, provider.id, series.entry.id, {
        externalEventId: series.mapping.externalEventId,
        externalVersion: series.mapping.externalVersion,
        localVersion: updated.version,
      });
      await this.ports.log(tx, provider, runId, 'cancel_occurrence', series.entry.id, eventId, 'ok', `instance at ${originalStartsAt.toISOString()} cancelled`);
    });
    return 'pulled';
  }

  /**
   * Graph removes a cancelled occurrence from delta with only its id, which names no series: each mapped series
   * (or the one given) is compared with its provider instances, and local instances the provider no longer has are
   * cancelled. Exceptions are left to their own ids, and the window's edges to the next run.
   */
  async checkCancellations(em: EntityManager, provider: CalendarProviderRecord, runId: string, cache: SeriesRunCache, seriesEventId?: string): Promise<PullOutcome> {
    const adapter = this.ports.adapter(provider);
    if (!adapter) return 'unchanged';
    const candidates = seriesEventId ? [seriesEventId] : (await this.mappings.listSeriesByProvider(em, provider.tenantId, provider.id)).map((m) => m.externalEventId);
    let outcome: PullOutcome = 'unchanged';
    for (const id of candidates.filter((candidate) => !cache.checked.has(candidate))) {
      cache.checked.add(id);
      const series = await this.seriesSide(em, provider, id);
      if (series && (await this.cancelMissing(em, provider, adapter, runId, series)) > 0) outcome = 'pulled';
    }
    return outcome;
  }

  private async cancelMissing(em: EntityManager, provider: CalendarProviderRecord, adapter: CalendarAdapter, runId: string, series: SeriesSide): Promise<number> {
    const window = this.ports.window();
    const inner = { start: new Date(window.start.getTime() + DAY_MS), end: new Date(window.end.getTime() - DAY_MS) };
    const remote = await adapter.listInstances(provider.calendarId!, series.mapping.externalEventId, inner).catch((error: unknown) => {
      if (error instanceof ProviderNotFoundError) return null;
      throw error;
    });
    if (!remote) return 0;
    const live = new Set(remote.filter((i) => i.originalStart).map((i) => instanceKey(series.entry, originalStartsAtOf(series.entry, i.originalStart!))));
    let cancelled = 0;
    for (const occurrence of expandOccurrences(toSeries(series.entry), inner, MAX_OCCURRENCES).occurrences) {
      if (live.has(instanceKey(series.entry, occurrence.startsAt))) continue;
      if (await scheduleEntries.findException(em, provider.tenantId, series.entry.id, occurrence.startsAt)) continue;
      const current = (await this.seriesSide(em, provider, series.mapping.externalEventId))!;
      const outcome = await this.contained(em, provider, runId, 'cancel_occurrence', series.mapping.externalEventId, () =>
        this.cancel(em, provider, runId, current, occurrence.startsAt, undefined, series.mapping.externalEventId));
      if (outcome === 'pulled') cancelled++;
    }
    return cancelled;
  }

  async seriesSide(em: EntityManager, provider: CalendarProviderRecord, seriesEventId: string): Promise<SeriesSide | undefined> {
    const mapping = await this.mappings.findByExternalId(em, provider.tenantId, provider.id, seriesEventId);
    const entry = mapping ? await scheduleEntries.findVisible(em, provider.tenantId, mapping.scheduleEntryId, SYNC_VIEWER) : undefined;
    return mapping && entry && entry.recurrence.length > 0 ? { mapping, entry } : undefined;
  }

  /** Reads and applies the master once per run: when we lack the series, and on Graph, whose delta never lists it. */
  private async readMaster(em: EntityManager, provider: CalendarProviderRecord, seriesId: string, runId: string, cache: SeriesRunCache): Promise<boolean> {
    if (cache.masters.has(seriesId)) return true;
    const mapped = await this.mappings.findByExternalId(em, provider.tenantId, provider.id, seriesId);
    if (mapped && provider.providerType !== 'microsoft') return false;
    const adapter = this.ports.adapter(provider);
    const master = adapter ? await adapter.getEvent(provider.calendarId!, seriesId) : null;
    cache.masters.set(seriesId, master);
    if (master && master.status !== 'cancelled' && master.recurrence) await this.ports.applySeries(em, provider, master, runId);
    // Graph shows a cancellation nowhere but in the instances: a series read from Graph is looked over too.
    if (master && provider.providerType === 'microsoft') await this.checkCancellations(em, provider, runId, cache, seriesId);
    return true;
  }

  private async localInstance(em: EntityManager, provider: CalendarProviderRecord, event: ExternalEvent, series: SeriesSide | undefined, originalStartsAt: Date | null) {
    let mapping = await this.mappings.findByExternalId(em, provider.tenantId, provider.id, event.id);
    if (!mapping && series && originalStartsAt) mapping = await this.relink(em, provider, event, series, originalStartsAt);
    const exception = mapping ? await scheduleEntries.findVisible(em, provider.tenantId, mapping.scheduleEntryId, SYNC_VIEWER) : undefined;
    const state: LocalInstance = {
      seriesMapped: series !== undefined,
      occurrenceLive: series && originalStartsAt ? isOccurrenceStart(toSeries(series.entry), originalStartsAt) : false,
      mapping: mappingStateOf(mapping),
      exception: localStateOf(exception, provider),
    };
    return { state, mapping, exception };
  }

  /**
   * An instance inherits the master's entry id, so the id it carries proves nothing: the mapping is rebuilt only
   * onto the local exception at the same original start (ours, pushed before the mapping was lost).
   */
  private async relink(em: EntityManager, provider: CalendarProviderRecord, event: ExternalEvent, series: SeriesSide, originalStartsAt: Date): Promise<EventMapping | undefined> {
    const exception = await scheduleEntries.findException(em, provider.tenantId, series.entry.id, originalStartsAt);
    if (!exception) return undefined;
    const existing = await this.mappings.findByEntry(em, provider.tenantId, provider.id, exception.id);
    if (existing) return undefined;
    await this.mappings.markSynced(em, provider.tenantId, provider.id, exception.id, { externalEventId: event.id, externalVersion: null, localVersion: exception.version });
    return this.mappings.findByExternalId(em, provider.tenantId, provider.id, event.id);
  }

  private async editOccurrence(em: EntityManager, provider: CalendarProviderRecord, runId: string, event: ExternalEvent, series: SeriesSide, originalStartsAt: Date): Promise<PullOutcome> {
    const { recurrence: _none, ...fields } = fromExternalEvent(event, series.entry.timeZone);
    await em.transactional(async (tx) => {
      const exception = await this.ports.entries.editOccurrence(syncActor(provider), series.entry.id, originalStartsAt, fields, tx);
      await this.mappings.markSynced(tx, provider.tenantId, provider.id, exception.id, { externalEventId: event.id, externalVersion: event.version, localVersion: exception.version });
      await this.ports.log(tx, provider, runId, 'edit_occurrence', exception.id, event.id, 'ok', null);
    });
    return 'pulled';
  }

  /** One instance the schedule refuses (not editable, not an instance any more) must not stop the run. */
  private async contained(em: EntityManager, provider: CalendarProviderRecord, runId: string, action: string, eventId: string, work: () => Promise<PullOutcome>): Promise<PullOutcome> {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof DomainError) && !(error instanceof UntranslatableEventError)) throw error;
      await this.ports.log(em, provider, runId, action, null, eventId, 'failed', error.message);
      return 'failed';
    }
  }

  private async skip(em: EntityManager, provider: CalendarProviderRecord, runId: string, event: ExternalEvent, reason: string): Promise<PullOutcome> {
    await this.ports.log(em, provider, runId, 'skip', null, event.id, 'skipped', reason);
    return 'skipped';
  }
}

function remoteOf(event: ExternalEvent) {
  return { version: event.version, deleted: event.status === 'cancelled', title: event.title, notes: event.notes, switchboardEntryId: event.switchboardEntryId };
}
