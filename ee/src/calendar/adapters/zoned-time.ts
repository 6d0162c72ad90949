/**
 * Wall-clock ⇄ UTC conversion through Intl, for providers that speak local times (Graph `dateTimeTimeZone`,
 * RRULE UNTIL/range dates). No time zone library: Node's ICU data is what Google and Graph agree with here.
 */

/**
 * Outlook stores Windows zone names (`originalStartTimeZone`); the neutral event carries IANA names. Only the
 * common zones are listed: an unknown name maps to null (the instant is still exact, only the zone is lost).
 */
const WINDOWS_ZONES: Record<string, string> = {
  'utc': 'UTC',
  'coordinated universal time': 'UTC',
  'dateline standard time': 'Etc/GMT+12',
  'hawaiian standard time': 'Pacific/Honolulu',
  'alaskan standard time': 'America/Anchorage',
  'pacific standard time': 'America/Los_Angeles',
  'us mountain standard time': 'America/Phoenix',
  'mountain standard time': 'America/Denver',
  'central standard time': 'America/Chicago',
  'canada central standard time': 'America/Regina',
  'eastern standard time': 'America/New_York',
  'us eastern standard time': 'America/Indiana/Indianapolis',
  'atlantic standard time': 'America/Halifax',
  'newfoundland standard time': 'America/St_Johns',
  'e. south america standard time': 'America/Sao_Paulo',
  'argentina standard time': 'America/Argentina/Buenos_Aires',
  'gmt standard time': 'Europe/London',
  'greenwich standard time': 'Atlantic/Reykjavik',
  'w. europe standard time': 'Europe/Berlin',
  'romance standard time': 'Europe/Paris',
  'central europe standard time': 'Europe/Budapest',
  'central european standard time': 'Europe/Warsaw',
  'e. europe standard time': 'Europe/Chisinau',
  'fle standard time': 'Europe/Kiev',
  'gtb standard time': 'Europe/Bucharest',
  'russian standard time': 'Europe/Moscow',
  'turkey standard time': 'Europe/Istanbul',
  'israel standard time': 'Asia/Jerusalem',
  'south africa standard time': 'Africa/Johannesburg',
  'arabian standard time': 'Asia/Dubai',
  'india standard time': 'Asia/Kolkata',
  'china standard time': 'Asia/Shanghai',
  'singapore standard time': 'Asia/Singapore',
  'tokyo standard time': 'Asia/Tokyo',
  'korea standard time': 'Asia/Seoul',
  'w. australia standard time': 'Australia/Perth',
  'aus eastern standard time': 'Australia/Sydney',
  'new zealand standard time': 'Pacific/Auckland',
};

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

export function isIanaZone(name: string): boolean {
  try {
    formatterFor(name);
    return true;
  } catch {
    return false;
  }
}

/** IANA names pass through, known Windows names are mapped, anything else is null. */
export function toIanaZone(name: string | null | undefined): string | null {
  if (!name) return null;
  const trimmed = name.trim();
  return WINDOWS_ZONES[trimmed.toLowerCase()] ?? (isIanaZone(trimmed) ? trimmed : null);
}

/** `YYYY-MM-DDTHH:mm:ss` as read on a clock in `zone` at the UTC instant `ms`. */
export function wallTimeAt(ms: number, zone: string): string {
  const parts = Object.fromEntries(formatterFor(zone).formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
}

function offsetAt(ms: number, zone: string): number {
  const wholeSeconds = Math.floor(ms / 1000) * 1000;
  return Date.parse(`${wallTimeAt(wholeSeconds, zone)}Z`) - wholeSeconds;
}

/**
 * The UTC instant of a wall-clock time (`YYYY-MM-DDTHH:mm:ss[.fff…]`, no offset) in `zone`. The offset is probed
 * twice so times next to a DST switch land on the right side of it.
 */
export function utcOfWallTime(wall: string, zone: string): number {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?)(\.\d+)?$/.exec(wall.trim());
  if (!match) throw new Error(`not a wall-clock date-time: "${wall}"`);
  const fraction = match[2] ? Math.round(Number(`0${match[2]}`) * 1000) : 0;
  const asUtc = Date.parse(`${match[1]}Z`) + fraction;
  const first = asUtc - offsetAt(asUtc, zone);
  const second = asUtc - offsetAt(first, zone);
  return second;
}

const HAS_OFFSET = /(Z|[+-]\d{2}:?\d{2})$/i;

/** Epoch ms of a provider date-time: as given when it carries an offset, else read as wall time in `zone`. */
export function instantOf(dateTime: string, zone: string): number {
  return HAS_OFFSET.test(dateTime) ? Date.parse(dateTime) : utcOfWallTime(dateTime, zone);
}
