import { Temporal } from 'temporal-polyfill';
import { dateInZone, isValidTimeZone, startOfDayInZone } from '../../src/schedule/recurrence';
import { ZoneOffsets } from '../../src/schedule/recurrence/zone-offsets';

describe('isValidTimeZone', () => {
  it.each(['America/New_York', 'Europe/Berlin', 'UTC', 'Etc/GMT+5', 'US/Eastern', 'Pacific/Kiritimati', 'America/Argentina/Buenos_Aires'])('accepts %s', (name) => {
    expect(isValidTimeZone(name)).toBe(true);
  });

  it.each(['+02:00', '-05:00', 'UTC+2', 'america/new_york', 'Mars/Olympus_Mons', '', 'Z'])('refuses %j', (name) => {
    expect(isValidTimeZone(name)).toBe(false);
  });
});

describe('calendar dates in a zone', () => {
  it.each([
    ['an ordinary day', '2025-06-01', 'Europe/Berlin', '2025-05-31T22:00:00.000Z'],
    ['a day in UTC+14', '2025-03-03', 'Pacific/Kiritimati', '2025-03-02T10:00:00.000Z'],
    ['a day whose midnight is skipped: its first instant is 01:00', '2024-09-08', 'America/Santiago', '2024-09-08T04:00:00.000Z'],
    ['a day whose midnight happens twice: the first one', '2025-11-02', 'America/Havana', '2025-11-02T04:00:00.000Z'],
  ])('startOfDayInZone: %s', (_title, date, zone, expected) => {
    expect(startOfDayInZone(date, zone).toISOString()).toBe(expected);
  });

  it.each([
    ['2025-03-02T09:59:59Z', 'Pacific/Kiritimati', '2025-03-02'],
    ['2025-03-02T10:00:00Z', 'Pacific/Kiritimati', '2025-03-03'],
    ['2025-03-02T10:00:00Z', 'America/Adak', '2025-03-02'],
    ['2025-03-03T09:59:59Z', 'America/Adak', '2025-03-02'],
  ])('dateInZone(%s, %s) is %s', (instant, zone, expected) => {
    expect(dateInZone(new Date(instant), zone)).toBe(expected);
  });
});

/**
 * ZoneOffsets.toInstant must read a wall time exactly as Temporal's `compatible` disambiguation does (RFC 5545
 * §3.3.5): checked around every transition 2010-2030 in zones with the odd cases (30-minute DST, a skipped
 * day, Ramadan breaks, DST at midnight, negative DST).
 */
const wallMs = (wall: Temporal.PlainDateTime) => Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);

describe('ZoneOffsets against Temporal', () => {
  const ZONES = ['America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', 'Pacific/Apia', 'Africa/Casablanca', 'America/Santiago', 'America/Havana', 'Europe/Dublin', 'Asia/Tokyo'];
  const NUDGES_MIN = [-1500, -61, -60, -59, -30, -1, 0, 1, 15, 29, 30, 31, 59, 60, 61, 1439, 1440, 1441];

  it.each(ZONES)('%s', (zone) => {
    const offsets = new ZoneOffsets(zone);
    let cursor: Temporal.ZonedDateTime | null = Temporal.ZonedDateTime.from({ year: 2010, month: 1, day: 1, timeZone: zone });
    let checked = 0;
    while (cursor && cursor.year < 2030) {
      const wall = cursor.toPlainDateTime();
      for (const nudge of NUDGES_MIN) {
        const local = wall.add({ minutes: nudge });
        const zoned = local.toZonedDateTime(zone, { disambiguation: 'compatible' });
        expect([local.toString(), offsets.toInstant(wallMs(local))]).toEqual([local.toString(), zoned.epochMilliseconds]);
        expect([local.toString(), offsets.toWall(zoned.epochMilliseconds)]).toEqual([local.toString(), wallMs(zoned.toPlainDateTime())]);
        checked++;
      }
      cursor = cursor.getTimeZoneTransition('next');
    }
    expect(checked).toBeGreaterThan(zone === 'Asia/Tokyo' ? 0 : 18);
  });
});
