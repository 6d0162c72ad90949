/** Time helpers: RFC 3339 parsing/formatting and IANA time-zone conversion through Intl. */

export interface WallTime {
  y: number;
  m: number; // 1-12
  d: number;
  hh: number;
  mm: number;
  ss: number;
}

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Wall-clock time in `timeZone` at the UTC instant `utcMs`. */
export function utcToWall(utcMs: number, timeZone: string): WallTime {
  const parts = formatterFor(timeZone).formatToParts(new Date(utcMs));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { y: get('year'), m: get('month'), d: get('day'), hh: get('hour'), mm: get('minute'), ss: get('second') };
}

function wallAsUtcMs(w: WallTime): number {
  return Date.UTC(w.y, w.m - 1, w.d, w.hh, w.mm, w.ss);
}

/** Offset of `timeZone` from UTC at `utcMs`, in ms (positive east of Greenwich). */
export function tzOffsetMs(utcMs: number, timeZone: string): number {
  const whole = Math.floor(utcMs / 1000) * 1000;
  return wallAsUtcMs(utcToWall(whole, timeZone)) - whole;
}

/** UTC instant of a wall-clock time in `timeZone` (a wall time inside a DST gap resolves forward). */
export function wallToUtc(w: WallTime, timeZone: string): number {
  const guess = wallAsUtcMs(w);
  const first = guess - tzOffsetMs(guess, timeZone);
  const second = guess - tzOffsetMs(first, timeZone);
  return Math.max(first, second);
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/i;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface ParsedDateTime {
  wall: WallTime;
  /** Offset in ms when the string carries one. */
  offsetMs?: number;
}

export function parseDateTime(value: string): ParsedDateTime | null {
  const m = RFC3339.exec(value);
  if (!m) return null;
  const wall = { y: +m[1], m: +m[2], d: +m[3], hh: +m[4], mm: +m[5], ss: +m[6] };
  if (!isValidWall(wall)) return null;
  if (!m[8]) return { wall };
  if (m[8].toUpperCase() === 'Z') return { wall, offsetMs: 0 };
  const sign = m[8][0] === '-' ? -1 : 1;
  const [oh, om] = m[8].slice(1).split(':').map(Number);
  return { wall, offsetMs: sign * (oh * 3_600_000 + om * 60_000) };
}

/** Parses an RFC 3339 timestamp that must carry an offset (as timeMin/timeMax/updatedMin do). */
export function parseRfc3339(value: string): number | null {
  const p = parseDateTime(value);
  if (!p || p.offsetMs === undefined) return null;
  return wallAsUtcMs(p.wall) - p.offsetMs;
}

function isValidWall(w: WallTime): boolean {
  const t = new Date(wallAsUtcMs(w));
  return t.getUTCFullYear() === w.y && t.getUTCMonth() + 1 === w.m && t.getUTCDate() === w.d && w.hh < 24 && w.mm < 60 && w.ss < 60;
}

export function isValidDate(value: string): boolean {
  const m = DATE_ONLY.exec(value);
  return !!m && isValidWall({ y: +m[1], m: +m[2], d: +m[3], hh: 0, mm: 0, ss: 0 });
}

export function dateToWall(date: string): WallTime {
  const [y, m, d] = date.split('-').map(Number);
  return { y, m, d, hh: 0, mm: 0, ss: 0 };
}

export function wallToDate(w: WallTime): string {
  return `${String(w.y).padStart(4, '0')}-${pad(w.m)}-${pad(w.d)}`;
}

/** Adds whole days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const t = new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS);
  return t.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** Midnight of a YYYY-MM-DD date in `timeZone`, as a UTC instant. */
export function dateStartUtc(date: string, timeZone: string): number {
  return wallToUtc(dateToWall(date), timeZone);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** RFC 3339 with the offset of `timeZone` at that instant (`Z` when the offset is zero), like Google's output. */
export function formatInZone(utcMs: number, timeZone: string): string {
  const offset = tzOffsetMs(utcMs, timeZone);
  const w = utcToWall(utcMs, timeZone);
  const base = `${wallToDate(w)}T${pad(w.hh)}:${pad(w.mm)}:${pad(w.ss)}`;
  if (offset === 0) return `${base}Z`;
  const abs = Math.abs(offset) / 60_000;
  return `${base}${offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** RFC 3339 in UTC with milliseconds, the format of `updated`/`created`. */
export function isoUtc(ms: number): string {
  return new Date(ms).toISOString();
}

/** Compact UTC stamp used in instance ids: YYYYMMDDTHHMMSSZ. */
export function compactUtc(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** RFC 1123 date, the format of X-Goog-Channel-Expiration. */
export function rfc1123(ms: number): string {
  return new Date(ms).toUTCString();
}
