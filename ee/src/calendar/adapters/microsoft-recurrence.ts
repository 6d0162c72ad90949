/**
 * RFC 5545 RRULE lines ⇄ Graph `patternedRecurrence`, for the patterns both sides express the same way:
 * daily, weekly (BYDAY, WKST), absoluteMonthly (BYMONTHDAY), relativeMonthly (BYDAY with an ordinal, or BYDAY +
 * BYSETPOS), absoluteYearly (BYMONTH + BYMONTHDAY) and relativeYearly (BYMONTH + ordinal BYDAY / BYSETPOS), with
 * COUNT, UNTIL or no end. Anything else throws UnsupportedRecurrenceError: a write must not silently create a
 * different series.
 */
import type { EventTime } from './calendar-adapter';
import { utcOfWallTime, wallTimeAt } from './zoned-time';

export interface GraphRecurrence {
  pattern: {
    type: string;
    interval?: number;
    daysOfWeek?: string[];
    dayOfMonth?: number;
    firstDayOfWeek?: string;
    month?: number;
    index?: string;
  };
  range: { type: string; startDate: string; endDate?: string; numberOfOccurrences?: number; recurrenceTimeZone?: string };
}

export class UnsupportedRecurrenceError extends Error {
  override name = 'UnsupportedRecurrenceError';
}

const DAY_CODES: Record<string, string> = {
  SU: 'sunday', MO: 'monday', TU: 'tuesday', WE: 'wednesday', TH: 'thursday', FR: 'friday', SA: 'saturday',
};
const CODE_OF_DAY = Object.fromEntries(Object.entries(DAY_CODES).map(([code, day]) => [day, code]));
const SUPPORTED_PARTS = new Set(['FREQ', 'INTERVAL', 'BYDAY', 'BYMONTHDAY', 'BYMONTH', 'BYSETPOS', 'COUNT', 'UNTIL', 'WKST']);
/** Graph's week-of-month index ⇄ the RFC 5545 ordinal (BYSETPOS or a BYDAY prefix). */
const INDEX_OF_POSITION: Record<string, string> = { '1': 'first', '2': 'second', '3': 'third', '4': 'fourth', '-1': 'last' };
const POSITION_OF_INDEX = Object.fromEntries(Object.entries(INDEX_OF_POSITION).map(([position, index]) => [index, position]));

/** The series' first day as a calendar date in the event's own zone (Graph ranges are local dates). */
function localStartDate(start: EventTime): string {
  if ('date' in start) return start.date;
  return wallTimeAt(Date.parse(start.dateTime), start.timeZone ?? 'UTC').slice(0, 10);
}

function parseRuleParts(lines: string[]): Map<string, string> {
  const rules = lines.map((line) => line.trim()).filter((line) => line.length > 0);
  if (rules.length !== 1 || !/^RRULE:/i.test(rules[0])) {
    throw new UnsupportedRecurrenceError(`Graph takes exactly one RRULE and no EXDATE/RDATE/EXRULE: got ${JSON.stringify(lines)}`);
  }
  const parts = new Map<string, string>();
  for (const part of rules[0].slice('RRULE:'.length).split(';').filter(Boolean)) {
    const [key, value] = part.split('=');
    const name = key.trim().toUpperCase();
    if (!SUPPORTED_PARTS.has(name) || !value) throw new UnsupportedRecurrenceError(`RRULE part "${part}" has no Graph equivalent`);
    parts.set(name, value.trim().toUpperCase());
  }
  return parts;
}

function weekdayOf(date: string): string {
  return Object.values(DAY_CODES)[new Date(`${date}T00:00:00Z`).getUTCDay()];
}

function dayNames(codes: string): string[] {
  return codes.split(',').map((code) => {
    const day = DAY_CODES[code];
    if (!day) throw new UnsupportedRecurrenceError(`BYDAY "${code}" (ordinal weekdays) has no Graph equivalent here`);
    return day;
  });
}

/** `2TU` or `BYDAY=MO,TU;BYSETPOS=-1` → Graph's days + index; undefined when BYDAY has no ordinal at all. */
function relativeDays(byDay: string, bySetPos: string | undefined): { daysOfWeek: string[]; index: string } | undefined {
  const ordinal = /^([+-]?\d)([A-Z]{2})$/.exec(byDay);
  if (ordinal && !bySetPos) {
    const index = INDEX_OF_POSITION[String(Number(ordinal[1]))];
    if (!index) throw new UnsupportedRecurrenceError(`BYDAY "${byDay}": Graph has only first..fourth and last`);
    return { daysOfWeek: dayNames(ordinal[2]!), index };
  }
  if (!bySetPos) return undefined;
  const index = INDEX_OF_POSITION[String(Number(bySetPos))];
  if (!index) throw new UnsupportedRecurrenceError(`BYSETPOS "${bySetPos}": Graph has only first..fourth and last`);
  return { daysOfWeek: dayNames(byDay), index };
}

