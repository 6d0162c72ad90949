import { startsBetween } from './occurrence-starts';
import { lastStartOf } from './series-end';
import { occurrenceOf } from './occurrence';
import { planFor, type SeriesPlan } from './series-plan';
import type { Occurrence, RecurringSeries, TimeRange } from './types';
import { DAY_MS } from './wall-time';

/** Every occurrence overlapping [range.start, range.end), sorted by start, EXDATEs removed; at most `limit`. */
export function expandOccurrences(series: RecurringSeries, range: TimeRange, limit: number): { occurrences: Occurrence[]; truncated: boolean } {
  const plan = planFor(series);
  const start = range.start.getTime();
  const end = range.end.getTime();
  if (endedBefore(plan, start - lookBack(series))) return { occurrences: [], truncated: false };
  const days = 'days' in series.duration ? series.duration.days : 0;
  // All-day look-back starts may end before the range; allow for them in the count (at most one a day).
  const starts = startsBetween(plan, start - lookBack(series), end, days > 0 ? limit + days + 2 : limit);
  const occurrences = starts.map((first) => occurrenceOf(series, plan, first)).filter((occurrence) => overlaps(occurrence, start, end));
  return { occurrences: occurrences.slice(0, limit), truncated: occurrences.length > limit };
}

/** True when some occurrence overlaps the range; stops at the first. */
export function hasOccurrenceIn(series: RecurringSeries, range: TimeRange): boolean {
  return expandOccurrences(series, range, 1).occurrences.length > 0;
}

/** Whether `originalStartsAt` is the start of an (un-excluded) occurrence of the series. */
export function isOccurrenceStart(series: RecurringSeries, originalStartsAt: Date): boolean {
  const instant = originalStartsAt.getTime();
  return startsBetween(planFor(series), instant, instant + 1, 1).some((start) => start.instant === instant);
}

/**
 * How far before the range an overlapping occurrence can start: the exact duration of a timed series (an
 * instance ending exactly at range.start does not overlap, one of zero length starting there does); for all-day
 * series the days plus one, since a local day can last 25 hours.
 */
function lookBack(series: RecurringSeries): number {
  if ('ms' in series.duration) return series.duration.ms > 0 ? series.duration.ms - 1 : 0;
  return (series.duration.days + 1) * DAY_MS;
}

/** Bounded series whose last instance started before `instant` are skipped without asking the library. */
function endedBefore(plan: SeriesPlan, instant: number): boolean {
  const last = lastStartOf(plan);
  return last !== null && last < instant;
}

/** [start, end) overlap; a zero-length occurrence counts where it starts. */
function overlaps(occurrence: Occurrence, start: number, end: number): boolean {
  const from = occurrence.startsAt.getTime();
  return from < end && (occurrence.endsAt.getTime() > start || from >= start);
}
