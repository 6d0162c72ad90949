import { Temporal } from 'temporal-polyfill';
import { isoDate, parseIsoDate } from './wall-time';
import { zoneOffsets } from './zone-offsets';

const known = new Map<string, boolean>();

/**
 * An IANA zone name spelled exactly as the tz database does (links such as `US/Eastern` included). Offsets
 * (`+02:00`), which Temporal would take, and other spellings of a name (`america/new_york`) are refused: the
 * name is stored and sent to Google and Microsoft as it is.
 */
export function isValidTimeZone(name: string): boolean {
  let valid = known.get(name);
  if (valid === undefined) {
    valid = checkTimeZone(name);
    if (known.size < 10_000) known.set(name, valid);
  }
  return valid;
}

function checkTimeZone(name: string): boolean {
  if (!/^[A-Za-z]/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(name).timeZoneId === name;
  } catch {
    return false;
  }
}

/** The first instant of a calendar date in a zone (01:00 where a DST change skips midnight). */
export function startOfDayInZone(date: string, timeZone: string): Date {
  const wall = parseIsoDate(date);
  if (wall === null) throw new RangeError(`"${date}" is not a YYYY-MM-DD calendar date`);
  return new Date(zoneOffsets(timeZone).toInstant(wall));
}

/** The calendar date (YYYY-MM-DD) an instant falls on in a zone. */
export function dateInZone(instant: Date, timeZone: string): string {
  return isoDate(zoneOffsets(timeZone).toWall(instant.getTime()));
}
