import { DateListError, parseDateList, type DateValue } from './date-list';
import { checkLibraryAccepts } from './wall-clock-rule';
import { RecurrenceError } from './recurrence-error';
import { RRuleValueError, parseRRuleValue, type RRuleValue } from './rrule-value';

export interface ParsedRecurrence {
  rrule: RRuleValue | null;
  /** The RRULE line as given, for errors raised while evaluating it. */
  rruleLine: string | null;
  exdates: DateValue[];
  rdates: DateValue[];
  /** The lines to store: same meaning, normalized spelling. */
  lines: string[];
}

type SeriesKind = { timeZone: string; allDay: boolean };

/** Parses and checks every line against the kind of series; throws RecurrenceError quoting the first bad one. */
export function parseRecurrence(lines: string[], series: SeriesKind): ParsedRecurrence {
  const parsed: ParsedRecurrence = { rrule: null, rruleLine: null, exdates: [], rdates: [], lines: [] };
  for (const line of lines) {
    try {
      parsed.lines.push(parseLine(line, series, parsed));
    } catch (error) {
      if (error instanceof RRuleValueError || error instanceof DateListError) throw new RecurrenceError(line, error.message);
      throw error;
    }
  }
  return parsed;
}

/** Parses & validates; returns the lines to store (see ParsedRecurrence.lines). */
export function validateRecurrence(lines: string[], series: SeriesKind): string[] {
  const parsed = parseRecurrence(lines, series);
  if (parsed.rrule) checkLibraryAccepts(parsed.rrule, parsed.rruleLine!);
  return parsed.lines;
}

function parseLine(line: string, series: SeriesKind, parsed: ParsedRecurrence): string {
  if (/[\r\n]/.test(line)) throw new RecurrenceError(line, 'a line must not contain line breaks');
  const name = /^\s*([A-Za-z-]*)/.exec(line)![1]!.toUpperCase();
  if (name === 'RRULE') return rruleLine(line, series, parsed);
  if (name === 'EXDATE' || name === 'RDATE') {
    const list = parseDateList(line, name);
    checkDatesFit(line, list.property, list.values, series);
    (name === 'EXDATE' ? parsed.exdates : parsed.rdates).push(...list.values);
    return list.normalized;
  }
  throw new RecurrenceError(line, unsupportedProperty(name));
}

function unsupportedProperty(name: string): string {
  if (name === '') return 'a line must start with RRULE, RDATE or EXDATE';
  if (name === 'EXRULE') return 'EXRULE is not supported (RFC 5545 deprecates it); exclude instances with EXDATE';
  if (['DTSTART', 'DTEND', 'DURATION'].includes(name)) return `${name} comes from the entry's own start and end; only RRULE, RDATE and EXDATE lines belong here`;
  return `${name} is not supported; only RRULE, RDATE and EXDATE lines are`;
}

function rruleLine(line: string, series: SeriesKind, parsed: ParsedRecurrence): string {
  const match = /^\s*RRULE:(.*)$/i.exec(line);
  if (!match) throw new RecurrenceError(line, 'RRULE takes no parameters: write RRULE:FREQ=...');
  if (parsed.rrule) throw new RecurrenceError(line, 'only one RRULE per series is supported');
  const rrule = parseRRuleValue(match[1]!);
  if (series.allDay && (rrule.freq === 'HOURLY' || rrule.freq === 'MINUTELY' || rrule.timeOfDayParts)) {
    throw new RecurrenceError(line, 'an all-day series repeats on whole days: no HOURLY/MINUTELY, BYHOUR, BYMINUTE or BYSECOND');
  }
  parsed.rrule = rrule;
  parsed.rruleLine = line;
  return `RRULE:${rrule.text}`;
}

/**
 * All-day series take dates only. Timed series take date-times; an EXDATE date on a timed series removes every
 * instance starting on that date in the series' zone (RFC 5545 lets EXDATE be a DATE), while an RDATE date
 * would have no time of day and is refused.
 */
function checkDatesFit(line: string, property: 'EXDATE' | 'RDATE', values: DateValue[], series: SeriesKind): void {
  const dates = values[0]?.kind === 'date';
  if (series.allDay && !dates) throw new RecurrenceError(line, `an all-day series takes dates: ${property};VALUE=DATE:YYYYMMDD`);
  if (!series.allDay && dates && property === 'RDATE') {
    throw new RecurrenceError(line, 'a timed series needs RDATE date-times: RDATE;TZID=zone:YYYYMMDDTHHMMSS or RDATE:YYYYMMDDTHHMMSSZ');
  }
}
