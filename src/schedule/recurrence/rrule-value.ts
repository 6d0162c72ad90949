import { MAX_COUNT, MAX_INTERVAL } from './limits';
import { parseIcalDate, parseIcalDateTime } from './wall-time';

export type Frequency = 'YEARLY' | 'MONTHLY' | 'WEEKLY' | 'DAILY' | 'HOURLY' | 'MINUTELY';

/** UNTIL as written: a DATE, a UTC DATE-TIME, or a DATE-TIME without zone (read in the series' zone). */
export type UntilValue = { kind: 'date'; wall: number } | { kind: 'utc'; instant: number } | { kind: 'local'; wall: number };

export interface RRuleValue {
  freq: Frequency;
  interval: number;
  count: number | null;
  until: UntilValue | null;
  /** BYHOUR, BYMINUTE or BYSECOND given: the rule may yield several times a day. */
  timeOfDayParts: boolean;
  /** Every rule part but UNTIL, as the library evaluates them (UNTIL is bounded by the caller). */
  libraryParts: string[];
  /** The whole value, upper-cased, without a trailing `;`. */
  text: string;
}

/** Thrown for a value that is not a rule this module evaluates; the caller adds the line. */
export class RRuleValueError extends Error {}

const FREQUENCIES = new Set(['YEARLY', 'MONTHLY', 'WEEKLY', 'DAILY', 'HOURLY', 'MINUTELY']);
const WEEKDAY = '(?:SU|MO|TU|WE|TH|FR|SA)';
const BYDAY_ITEM = new RegExp(`^([+-]?\\d{1,2})?${WEEKDAY}$`);
const WKST = new RegExp(`^${WEEKDAY}$`);

/** [min, max] of each numeric list part; `signed` allows the same range negated (counting from the end). */
const NUMERIC_LISTS: Record<string, { min: number; max: number; signed: boolean }> = {
  BYSECOND: { min: 0, max: 59, signed: false },
  BYMINUTE: { min: 0, max: 59, signed: false },
  BYHOUR: { min: 0, max: 23, signed: false },
  BYMONTHDAY: { min: 1, max: 31, signed: true },
  BYYEARDAY: { min: 1, max: 366, signed: true },
  BYWEEKNO: { min: 1, max: 53, signed: true },
  BYMONTH: { min: 1, max: 12, signed: false },
  BYSETPOS: { min: 1, max: 366, signed: true },
};

/** Parses an RRULE value (RFC 5545 §3.3.10); Google's trailing `;` is accepted. */
export function parseRRuleValue(raw: string): RRuleValue {
  const text = raw.trim().toUpperCase().replace(/;$/, '');
  const parts = new Map<string, string>();
  for (const part of text.split(';')) {
    const match = /^([A-Z-]+)=(.+)$/.exec(part);
    if (!match) throw new RRuleValueError(`"${part}" is not a NAME=VALUE rule part`);
    const [, name, value] = match as unknown as [string, string, string];
    if (parts.has(name)) throw new RRuleValueError(`${name} is given twice`);
    checkPart(name, value);
    parts.set(name, value);
  }
  const freq = parts.get('FREQ');
  if (!freq) throw new RRuleValueError('FREQ is required');
  if (parts.has('COUNT') && parts.has('UNTIL')) throw new RRuleValueError('COUNT and UNTIL cannot both be given');
  return {
    freq: freq as Frequency,
    interval: Number(parts.get('INTERVAL') ?? 1),
    count: parts.has('COUNT') ? Number(parts.get('COUNT')) : null,
    until: parts.has('UNTIL') ? parseUntil(parts.get('UNTIL')!) : null,
    timeOfDayParts: parts.has('BYHOUR') || parts.has('BYMINUTE') || parts.has('BYSECOND'),
    libraryParts: [...parts].filter(([name]) => name !== 'UNTIL').map(([name, value]) => `${name}=${value}`),
    text,
  };
}

function checkPart(name: string, value: string): void {
  if (name === 'FREQ') return checkFrequency(value);
  if (name === 'UNTIL') return void parseUntil(value);
  if (name === 'COUNT') return checkPositive(name, value, MAX_COUNT);
  if (name === 'INTERVAL') return checkPositive(name, value, MAX_INTERVAL);
  if (name === 'WKST') {
    if (!WKST.test(value)) throw new RRuleValueError(`WKST must be one of SU, MO, TU, WE, TH, FR, SA`);
    return;
  }
  if (name === 'BYDAY') return checkByDay(value);
  const range = NUMERIC_LISTS[name];
  if (range) return checkNumericList(name, value, range);
  if (name === 'RSCALE' || name === 'SKIP') throw new RRuleValueError(`${name} (RFC 7529 calendars) is not supported`);
  throw new RRuleValueError(`${name} is not an RFC 5545 rule part`);
}

function checkFrequency(value: string): void {
  if (FREQUENCIES.has(value)) return;
  if (value === 'SECONDLY') throw new RRuleValueError('FREQ=SECONDLY is not supported (the shortest is MINUTELY)');
  throw new RRuleValueError(`FREQ must be one of YEARLY, MONTHLY, WEEKLY, DAILY, HOURLY, MINUTELY`);
}

function checkPositive(name: string, value: string, max: number): void {
  const number = /^\d{1,9}$/.test(value) ? Number(value) : NaN;
  if (!(number >= 1 && number <= max)) throw new RRuleValueError(`${name} must be a whole number from 1 to ${max}`);
}

function checkByDay(value: string): void {
  for (const item of value.split(',')) {
    const match = BYDAY_ITEM.exec(item);
    const ordinal = match?.[1] === undefined ? 1 : Math.abs(Number(match[1]));
    if (!match || ordinal < 1 || ordinal > 53) throw new RRuleValueError(`BYDAY item "${item}" is not a weekday like MO, 1FR or -1SU`);
  }
}

function checkNumericList(name: string, value: string, range: { min: number; max: number; signed: boolean }): void {
  for (const item of value.split(',')) {
    const magnitude = /^[+-]?\d{1,3}$/.test(item) ? Math.abs(Number(item)) : NaN;
    const signAllowed = range.signed || !item.startsWith('-');
    if (!(signAllowed && magnitude >= range.min && magnitude <= range.max)) {
      const allowed = range.signed ? `${range.min} to ${range.max} or -${range.max} to -${range.min}` : `${range.min} to ${range.max}`;
      throw new RRuleValueError(`${name} values must be ${allowed} ("${item}" is not)`);
    }
  }
}

function parseUntil(value: string): UntilValue {
  const date = parseIcalDate(value);
  if (date !== null) return { kind: 'date', wall: date };
  const utc = value.endsWith('Z');
  const wall = parseIcalDateTime(utc ? value.slice(0, -1) : value);
  if (wall === null) throw new RRuleValueError(`UNTIL must be a real date (YYYYMMDD) or date-time (YYYYMMDDTHHMMSSZ)`);
  return utc ? { kind: 'utc', instant: wall } : { kind: 'local', wall };
}
