/**
 * A series the provider cannot express is written as one single event per occurrence inside the sync window
 * (issue #10, item 6). Pure: which occurrences the calendar should show, and which stored instances to create,
 * rewrite or delete to get there. The service does the I/O.
 */
import { expandOccurrences, MAX_OCCURRENCES, type TimeRange } from '../../../../src/schedule/recurrence';
import { isSeries, type ScheduleEntryRecord } from '../../../../src/schedule/schedule-entry';
import { toSeries } from '../../../../src/schedule/series';

/** One occurrence as the calendar should show it: the series' fields at that start, or its exception's. */
export interface WantedInstance {
  /** The occurrence's unmoved start (ms): what names it, wherever an exception moved it. */
  occurrenceStart: number;
  /** The entry whose fields the event carries. */
  source: ScheduleEntryRecord;
  /** For an occurrence of the series itself: its times. */
  times: Pick<ScheduleEntryRecord, 'startsAt' | 'endsAt' | 'startDate' | 'endDate'>;
}

/** What is stored of one pushed instance. */
export interface StoredInstance {
  occurrenceStart: number;
  sourceEntryId: string;
  localVersion: number;
}

export interface ExpandedPlan<W, S> {
  create: W[];
  update: Array<{ wanted: W; stored: S }>;
  delete: S[];
}

/**
 * The occurrences inside the window, each replaced by its exception when there is one. An exception the owner
 * left or that was cancelled removes its occurrence; one whose original start the rule no longer has is still
 * shown while that start is inside the window (as the schedule's own occurrence listing does).
 */
export function wantedInstances(
  series: ScheduleEntryRecord | undefined,
  exceptions: readonly ScheduleEntryRecord[],
  ownerUserId: string,
  window: TimeRange,
): { instances: WantedInstance[]; truncated: boolean; seriesWanted: boolean } {
  if (!series || !isSeries(series) || series.status === 'cancelled' || !series.assigneeIds.includes(ownerUserId)) return { instances: [], truncated: false, seriesWanted: false };
  const expanded = expandOccurrences(toSeries(series), window, MAX_OCCURRENCES);
  const byStart = new Map(exceptions.map((exception) => [exception.originalStartsAt!.getTime(), exception]));
  const instances: WantedInstance[] = [];
  for (const occurrence of expanded.occurrences) {
    const exception = byStart.get(occurrence.startsAt.getTime());
    byStart.delete(occurrence.startsAt.getTime());
    if (!exception) instances.push({ occurrenceStart: occurrence.startsAt.getTime(), source: series, times: occurrence });
    else if (shown(exception, ownerUserId)) instances.push({ occurrenceStart: occurrence.startsAt.getTime(), source: exception, times: exception });
  }
  for (const [start, exception] of byStart) {
    if (shown(exception, ownerUserId) && start >= window.start.getTime() && start < window.end.getTime()) {
      instances.push({ occurrenceStart: start, source: exception, times: exception });
    }
  }
  return { instances: instances.sort((a, b) => a.occurrenceStart - b.occurrenceStart), truncated: expanded.truncated, seriesWanted: true };
}

const shown = (exception: ScheduleEntryRecord, ownerUserId: string) => exception.status !== 'cancelled' && exception.assigneeIds.includes(ownerUserId);

/**
 * Create what is wanted and not stored, rewrite what was written from another entry or another version of it,
 * delete what is stored and no longer wanted. Matched by the occurrence's unmoved start. `keepBefore` (the
 * window's start, while the series is still wanted): older events are history the window has moved past, not
 * occurrences the series dropped, so they stay as they are.
 */
export function planExpandedPush<W extends Pick<WantedInstance, 'occurrenceStart'> & { source: Pick<ScheduleEntryRecord, 'id' | 'version'> }, S extends StoredInstance>(
  wanted: readonly W[],
  stored: readonly S[],
  keepBefore?: number,
): ExpandedPlan<W, S> {
  const storedByStart = new Map(stored.map((row) => [row.occurrenceStart, row]));
  const plan: ExpandedPlan<W, S> = { create: [], update: [], delete: [] };
  for (const instance of wanted) {
    const row = storedByStart.get(instance.occurrenceStart);
    storedByStart.delete(instance.occurrenceStart);
    if (!row) plan.create.push(instance);
    else if (row.sourceEntryId !== instance.source.id || row.localVersion !== instance.source.version) plan.update.push({ wanted: instance, stored: row });
  }
  plan.delete.push(...[...storedByStart.values()].filter((row) => keepBefore === undefined || row.occurrenceStart >= keepBefore));
  return plan;
}

/** Why the rule is written as single events, for the sync log. */
export function inexpressibleParts(recurrence: readonly string[]): string {
  const names = recurrence.map((line) => line.trim().split(/[;:]/)[0]!.toUpperCase());
  const parts: string[] = [];
  if (names.includes('RDATE')) parts.push('RDATE');
  if (names.includes('EXRULE')) parts.push('EXRULE');
  if (names.filter((name) => name === 'RRULE').length > 1) parts.push('several RRULEs');
  return parts.length > 0 ? parts.join(', ') : `the rule ${recurrence.find((line) => /^RRULE/i.test(line.trim())) ?? recurrence.join(' ')}`;
}
