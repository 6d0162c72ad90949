// Expands Graph `patternedRecurrence` (daily, weekly, absoluteMonthly, absoluteYearly × endDate/noEnd/numbered)
// into occurrence start instants. Occurrences keep the master's wall-clock time in the series time zone, so they
// stay at 09:00 local across DST changes as Outlook does.
import type { EventRecord, Recurrence } from './state';
import { resolveZone, utcFromWall, wallTimeAt } from './timezones';

const DAY_MS = 86_400_000;
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MAX_ITERATIONS = 20_000;

function dayNumber(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

function civil(day: number): { year: number; month: number; day: number; dow: number } {
  const d = new Date(day * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), dow: d.getUTCDay() };
}

/** Validates the recurrence shape; returns an error message or null. */
export function recurrenceProblem(recurrence: Recurrence): string | null {
  const { pattern, range } = recurrence;
  if (!pattern || !range) return 'Recurrence requires both pattern and range.';
  if (!['daily', 'weekly', 'absoluteMonthly', 'absoluteYearly'].includes(pattern.type)) return `Recurrence pattern type '${pattern.type}' is not supported by the simulator.`;
  if (!Number.isInteger(pattern.interval ?? 1) || (pattern.interval ?? 1) < 1) return 'Recurrence pattern interval must be a positive integer.';
  if (!range.startDate || Number.isNaN(dayNumber(range.startDate))) return 'Recurrence range startDate is required.';
  if (range.type === 'endDate' && (!range.endDate || dayNumber(range.endDate) < dayNumber(range.startDate))) return 'Recurrence range endDate must be on or after startDate.';
  if (range.type === 'numbered' && !((range.numberOfOccurrences ?? 0) > 0)) return 'Recurrence range numberOfOccurrences must be positive.';
  if (!['endDate', 'noEnd', 'numbered'].includes(range.type)) return `Recurrence range type '${range.type}' is not valid.`;
  return null;
}

/** Candidate occurrence days (day numbers, ascending, ≥ startDate) of the pattern, unbounded. */
function* candidateDays(recurrence: Recurrence): Generator<number> {
  const { pattern, range } = recurrence;
  const start = dayNumber(range.startDate);
  const interval = pattern.interval ?? 1;
  if (pattern.type === 'daily') {
    for (let d = start; ; d += interval) yield d;
  }
  if (pattern.type === 'weekly') {
    const firstDow = Math.max(0, WEEKDAYS.indexOf((pattern.firstDayOfWeek ?? 'sunday').toLowerCase()));
    const days = (pattern.daysOfWeek?.length ? pattern.daysOfWeek : [WEEKDAYS[civil(start).dow]])
      .map((name) => (WEEKDAYS.indexOf(name.toLowerCase()) - firstDow + 7) % 7)
      .sort((a, b) => a - b);
    const weekStart = start - ((civil(start).dow - firstDow + 7) % 7);
    for (let w = 0; ; w += interval) {
      for (const offset of days) {
        const d = weekStart + w * 7 + offset;
        if (d >= start) yield d;
      }
    }
  }
  const first = civil(start);
  const dayOfMonth = pattern.dayOfMonth ?? first.day;
  if (pattern.type === 'absoluteMonthly') {
    for (let m = 0; ; m += interval) {
      const d = monthDay(first.year, first.month - 1 + m, dayOfMonth);
      if (d !== null && d >= start) yield d;
    }
  }
  if (pattern.type === 'absoluteYearly') {
    const month = (pattern.month ?? first.month) - 1;
    for (let y = 0; ; y += interval) {
      const d = monthDay(first.year + y, month, dayOfMonth);
      if (d !== null && d >= start) yield d;
    }
  }
}

function monthDay(year: number, monthIndex: number, day: number): number | null {
  const ms = Date.UTC(year, monthIndex, day);
  const d = new Date(ms);
  if (d.getUTCDate() !== day) return null;
  return Math.floor(ms / DAY_MS);
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
