// Time zone handling for Graph `dateTimeTimeZone` values: Windows zone names (what Outlook uses) and IANA names,
// wall-clock ⇄ UTC conversion through Intl, and Graph's 7-digit fractional second format.

const WINDOWS_TO_IANA: Record<string, string> = {
  'utc': 'UTC',
  'coordinated universal time': 'UTC',
  'pacific standard time': 'America/Los_Angeles',
  'mountain standard time': 'America/Denver',
  'us mountain standard time': 'America/Phoenix',
  'central standard time': 'America/Chicago',
  'eastern standard time': 'America/New_York',
  'atlantic standard time': 'America/Halifax',
  'e. south america standard time': 'America/Sao_Paulo',
  'gmt standard time': 'Europe/London',
  'greenwich standard time': 'Atlantic/Reykjavik',
  'w. europe standard time': 'Europe/Berlin',
  'romance standard time': 'Europe/Paris',
  'central europe standard time': 'Europe/Budapest',
  'central european standard time': 'Europe/Warsaw',
  'e. europe standard time': 'Europe/Chisinau',
  'fle standard time': 'Europe/Kiev',
  'russian standard time': 'Europe/Moscow',
  'india standard time': 'Asia/Kolkata',
  'china standard time': 'Asia/Shanghai',
  'singapore standard time': 'Asia/Singapore',
  'tokyo standard time': 'Asia/Tokyo',
  'aus eastern standard time': 'Australia/Sydney',
  'new zealand standard time': 'Pacific/Auckland',
};

/** Resolves a Windows or IANA zone name to an IANA name Intl understands, or null when unknown. */
export function resolveZone(name: string | undefined | null): string | null {
  if (!name) return 'UTC';
  const windows = WINDOWS_TO_IANA[name.trim().toLowerCase()];
  if (windows) return windows;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name.trim() });
    return name.trim();
  } catch {
    return null;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

export interface WallTime { year: number; month: number; day: number; hour: number; minute: number; second: number; ms: number }

/** The wall-clock reading in `zone` at UTC instant `ms`. */
export function wallTimeAt(ms: number, zone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(new Date(ms))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour % 24, minute: parts.minute, second: parts.second, ms: ((ms % 1000) + 1000) % 1000 };
}

function wallAsUtc(w: WallTime): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.ms);
}

/** UTC instant of a wall-clock time in `zone` (first match on DST overlaps, shifted forward in gaps). */
export function utcFromWall(w: WallTime, zone: string): number {
  const guess = wallAsUtc(w);
  const offset1 = wallAsUtc(wallTimeAt(guess, zone)) - guess;
  let result = guess - offset1;
  const offset2 = wallAsUtc(wallTimeAt(result, zone)) - result;
  if (offset2 !== offset1) result = guess - offset2;
  return result;
}

/** Parses Graph's `2024-05-01T10:00:00.0000000` (no offset; an offset or Z, if present, wins over the zone). */
export function parseWall(dateTime: string): WallTime | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?$/.exec(dateTime.trim());
  if (!m) return null;
  return {
    year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), hour: Number(m[4] ?? 0), minute: Number(m[5] ?? 0),
    second: Number(m[6] ?? 0), ms: m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0,
  };
}

export function toUtcMs(dateTime: string, zone: string): number | null {
  if (/[zZ]$|[+-]\d{2}:\d{2}$/.test(dateTime.trim())) {
    const ms = Date.parse(dateTime);
    return Number.isNaN(ms) ? null : ms;
  }
  const wall = parseWall(dateTime);
  return wall ? utcFromWall(wall, zone) : null;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Graph renders `dateTime` with seven fractional digits and no offset. */
export function formatWall(w: WallTime): string {
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}.${pad(w.ms, 3)}0000`;
}

export function formatInZone(ms: number, zone: string): string {
  return formatWall(wallTimeAt(ms, zone));
}

export function isMidnight(w: WallTime): boolean {
  return w.hour === 0 && w.minute === 0 && w.second === 0 && w.ms === 0;
}

/** Graph DateTimeOffset rendering, e.g. `2024-05-01T10:00:00Z` / `2024-05-01T10:00:00.123Z`. */
export function isoOffset(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

export function dateKey(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
