/**
 * Wall-clock times as integers: the milliseconds a local date-time would have if it were UTC. Recurrence
 * arithmetic happens on these; only `ZoneOffsets` turns them into instants.
 */
export const DAY_MS = 86_400_000;

const ICAL_DATE = /^(\d{4})(\d{2})(\d{2})$/;
const ICAL_DATE_TIME = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Wall ms of a real calendar date-time, or null (Feb 30, 24:00 and second 60 are not real). */
function wallOf(fields: string[]): number | null {
  const [year, month, day, hour = 0, minute = 0, second = 0] = fields.map(Number) as [number, number, number, number?, number?, number?];
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  // Not Date.UTC: it reads years 0-99 as 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date.getTime() : null;
}

/** `YYYYMMDD` → wall ms of its midnight. */
export function parseIcalDate(value: string): number | null {
  const match = ICAL_DATE.exec(value);
  return match ? wallOf(match.slice(1)) : null;
}

/** `YYYYMMDDTHHMMSS` (no zone suffix) → wall ms. */
export function parseIcalDateTime(value: string): number | null {
  const match = ICAL_DATE_TIME.exec(value);
  return match ? wallOf(match.slice(1)) : null;
}

/** `YYYY-MM-DD` → wall ms of its midnight. */
export function parseIsoDate(value: string): number | null {
  const match = ISO_DATE.exec(value);
  return match ? wallOf(match.slice(1)) : null;
}

/** `YYYY-MM-DD` of a wall time. */
export function isoDate(wall: number): string {
  return new Date(wall).toISOString().slice(0, 10);
}

/** `YYYYMMDDTHHMMSS` of a wall time (sub-second part dropped, as iCalendar has none). */
export function icalDateTime(wall: number): string {
  const iso = new Date(wall).toISOString();
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}`;
}

/** `YYYYMMDD` of a wall time. */
export function icalDate(wall: number): string {
  return icalDateTime(wall).slice(0, 8);
}

/** Midnight of the wall time's day. */
export const dayOf = (wall: number): number => Math.floor(wall / DAY_MS) * DAY_MS;
