import type { EntityManager } from '@mikro-orm/postgresql';
import type { TimeRange } from '../../../../src/schedule/recurrence';
import type { ScheduleEntryRecord } from '../../../../src/schedule/schedule-entry';
import type { CalendarAdapter, EventInput } from '../adapters/calendar-adapter';
import { PreconditionFailedError } from '../adapters/provider-errors';
import type { CalendarProviderRecord } from '../calendar-provider.repository';
import { toEventInput } from './entry-event-translation';
import { ExpandedInstanceRepository, type ExpandedInstance } from './expanded-instance.repository';
import { inexpressibleParts, planExpandedPush, wantedInstances, type WantedInstance } from './expanded-series-decision';
import { SyncLogRepository } from './sync-log.repository';
import { scheduleEntries, SYNC_VIEWER } from './sync-context';

export interface ExpandedPushResult {
  created: number;
  updated: number;
  deleted: number;
}

/**
 * Writes a series the provider cannot express as single events, one per occurrence inside the sync window, and
 * keeps them in step with the series and its exceptions. Each write commits its row at once, so a crash leaves
 * rows that say exactly what exists; the create's idempotency key (per occurrence) makes a retried create find
 * the event its first attempt made.
 */
export class ExpandedSeriesPush {
  private readonly instances = new ExpandedInstanceRepository();
  private readonly log = new SyncLogRepository();

  /** `series` undefined (deleted, or no longer ours): every event of it goes. */
  async push(em: EntityManager, provider: CalendarProviderRecord, adapter: CalendarAdapter, seriesId: string, series: ScheduleEntryRecord | undefined, window: TimeRange): Promise<ExpandedPushResult> {
    const exceptions = series ? await this.exceptionsOf(em, provider.tenantId, seriesId) : [];
    const { instances: wanted, truncated, seriesWanted } = wantedInstances(series, exceptions, provider.ownerUserId, window);
    const stored = (await this.instances.listBySeries(em, provider.tenantId, provider.id, seriesId)).map((row) => ({ ...row, occurrenceStart: row.occurrenceStart.getTime(), row }));
    const plan = planExpandedPush(wanted, stored, seriesWanted ? window.start.getTime() : undefined);
    for (const instance of plan.create) await this.create(em, provider, adapter, seriesId, instance);
    for (const { wanted: instance, stored: row } of plan.update) await this.update(em, provider, adapter, seriesId, instance, row.row);
    for (const { row } of plan.delete) await this.remove(em, provider, adapter, row);
    const result = { created: plan.create.length, updated: plan.update.length, deleted: plan.delete.length };
    if (result.created + result.updated + result.deleted > 0) await this.logged(em, provider, adapter, seriesId, series, wanted.length, truncated, result);
    return result;
  }

  hasInstances(em: EntityManager, provider: CalendarProviderRecord, seriesId: string): Promise<boolean> {
    return this.instances.listBySeries(em, provider.tenantId, provider.id, seriesId).then((rows) => rows.length > 0);
  }

  private async exceptionsOf(em: EntityManager, tenantId: string, seriesId: string): Promise<ScheduleEntryRecord[]> {
    const found = await Promise.all((await this.instances.exceptionIds(em, tenantId, seriesId)).map((id) => scheduleEntries.findVisible(em, tenantId, id, SYNC_VIEWER)));
    return found.filter((entry): entry is ScheduleEntryRecord => entry !== undefined);
  }

  private async create(em: EntityManager, provider: CalendarProviderRecord, adapter: CalendarAdapter, seriesId: string, instance: WantedInstance): Promise<void> {
    const event = await adapter.createEvent(provider.calendarId!, inputOf(provider, seriesId, instance));
    await this.instances.upsert(em, rowOf(provider, seriesId, instance, event.id, event.version));
  }

  /** Conditional on what we last wrote; a remote edit of one of these events is overwritten (the series is edited here). */
  private async update(em: EntityManager, provider: CalendarProviderRecord, adapter: CalendarAdapter, seriesId: string, instance: WantedInstance, row: ExpandedInstance): Promise<void> {
    const input = inputOf(provider, seriesId, instance);
    let event;
    try {
      event = await adapter.updateEvent(provider.calendarId!, row.externalEventId, input, row.externalVersion ?? undefined);
    } catch (error) {
      if (!(error instanceof PreconditionFailedError)) throw error;
      event = await adapter.updateEvent(provider.calendarId!, row.externalEventId, input);
    }
    await this.instances.upsert(em, rowOf(provider, seriesId, instance, event.id, event.version));
  }

  private async remove(em: EntityManager, provider: CalendarProviderRecord, adapter: CalendarAdapter, row: ExpandedInstance): Promise<void> {
    await adapter.deleteEvent(provider.calendarId!, row.externalEventId);
    await this.instances.delete(em, row);
  }

  private logged(em: EntityManager, provider: CalendarProviderRecord, adapter: CalendarAdapter, seriesId: string, series: ScheduleEntryRecord | undefined, shown: number, truncated: boolean, result: ExpandedPushResult) {
    const who = adapter.providerType === 'microsoft' ? 'Graph' : 'Google';
    const why = series && series.recurrence.length > 0 ? `${who} cannot express ${inexpressibleParts(series.recurrence)}: ` : '';
    const counts = `${result.created} created, ${result.updated} updated, ${result.deleted} deleted`;
    const reason = `${why}pushed as ${shown} single events within the sync window${truncated ? ' (truncated)' : ''} (${counts})`;
    return this.log.append(em, provider.tenantId, provider.id, { direction: 'push', action: 'expanded', scheduleEntryId: seriesId, externalEventId: null, outcome: 'ok', reason });
  }
}

/** One occurrence as a single event; it carries the series' id, so a pull that sees it knows whose it is. */
function inputOf(provider: CalendarProviderRecord, seriesId: string, instance: WantedInstance): EventInput {
  const input = toEventInput({ ...instance.source, ...instance.times, recurrence: [] }, provider.id, provider);
  return { ...input, recurrence: null, switchboardEntryId: seriesId, idempotencyKey: occurrenceKeyFor(provider.id, seriesId, instance.occurrenceStart) };
}

/** The idempotency key of one occurrence's create: unique per (provider, series, occurrence start). */
export const occurrenceKeyFor = (providerId: string, seriesId: string, occurrenceStart: number) => `${providerId}:${seriesId}:${new Date(occurrenceStart).toISOString()}`;

function rowOf(provider: CalendarProviderRecord, seriesId: string, instance: WantedInstance, externalEventId: string, externalVersion: string | null): ExpandedInstance {
  return {
    tenantId: provider.tenantId,
    providerId: provider.id,
    scheduleEntryId: seriesId,
    occurrenceStart: new Date(instance.occurrenceStart),
    sourceEntryId: instance.source.id,
    externalEventId,
    externalVersion,
    localVersion: instance.source.version,
  };
}
