import { isValidTimeZone } from './time-zones';
import { parseIcalDate, parseIcalDateTime } from './wall-time';

/** One EXDATE/RDATE value: a DATE, a UTC DATE-TIME, or a local DATE-TIME in `timeZone` (null: the series' zone). */
export type DateValue = { kind: 'date'; wall: number } | { kind: 'utc'; instant: number } | { kind: 'local'; wall: number; timeZone: string | null };

export interface DateListLine {
  property: 'EXDATE' | 'RDATE';
  values: DateValue[];
  /** The line rebuilt from what was parsed: upper-case names, VALUE=DATE spelled out, default VALUE dropped. */
  normalized: string;
}

/** Thrown for a line that is not a well-formed EXDATE/RDATE; the caller adds the line. */
export class DateListError extends Error {}

const LINE = /^([A-Za-z]+)((?:;[A-Za-z-]+=(?:"[^"]*"|[^";:,]*))*):(.+)$/;
const PARAM = /;([A-Za-z-]+)=("[^"]*"|[^";:,]*)/g;

/** Parses `EXDATE;TZID=Europe/Berlin:20250310T090000`, `EXDATE;VALUE=DATE:20250310`, `RDATE:20250310T080000Z`, lists too. */
export function parseDateList(line: string, property: 'EXDATE' | 'RDATE'): DateListLine {
  const match = LINE.exec(line.trim());
  if (!match) throw new DateListError(`${property} must read ${property}[;TZID=zone|;VALUE=DATE]:value[,value...]`);
  const { timeZone, valueType } = parseParams(match[2]!);
  if (valueType === 'PERIOD') throw new DateListError(`${property};VALUE=PERIOD is not supported: each instance takes the entry's own duration`);
  const raw = match[3]!.toUpperCase().split(',');
  const values = raw.map((value) => parseValue(value, valueType, timeZone));
  const dates = values.filter((value) => value.kind === 'date').length;
  if (dates > 0 && dates < values.length) throw new DateListError('one line cannot mix dates and date-times');
  if (dates > 0 && timeZone) throw new DateListError('TZID does not apply to dates (VALUE=DATE)');
  const params = dates > 0 ? ';VALUE=DATE' : timeZone ? `;TZID=${timeZone}` : '';
  return { property, values, normalized: `${property}${params}:${raw.join(',')}` };
}

function parseParams(text: string): { timeZone: string | null; valueType: string | null } {
  let timeZone: string | null = null;
  let valueType: string | null = null;
  for (const [, rawName, rawValue] of text.matchAll(PARAM)) {
    const name = rawName!.toUpperCase();
    const value = rawValue!.replace(/^"(.*)"$/, '$1');
    if (name === 'TZID') {
      if (!isValidTimeZone(value)) throw new DateListError(`TZID "${value}" is not a known IANA time zone`);
      timeZone = value;
    } else if (name === 'VALUE') {
      valueType = value.toUpperCase();
      if (!['DATE', 'DATE-TIME', 'PERIOD'].includes(valueType)) throw new DateListError(`VALUE must be DATE or DATE-TIME`);
    } else {
      throw new DateListError(`parameter ${name} is not supported (only TZID and VALUE)`);
    }
  }
  return { timeZone, valueType };
}

function parseValue(value: string, valueType: string | null, timeZone: string | null): DateValue {
  const date = parseIcalDate(value);
  // A bare YYYYMMDD is a date even without VALUE=DATE, as most producers mean it.
  if (date !== null && valueType !== 'DATE-TIME') return { kind: 'date', wall: date };
  if (valueType === 'DATE') throw new DateListError(`"${value}" is not a real date (YYYYMMDD)`);
  const utc = value.endsWith('Z');
  const wall = parseIcalDateTime(utc ? value.slice(0, -1) : value);
  if (wall === null) throw new DateListError(`"${value}" is not a real date-time (YYYYMMDDTHHMMSS, optionally Z)`);
  if (utc && timeZone) throw new DateListError(`"${value}" is UTC and cannot also have a TZID`);
  return utc ? { kind: 'utc', instant: wall } : { kind: 'local', wall, timeZone };
}
