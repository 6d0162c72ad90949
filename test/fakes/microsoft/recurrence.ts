// Expands Graph `patternedRecurrence` (daily, weekly, absoluteMonthly, relativeMonthly, absoluteYearly,
// relativeYearly × endDate/noEnd/numbered) into occurrence start instants. Occurrences keep the master's
// wall-clock time in the series time zone, so they stay at 09:00 local across DST changes as Outlook does.
// Input checks live in recurrence-validation.ts.
import type { EventRecord, Recurrence, RecurrencePattern } from './state';
import { WEEKDAYS, WEEK_INDEXES, dayNumber } from './recurrence-validation';
import { resolveZone, utcFromWall, wallTimeAt } from './timezones';

const DAY_MS = 86_400_000;
const MAX_ITERATIONS = 20_000;

function civil(day: number): { year: number; month: number; day: number; dow: number } {
  const d = new Date(day * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), dow: d.getUTCDay() };
}

const dowOf = (name: string): number => WEEKDAYS.indexOf(name.toLowerCase());

function monthDay(year: number, monthIndex: number, day: number): number | null {
  const ms = Date.UTC(year, monthIndex, day);
  const d = new Date(ms);
  if (d.getUTCDate() !== day) return null;
  return Math.floor(ms / DAY_MS);
}

/**
 * The `index`-th day of the month whose weekday is in `daysOfWeek`, counting every allowed day in order (so
 * monday..friday with `last` is the month's last weekday, and thursday+friday with `first` is whichever comes
 * first): Graph's "falls on the first day that satisfies the pattern".
 */
function relativeDay(year: number, monthIndex: number, pattern: RecurrencePattern): number {
  const allowed = new Set((pattern.daysOfWeek ?? []).map(dowOf));
  const first = Math.floor(Date.UTC(year, monthIndex, 1) / DAY_MS);
  const next = Math.floor(Date.UTC(year, monthIndex + 1, 1) / DAY_MS);
  const matching: number[] = [];
  for (let d = first; d < next; d += 1) if (allowed.has(civil(d).dow)) matching.push(d);
  const position = WEEK_INDEXES.indexOf((pattern.index ?? 'first').toLowerCase());
  return position === WEEK_INDEXES.length - 1 ? matching[matching.length - 1] : matching[Math.min(position, matching.length - 1)];
}

function* daily(recurrence: Recurrence, start: number): Generator<number> {
  for (let d = start; ; d += recurrence.pattern.interval ?? 1) yield d;
}

function* weekly(recurrence: Recurrence, start: number): Generator<number> {
  const { pattern } = recurrence;
  const firstDow = Math.max(0, dowOf(pattern.firstDayOfWeek ?? 'sunday'));
  const days = (pattern.daysOfWeek?.length ? pattern.daysOfWeek : [WEEKDAYS[civil(start).dow]])
    .map((name) => (dowOf(name) - firstDow + 7) % 7)
    .sort((a, b) => a - b);
  const weekStart = start - ((civil(start).dow - firstDow + 7) % 7);
  for (let w = 0; ; w += pattern.interval ?? 1) {
    for (const offset of days) {
      const d = weekStart + w * 7 + offset;
      if (d >= start) yield d;
    }
  }
}

function* absoluteMonthly(recurrence: Recurrence, start: number): Generator<number> {
  const first = civil(start);
  const dayOfMonth = recurrence.pattern.dayOfMonth ?? first.day;
  for (let m = 0; ; m += recurrence.pattern.interval ?? 1) {
    const d = monthDay(first.year, first.month - 1 + m, dayOfMonth);
    if (d !== null && d >= start) yield d;
  }
}

function* absoluteYearly(recurrence: Recurrence, start: number): Generator<number> {
  const first = civil(start);
  const month = (recurrence.pattern.month ?? first.month) - 1;
  const dayOfMonth = recurrence.pattern.dayOfMonth ?? first.day;
  for (let y = 0; ; y += recurrence.pattern.interval ?? 1) {
    const d = monthDay(first.year + y, month, dayOfMonth);
    if (d !== null && d >= start) yield d;
  }
}

/**
 * The interval counts from the first period that has a matching day on or after startDate: "first Thursday every
 * other month" starting August 29 (after August's first Thursday) occurs in September, November, ... (Graph docs).
 */
function* relativePeriods(start: number, stepMonths: number, interval: number, dayAt: (monthsAhead: number) => number): Generator<number> {
  let offset = 0;
  while (dayAt(offset) < start) offset += stepMonths;
  for (; ; offset += stepMonths * interval) yield dayAt(offset);
}

function relativeMonthly(recurrence: Recurrence, start: number): Generator<number> {
  const first = civil(start);
  const dayAt = (ahead: number): number => relativeDay(first.year, first.month - 1 + ahead, recurrence.pattern);
  return relativePeriods(start, 1, recurrence.pattern.interval ?? 1, dayAt);
}

function relativeYearly(recurrence: Recurrence, start: number): Generator<number> {
  const first = civil(start);
  const dayAt = (ahead: number): number => relativeDay(first.year, recurrence.pattern.month! - 1 + ahead, recurrence.pattern);
  return relativePeriods(start, 12, recurrence.pattern.interval ?? 1, dayAt);
}

const GENERATORS: Record<RecurrencePattern['type'], (recurrence: Recurrence, start: number) => Generator<number>> = {
  daily, weekly, absoluteMonthly, relativeMonthly, absoluteYearly, relativeYearly,
};

/** Candidate occurrence days (day numbers, ascending, ≥ startDate) of the pattern, unbounded. */
function candidateDays(recurrence: Recurrence): Generator<number> {
  return GENERATORS[recurrence.pattern.type](recurrence, dayNumber(recurrence.range.startDate));
}

/**
 * Original start instants (UTC ms) of the series' occurrences that overlap [windowStart, windowEnd),
 * including cancelled ones (callers filter those). Numbered ranges count from the first occurrence.
 */
export function occurrenceStarts(master: EventRecord, windowStartMs: number, windowEndMs: number): number[] {
  const recurrence = master.recurrence;
  if (!recurrence) return [];
  const zone = master.isAllDay ? 'UTC' : resolveZone(recurrence.range.recurrenceTimeZone ?? master.startTimeZone) ?? 'UTC';
  const time = wallTimeAt(master.startMs, zone);
  const duration = master.endMs - master.startMs;
  const endDay = recurrence.range.type === 'endDate' && recurrence.range.endDate ? dayNumber(recurrence.range.endDate) : Infinity;
  const limit = recurrence.range.type === 'numbered' ? recurrence.range.numberOfOccurrences ?? 0 : Infinity;
  const out: number[] = [];
  let count = 0;
  let iterations = 0;
  for (const day of candidateDays(recurrence)) {
    iterations += 1;
    if (day > endDay || count >= limit || iterations > MAX_ITERATIONS) break;
    const c = civil(day);
    const startMs = utcFromWall({ ...time, year: c.year, month: c.month, day: c.day }, zone);
    if (startMs >= windowEndMs) break;
    count += 1;
    if (startMs + Math.max(duration, 1) > windowStartMs) out.push(startMs);
  }
  return out;
}

/** True when `startMs` is one of the series' (not necessarily active) occurrence starts. */
export function isOccurrenceStart(master: EventRecord, startMs: number): boolean {
  return occurrenceStarts(master, startMs, startMs + 1).includes(startMs);
}
