import { expandOccurrences, hasOccurrenceIn } from './recurrence';
import { isSeries, type ScheduleEntryRecord, type ScheduleOccurrenceView } from './schedule-entry';
import { toSeries } from './series';

type Range = { start: Date; end: Date };

/** Whether the entry has an instance overlapping [start, end). Single entries were already matched by SQL. */
export function seriesInRange(entry: ScheduleEntryRecord, range: Range): boolean {
  return !isSeries(entry) || hasOccurrenceIn(toSeries(entry), range);
}

/**
 * Every instance in range, sorted: single entries and exceptions as they are, series expanded without the
 * instances an exception replaces (wherever that exception moved to). Pure.
 */
export function occurrencesOf(
  entries: ScheduleEntryRecord[],
  exceptionStarts: Map<string, Set<number>>,
  range: Range,
  limit: number,
): { occurrences: ScheduleOccurrenceView[]; truncated: boolean } {
  const occurrences: ScheduleOccurrenceView[] = [];
  for (const entry of entries) {
    if (!isSeries(entry)) {
      occurrences.push({ ...instant(entry), entry, originalStartsAt: entry.originalStartsAt ?? entry.startsAt, isException: entry.seriesId !== null });
    } else {
      const replaced = exceptionStarts.get(entry.id);
      const expanded = expandOccurrences(toSeries(entry), range, limit + 1 - occurrences.length);
      for (const occurrence of expanded.occurrences) {
        if (replaced?.has(occurrence.startsAt.getTime())) continue;
        occurrences.push({ ...occurrence, entry, originalStartsAt: occurrence.startsAt, isException: false });
      }
    }
    if (occurrences.length > limit) return { occurrences: [], truncated: true };
  }
  occurrences.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.entry.id.localeCompare(b.entry.id));
  return { occurrences, truncated: false };
}

function instant(entry: ScheduleEntryRecord) {
  return { startsAt: entry.startsAt, endsAt: entry.endsAt, startDate: entry.startDate, endDate: entry.endDate };
}