function monthOf(value: string | undefined, startDate: string): number {
  const month = Number(value ?? startDate.slice(5, 7));
  if (!/^(\d|1[0-2])$/.test(String(month)) || month < 1) throw new UnsupportedRecurrenceError(`BYMONTH "${value}" must be one month`);
  return month;
}

function toPattern(parts: Map<string, string>, startDate: string): GraphRecurrence['pattern'] {
  const interval = Number(parts.get('INTERVAL') ?? '1');
  if (!Number.isInteger(interval) || interval < 1) throw new UnsupportedRecurrenceError(`INTERVAL "${parts.get('INTERVAL')}" is not a positive integer`);
  const freq = parts.get('FREQ');
  const byDay = parts.get('BYDAY');
  const byMonthDay = parts.get('BYMONTHDAY');
  if (freq === 'DAILY' && !byDay && !byMonthDay) return { type: 'daily', interval };
  if (freq === 'WEEKLY' && !byMonthDay) {
    // RFC 5545's default week start is Monday; Graph's is Sunday, so it is always sent.
    const firstDayOfWeek = DAY_CODES[parts.get('WKST') ?? 'MO'];
    if (!firstDayOfWeek) throw new UnsupportedRecurrenceError(`WKST "${parts.get('WKST')}" is not a weekday`);
    return { type: 'weekly', interval, daysOfWeek: byDay ? dayNames(byDay) : [weekdayOf(startDate)], firstDayOfWeek };
  }
  const bySetPos = parts.get('BYSETPOS');
  const singleMonthDay = !byMonthDay || /^([1-9]|[12]\d|3[01])$/.test(byMonthDay);
  if (freq === 'MONTHLY' && !parts.has('BYMONTH')) {
    if (!byDay && !bySetPos && singleMonthDay) return { type: 'absoluteMonthly', interval, dayOfMonth: Number(byMonthDay ?? startDate.slice(8, 10)) };
    const relative = byDay && !byMonthDay ? relativeDays(byDay, bySetPos) : undefined;
    if (relative) return { type: 'relativeMonthly', interval, ...relative };
  }
  if (freq === 'YEARLY') {
    const month = monthOf(parts.get('BYMONTH'), startDate);
    if (!byDay && !bySetPos && singleMonthDay) return { type: 'absoluteYearly', interval, month, dayOfMonth: Number(byMonthDay ?? startDate.slice(8, 10)) };
    const relative = byDay && !byMonthDay ? relativeDays(byDay, bySetPos) : undefined;
    if (relative) return { type: 'relativeYearly', interval, month, ...relative };
  }
  throw new UnsupportedRecurrenceError(`RRULE FREQ=${freq}${byDay ? ` BYDAY=${byDay}` : ''}${byMonthDay ? ` BYMONTHDAY=${byMonthDay}` : ''} has no Graph equivalent here`);
}

/** UNTIL is a UTC date-time for timed series (or a date for all-day ones); Graph wants the local end date. */
function untilToLocalDate(until: string, zone: string): string {
  const match = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z?)?$/.exec(until);
  if (!match) throw new UnsupportedRecurrenceError(`UNTIL "${until}" is not an RFC 5545 date or UTC date-time`);
  const [, y, m, d, hh, mm, ss] = match;
  if (hh === undefined) return `${y}-${m}-${d}`;
  return wallTimeAt(Date.parse(`${y}-${m}-${d}T${hh}:${mm}:${ss}Z`), zone).slice(0, 10);
}

export function rruleToGraphRecurrence(lines: string[], start: EventTime): GraphRecurrence {
  const parts = parseRuleParts(lines);
  const startDate = localStartDate(start);
  const pattern = toPattern(parts, startDate);
  const count = parts.get('COUNT');
  const until = parts.get('UNTIL');
  if (count && until) throw new UnsupportedRecurrenceError('RRULE has both COUNT and UNTIL');
  if (count) {
    if (!/^[1-9]\d*$/.test(count)) throw new UnsupportedRecurrenceError(`COUNT "${count}" is not a positive integer`);
    return { pattern, range: { type: 'numbered', startDate, numberOfOccurrences: Number(count) } };
  }
  if (until) {
    const zone = 'date' in start ? 'UTC' : start.timeZone ?? 'UTC';
    return { pattern, range: { type: 'endDate', startDate, endDate: untilToLocalDate(until, zone) } };
  }
  return { pattern, range: { type: 'noEnd', startDate } };
}

