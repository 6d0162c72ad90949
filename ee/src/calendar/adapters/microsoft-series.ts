/**
 * What Graph cannot carry of a series, pure: patterns have no EXDATE, so a series is written as its rule lines
 * without them and the occurrences they leave out are deleted afterwards; and rewriting a master's times or
 * pattern makes Outlook drop the series' exceptions, so an unchanged shape is left out of the PATCH.
 */
import type { EventInput, EventTime, ExternalEvent } from './calendar-adapter';
import { graphRecurrenceToRrule, rruleToGraphRecurrence, type GraphRecurrence } from './microsoft-recurrence';

const EXDATE = /^EXDATE[;:]/i;

/** The input Graph can take: the same series, its EXDATE lines left for `cancelledStarts` to apply. */
export function withoutExdates(input: EventInput): EventInput {
  if (!input.recurrence?.some((line) => EXDATE.test(line.trim()))) return input;
  return { ...input, recurrence: input.recurrence.filter((line) => !EXDATE.test(line.trim())) };
}

/** A single event, or a series whose lines (EXDATE aside) convert to a Graph pattern. */
export function expressesAsPattern(recurrence: readonly string[], start: EventTime): boolean {
  const rules = recurrence.filter((line) => !EXDATE.test(line.trim()));
  if (rules.length === 0) return true;
  try {
    rruleToGraphRecurrence(rules, start);
    return true;
  } catch {
    return false;
  }
}

/** An instance listed by `instances` at one of the starts (ISO instants, or dates for all-day series). */
export function isAtStart(instance: Pick<ExternalEvent, 'originalStart'>, starts: readonly string[]): boolean {
  if (!instance.originalStart) return false;
  const at = Date.parse(instance.originalStart);
  return starts.some((start) => (start.length === 10 ? instance.originalStart!.slice(0, 10) === start : Date.parse(start) === at));
}

interface SeriesShape {
  isAllDay?: unknown;
  start?: unknown;
  end?: unknown;
  recurrence?: GraphRecurrence | null;
}

/**
 * True when the formatted body would leave the master's times and pattern as they are. Patterns are compared
 * through the one reader both sides share, since Graph answers with every property filled in.
 */
export function sameSeriesShape(current: SeriesShape & { startInstant: string | null; endInstant: string | null }, next: SeriesShape & { startInstant: string; endInstant: string }): boolean {
  if (Boolean(current.isAllDay) !== Boolean(next.isAllDay)) return false;
  if (current.startInstant !== next.startInstant || current.endInstant !== next.endInstant) return false;
  if (!current.recurrence || !next.recurrence) return !current.recurrence && !next.recurrence;
  try {
    const rules = (recurrence: GraphRecurrence) => JSON.stringify(graphRecurrenceToRrule(recurrence, null, recurrence.range.recurrenceTimeZone ?? null));
    return rules(current.recurrence) === rules(next.recurrence);
  } catch {
    return false;
  }
}
