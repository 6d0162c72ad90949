/**
 * Series and instances between our model and the neutral event, pure. Our cancelled instance is an EXDATE on the
 * series; an instance is named by its unmoved start, an instant for timed series and a date for all-day ones.
 */
import { dateInZone, expandOccurrences, MAX_OCCURRENCES, startOfDayInZone, type TimeRange } from '../../../../src/schedule/recurrence';
import type { ScheduleEntryRecord } from '../../../../src/schedule/schedule-entry';
import { isSeries } from '../../../../src/schedule/schedule-entry';
import { toSeries } from '../../../../src/schedule/series';

const EXDATE = /^EXDATE[;:]/i;
const isExdate = (line: string) => EXDATE.test(line.trim());

type SeriesEntry = Pick<ScheduleEntryRecord, 'timeZone' | 'allDay' | 'startsAt' | 'endsAt' | 'startDate' | 'endDate' | 'recurrence'>;

/** How a provider names an instance: ISO instant (timed) or date (all-day, in the series' zone). */
export function instanceKey(series: Pick<ScheduleEntryRecord, 'allDay' | 'timeZone'>, originalStartsAt: Date): string {
  return series.allDay ? dateInZone(originalStartsAt, series.timeZone) : originalStartsAt.toISOString();
}

/**
 * The instant our model names an instance by, from a provider's original start. An all-day instance is its day
 * (Graph writes it as a floating midnight, Google as a date), which starts at midnight in the series' zone.
 */
export function originalStartsAtOf(series: Pick<ScheduleEntryRecord, 'timeZone' | 'allDay'>, originalStart: string): Date {
  if (series.allDay || originalStart.length === 10) return startOfDayInZone(originalStart.slice(0, 10), series.timeZone);
  return new Date(originalStart);
}

/** Starts the series' EXDATE lines leave out inside the window; undefined when it has none. */
export function cancelledStartsOf(entry: SeriesEntry, window: TimeRange): string[] | undefined {
  if (!isSeries(entry) || !entry.recurrence.some(isExdate)) return undefined;
  const starts = (lines: string[]) =>
    expandOccurrences(toSeries({ ...entry, recurrence: lines }), window, MAX_OCCURRENCES).occurrences.map((o) => o.startsAt.getTime());
  const kept = new Set(starts(entry.recurrence));
  return starts(entry.recurrence.filter((line) => !isExdate(line)))
    .filter((start) => !kept.has(start))
    .map((start) => instanceKey(entry, new Date(start)));
}

/**
 * A remote series brings its rules; the instances cancelled here stay cancelled. Graph patterns carry no EXDATE
 * and Google keeps cancelled instances beside the rule, so dropping our EXDATE lines would bring them back.
 */
export function keepLocalExdates(remote: readonly string[], local: readonly string[]): string[] {
  if (remote.length === 0) return [];
  const known = new Set(remote.map((line) => line.trim().toUpperCase()));
  return [...remote, ...local.filter((line) => isExdate(line) && !known.has(line.trim().toUpperCase()))];
}

/**
 * The rule lines a remote series brings, unless they only spell ours differently (Graph patterns come back as
 * RRULEs with BYDAY filled in): then ours stay, so an instance edit elsewhere never rewrites the local series.
 */
export function seriesRulesFrom(remote: readonly string[], local: SeriesEntry, window: TimeRange): string[] {
  const merged = keepLocalExdates(remote, local.recurrence);
  if (merged.length === 0 || local.recurrence.length === 0) return merged;
  const starts = (lines: string[]) =>
    JSON.stringify(expandOccurrences(toSeries({ ...local, recurrence: lines }), window, MAX_OCCURRENCES).occurrences.map((o) => o.startsAt.getTime()));
  try {
    return starts(merged) === starts(local.recurrence) ? [...local.recurrence] : merged;
  } catch {
    // Lines our model refuses: the update reports them.
    return merged;
  }
}