function patternParts(pattern: GraphRecurrence['pattern']): string[] {
  const interval = pattern.interval && pattern.interval > 1 ? [`INTERVAL=${pattern.interval}`] : [];
  if (pattern.type === 'daily') return ['FREQ=DAILY', ...interval];
  if (pattern.type === 'absoluteMonthly' && pattern.dayOfMonth) return ['FREQ=MONTHLY', ...interval, `BYMONTHDAY=${pattern.dayOfMonth}`];
  if (pattern.type === 'absoluteYearly' && pattern.month && pattern.dayOfMonth) {
    return ['FREQ=YEARLY', ...interval, `BYMONTH=${pattern.month}`, `BYMONTHDAY=${pattern.dayOfMonth}`];
  }
  if ((pattern.type === 'relativeMonthly' || pattern.type === 'relativeYearly') && pattern.daysOfWeek?.length) {
    // Graph echoes every property with defaults: read only what the pattern type uses.
    const position = POSITION_OF_INDEX[(pattern.index ?? 'first').toLowerCase()];
    const codes = pattern.daysOfWeek.map((day) => CODE_OF_DAY[day.toLowerCase()]);
    if (!position || codes.some((code) => !code)) throw new UnsupportedRecurrenceError(`${pattern.type} ${JSON.stringify(pattern)}`);
    const days = codes.length === 1 ? [`BYDAY=${position}${codes[0]}`] : [`BYDAY=${codes.join(',')}`, `BYSETPOS=${position}`];
    if (pattern.type === 'relativeMonthly') return ['FREQ=MONTHLY', ...interval, ...days];
    if (!pattern.month) throw new UnsupportedRecurrenceError('relativeYearly without a month');
    return ['FREQ=YEARLY', ...interval, `BYMONTH=${pattern.month}`, ...days];
  }
  if (pattern.type === 'weekly' && pattern.daysOfWeek?.length) {
    const codes = pattern.daysOfWeek.map((day) => CODE_OF_DAY[day.toLowerCase()]);
    if (codes.some((code) => !code)) throw new UnsupportedRecurrenceError(`weekly daysOfWeek ${JSON.stringify(pattern.daysOfWeek)}`);
    // The week start only changes which days a multi-day, multi-week rule hits; RFC 5545 assumes Monday.
    const weekStart = CODE_OF_DAY[(pattern.firstDayOfWeek ?? 'sunday').toLowerCase()];
    const wkst = interval.length > 0 && codes.length > 1 && weekStart && weekStart !== 'MO' ? [`WKST=${weekStart}`] : [];
    return ['FREQ=WEEKLY', ...interval, `BYDAY=${codes.join(',')}`, ...wkst];
  }
  throw new UnsupportedRecurrenceError(`Graph recurrence pattern "${pattern.type}" is not converted`);
}

function formatUntil(endDate: string, start: EventTime | null, zone: string | null): string {
  const compact = endDate.replace(/-/g, '');
  if (!start || 'date' in start) return compact;
  // The whole local end day is included, so the last occurrence survives whatever the zone's offset.
  const lastMoment = utcOfWallTime(`${endDate}T23:59:59`, zone ?? start.timeZone ?? 'UTC');
  return `${new Date(lastMoment).toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`;
}

/** `zone` is the series' IANA zone when known (range.recurrenceTimeZone or the event's start zone). */
export function graphRecurrenceToRrule(recurrence: GraphRecurrence, start: EventTime | null, zone: string | null): string[] {
  const parts = patternParts(recurrence.pattern);
  const { range } = recurrence;
  if (range.type === 'numbered' && range.numberOfOccurrences) parts.push(`COUNT=${range.numberOfOccurrences}`);
  else if (range.type === 'endDate' && range.endDate) parts.push(`UNTIL=${formatUntil(range.endDate, start, zone)}`);
  else if (range.type !== 'noEnd') throw new UnsupportedRecurrenceError(`Graph recurrence range "${range.type}" is incomplete`);
  return [`RRULE:${parts.join(';')}`];
}
