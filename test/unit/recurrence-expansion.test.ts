import {
  expandOccurrences,
  hasOccurrenceIn,
  isOccurrenceStart,
  seriesEndsAt,
  validateRecurrence,
  withExdate,
  type RecurringSeries,
} from '../../src/schedule/recurrence';

const HOUR = 3_600_000;
const YEAR = { start: new Date('2020-01-01T00:00:00Z'), end: new Date('2030-01-01T00:00:00Z') };

function timed(timeZone: string, startsAt: string, recurrence: string[], ms = HOUR): RecurringSeries {
  return { timeZone, allDay: false, startsAt: new Date(startsAt), startDate: null, duration: { ms }, recurrence };
}

/** startsAt is what the schedule service stores: the start of startDate in the zone, given here as the instant. */
function allDay(timeZone: string, startDate: string, startsAt: string, days: number, recurrence: string[]): RecurringSeries {
  return { timeZone, allDay: true, startsAt: new Date(startsAt), startDate, duration: { days }, recurrence };
}

const starts = (series: RecurringSeries, range = YEAR, limit = 1000) =>
  expandOccurrences(series, range, limit).occurrences.map((occurrence) => occurrence.startsAt.toISOString());

const range = (start: string, end: string) => ({ start: new Date(start), end: new Date(end) });

describe('recurrence across DST changes', () => {
  it.each([
    ['Europe/Berlin, spring forward (30 Mar 2025)', 'Europe/Berlin', '2025-03-24T08:00:00Z', ['2025-03-24T08:00:00.000Z', '2025-03-31T07:00:00.000Z']],
    ['Europe/Berlin, fall back (26 Oct 2025)', 'Europe/Berlin', '2025-10-20T07:00:00Z', ['2025-10-20T07:00:00.000Z', '2025-10-27T08:00:00.000Z']],
    ['America/New_York, spring forward (9 Mar 2025)', 'America/New_York', '2025-03-03T14:00:00Z', ['2025-03-03T14:00:00.000Z', '2025-03-10T13:00:00.000Z']],
    ['America/New_York, fall back (2 Nov 2025)', 'America/New_York', '2025-10-27T13:00:00Z', ['2025-10-27T13:00:00.000Z', '2025-11-03T14:00:00.000Z']],
  ])('a weekly 09:00 series keeps 09:00 wall time: %s', (_title, zone, startsAt, expected) => {
    expect(starts(timed(zone, startsAt, ['RRULE:FREQ=WEEKLY;COUNT=2']))).toEqual(expected);
  });

  it('a daily 02:30 series is at 03:30 EDT on the spring-forward day, and that instance counts toward COUNT', () => {
    const series = timed('America/New_York', '2025-03-08T07:30:00Z', ['RRULE:FREQ=DAILY;COUNT=4']);
    // 02:30 does not exist on 9 March: RFC 5545 §3.3.5 reads it with the offset before the gap (-05:00) = 03:30 EDT.
    expect(starts(series)).toEqual(['2025-03-08T07:30:00.000Z', '2025-03-09T07:30:00.000Z', '2025-03-10T06:30:00.000Z', '2025-03-11T06:30:00.000Z']);
  });

  it('a daily 01:30 series occurs once on the fall-back day, at the first (EDT) 01:30', () => {
    const series = timed('America/New_York', '2025-11-01T05:30:00Z', ['RRULE:FREQ=DAILY;COUNT=3']);
    expect(starts(series)).toEqual(['2025-11-01T05:30:00.000Z', '2025-11-02T05:30:00.000Z', '2025-11-03T06:30:00.000Z']);
  });

  it('a DTSTART on the second (EST) 01:30 of the fall-back day keeps its own instant', () => {
    const series = timed('America/New_York', '2025-11-02T06:30:00Z', ['RRULE:FREQ=DAILY;COUNT=2']);
    expect(starts(series)).toEqual(['2025-11-02T06:30:00.000Z', '2025-11-03T06:30:00.000Z']);
  });

  it('the gap-shifted instance can be excluded by its nominal wall time', () => {
    const series = timed('America/New_York', '2025-03-08T07:30:00Z', ['RRULE:FREQ=DAILY;COUNT=3', 'EXDATE;TZID=America/New_York:20250309T023000']);
    expect(starts(series)).toEqual(['2025-03-08T07:30:00.000Z', '2025-03-10T06:30:00.000Z']);
  });
});

describe('rule semantics', () => {
  const daily9 = (lines: string[]) => timed('America/New_York', '2025-03-03T14:00:00Z', lines);

  it('UNTIL is inclusive: an instance exactly at UNTIL is the last one', () => {
    expect(starts(daily9(['RRULE:FREQ=DAILY;UNTIL=20250305T140000Z']))).toEqual(['2025-03-03T14:00:00.000Z', '2025-03-04T14:00:00.000Z', '2025-03-05T14:00:00.000Z']);
    expect(starts(daily9(['RRULE:FREQ=DAILY;UNTIL=20250305T135959Z']))).toEqual(['2025-03-03T14:00:00.000Z', '2025-03-04T14:00:00.000Z']);
  });

  it('a DATE UNTIL includes instances on that whole date', () => {
    expect(starts(daily9(['RRULE:FREQ=DAILY;UNTIL=20250305']))).toEqual(['2025-03-03T14:00:00.000Z', '2025-03-04T14:00:00.000Z', '2025-03-05T14:00:00.000Z']);
  });

  it('COUNT counts instances before EXDATE removes them', () => {
    expect(starts(daily9(['RRULE:FREQ=DAILY;COUNT=3', 'EXDATE;TZID=America/New_York:20250304T090000']))).toEqual(['2025-03-03T14:00:00.000Z', '2025-03-05T14:00:00.000Z']);
  });

  it('accepts the trailing ";" Google writes, and stores the rule without it', () => {
    const lines = ['RRULE:FREQ=WEEKLY;COUNT=2;'];
    expect(starts(daily9(lines))).toEqual(['2025-03-03T14:00:00.000Z', '2025-03-10T13:00:00.000Z']);
    expect(validateRecurrence(lines, { timeZone: 'America/New_York', allDay: false })).toEqual(['RRULE:FREQ=WEEKLY;COUNT=2']);
  });

  it.each([
    ['TZID form', 'EXDATE;TZID=America/New_York:20250304T090000'],
    ['TZID of another zone', 'EXDATE;TZID=Europe/Berlin:20250304T150000'],
    ['UTC form', 'EXDATE:20250304T140000Z'],
    ['VALUE=DATE (the whole day in the series zone)', 'EXDATE;VALUE=DATE:20250304'],
    ['one of a list', 'EXDATE:20250101T000000Z,20250304T140000Z'],
  ])('EXDATE in %s removes that instance', (_form, exdate) => {
    expect(starts(daily9(['RRULE:FREQ=DAILY;COUNT=3', exdate]))).toEqual(['2025-03-03T14:00:00.000Z', '2025-03-05T14:00:00.000Z']);
  });

  it('an EXDATE an hour off removes nothing', () => {
    expect(starts(daily9(['RRULE:FREQ=DAILY;COUNT=3', 'EXDATE:20250304T150000Z']))).toHaveLength(3);
  });

  it('a DTSTART that does not match its rule is not emitted and uses no COUNT', () => {
    const wednesday = timed('America/New_York', '2025-03-05T14:00:00Z', ['RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=2']);
    expect(starts(wednesday)).toEqual(['2025-03-10T13:00:00.000Z', '2025-03-17T13:00:00.000Z']);
  });

  it('skips invalid dates instead of clamping them (the 31st, monthly)', () => {
    const series = timed('America/New_York', '2025-01-31T14:00:00Z', ['RRULE:FREQ=MONTHLY;COUNT=3']);
    expect(starts(series)).toEqual(['2025-01-31T14:00:00.000Z', '2025-03-31T13:00:00.000Z', '2025-05-31T13:00:00.000Z']);
  });

  it('RDATE adds an instance, once even where the rule has it too, and EXDATE removes RDATEs as well', () => {
    const series = daily9(['RRULE:FREQ=DAILY;COUNT=2', 'RDATE:20250310T160000Z,20250304T140000Z', 'RDATE;TZID=America/New_York:20250311T120000', 'EXDATE:20250311T160000Z']);
    expect(starts(series)).toEqual(['2025-03-03T14:00:00.000Z', '2025-03-04T14:00:00.000Z', '2025-03-10T16:00:00.000Z']);
  });

  it('a single event ([]) is its own only occurrence', () => {
    const single = timed('Europe/Berlin', '2025-06-01T10:00:00Z', [], 30 * 60_000);
    expect(expandOccurrences(single, YEAR, 10).occurrences).toEqual([
      { startsAt: new Date('2025-06-01T10:00:00Z'), endsAt: new Date('2025-06-01T10:30:00Z'), startDate: null, endDate: null },
    ]);
  });
});

describe('all-day series', () => {
  it.each([
    // Kiritimati is UTC+14: its days start at 10:00Z the day before.
    ['Pacific/Kiritimati', '2025-03-02T10:00:00Z', ['2025-03-02T10:00:00.000Z', '2025-03-16T10:00:00.000Z', '2025-03-23T10:00:00.000Z'], ['2025-03-04T10:00:00.000Z', '2025-03-18T10:00:00.000Z', '2025-03-25T10:00:00.000Z']],
    // Adak is UTC-10, and UTC-9 from 9 March 2025: the dates stay, the instants move by the hour.
    ['America/Adak', '2025-03-03T10:00:00Z', ['2025-03-03T10:00:00.000Z', '2025-03-17T09:00:00.000Z', '2025-03-24T09:00:00.000Z'], ['2025-03-05T10:00:00.000Z', '2025-03-19T09:00:00.000Z', '2025-03-26T09:00:00.000Z']],
  ])('a two-day weekly series with an EXDATE in %s keeps its dates', (zone, startsAt, expectedStarts, expectedEnds) => {
    const series = allDay(zone, '2025-03-03', startsAt, 2, ['RRULE:FREQ=WEEKLY;COUNT=4', 'EXDATE;VALUE=DATE:20250310']);
    const { occurrences } = expandOccurrences(series, YEAR, 10);
    expect(occurrences.map((occurrence) => [occurrence.startDate, occurrence.endDate])).toEqual([
      ['2025-03-03', '2025-03-04'],
      ['2025-03-17', '2025-03-18'],
      ['2025-03-24', '2025-03-25'],
    ]);
    expect(occurrences.map((occurrence) => occurrence.startsAt.toISOString())).toEqual(expectedStarts);
    expect(occurrences.map((occurrence) => occurrence.endsAt.toISOString())).toEqual(expectedEnds);
  });

  it('a day whose midnight a DST change skips starts at its first instant (America/Santiago, 8 Sep 2024)', () => {
    const series = allDay('America/Santiago', '2024-09-01', '2024-09-01T04:00:00Z', 1, ['RRULE:FREQ=WEEKLY;COUNT=2']);
    const [, skipped] = expandOccurrences(series, YEAR, 10).occurrences;
    expect(skipped).toEqual({ startsAt: new Date('2024-09-08T04:00:00Z'), endsAt: new Date('2024-09-09T03:00:00Z'), startDate: '2024-09-08', endDate: '2024-09-08' });
  });

  it('a DATE UNTIL includes its own date', () => {
    const series = allDay('Europe/Berlin', '2025-03-03', '2025-03-02T23:00:00Z', 1, ['RRULE:FREQ=DAILY;UNTIL=20250305']);
    expect(expandOccurrences(series, YEAR, 10).occurrences.map((occurrence) => occurrence.startDate)).toEqual(['2025-03-03', '2025-03-04', '2025-03-05']);
  });
});

describe('ranges', () => {
  const daily9 = timed('UTC', '2025-03-03T09:00:00Z', ['RRULE:FREQ=DAILY']);

  it.each([
    ['one that started before the range and ends inside it', '2025-03-04T09:30:00Z', '2025-03-04T12:00:00Z', ['2025-03-04T09:00:00.000Z']],
    ['not one that ends exactly at range.start', '2025-03-04T10:00:00Z', '2025-03-04T12:00:00Z', []],
    ['one that starts exactly at range.start', '2025-03-04T09:00:00Z', '2025-03-04T09:00:01Z', ['2025-03-04T09:00:00.000Z']],
    ['not one that starts exactly at range.end', '2025-03-04T11:00:00Z', '2025-03-05T09:00:00Z', []],
  ])('[start, end): includes %s', (_title, start, end, expected) => {
    expect(starts(daily9, range(start, end))).toEqual(expected);
  });

  it('an all-day instance that began before range.start is included', () => {
    const series = allDay('UTC', '2025-03-03', '2025-03-03T00:00:00Z', 3, ['RRULE:FREQ=WEEKLY']);
    expect(starts(series, range('2025-03-05T12:00:00Z', '2025-03-06T00:00:00Z'))).toEqual(['2025-03-03T00:00:00.000Z']);
    expect(starts(series, range('2025-03-06T00:00:00Z', '2025-03-10T00:00:00Z'))).toEqual([]);
  });

  it('stops at the limit and says it was truncated', () => {
    const tenDays = range('2025-03-03T00:00:00Z', '2025-03-13T00:00:00Z');
    expect(expandOccurrences(daily9, tenDays, 3)).toMatchObject({ truncated: true, occurrences: { length: 3 } });
    expect(expandOccurrences(daily9, tenDays, 10)).toMatchObject({ truncated: false, occurrences: { length: 10 } });
  });

  it('at the limit, RDATEs late in the range do not hide earlier rule instances', () => {
    const series = timed('UTC', '2025-03-03T09:00:00Z', ['RRULE:FREQ=WEEKLY', 'RDATE:20250329T090000Z,20250330T090000Z,20250331T090000Z']);
    const { occurrences, truncated } = expandOccurrences(series, range('2025-03-01T00:00:00Z', '2025-04-01T00:00:00Z'), 2);
    expect([truncated, occurrences.map((occurrence) => occurrence.startsAt.toISOString())]).toEqual([true, ['2025-03-03T09:00:00.000Z', '2025-03-10T09:00:00.000Z']]);
  });

  it('truncates a dense rule over a long range at the limit', () => {
    const minutely = timed('Europe/Berlin', '2025-01-01T00:00:00Z', ['RRULE:FREQ=MINUTELY'], 60_000);
    const { occurrences, truncated } = expandOccurrences(minutely, range('2025-01-01T00:00:00Z', '2026-02-01T00:00:00Z'), 5000);
    expect(truncated).toBe(true);
    expect(occurrences).toHaveLength(5000);
    expect(occurrences.at(-1)!.startsAt.toISOString()).toBe('2025-01-04T11:19:00.000Z');
  });

  it('hasOccurrenceIn: true with an instance in range, false between instances and after the last one', () => {
    const weekly = timed('UTC', '2025-03-03T09:00:00Z', ['RRULE:FREQ=WEEKLY;COUNT=3']);
    expect(hasOccurrenceIn(weekly, range('2025-03-10T00:00:00Z', '2025-03-11T00:00:00Z'))).toBe(true);
    expect(hasOccurrenceIn(weekly, range('2025-03-11T00:00:00Z', '2025-03-17T00:00:00Z'))).toBe(false);
    expect(hasOccurrenceIn(weekly, range('2025-03-18T00:00:00Z', '2125-03-18T00:00:00Z'))).toBe(false);
    expect(hasOccurrenceIn(timed('UTC', '2025-03-03T09:00:00Z', ['RRULE:FREQ=WEEKLY']), range('2095-03-18T00:00:00Z', '2125-03-18T00:00:00Z'))).toBe(true);
  });
});

describe('instances', () => {
  const weekly = timed('Europe/Berlin', '2025-03-03T08:00:00Z', ['RRULE:FREQ=WEEKLY;COUNT=4', 'EXDATE;TZID=Europe/Berlin:20250317T090000']);

  it.each([
    ['an instance', '2025-03-10T08:00:00Z', true],
    ['an hour off an instance', '2025-03-10T09:00:00Z', false],
    ['an excluded instance', '2025-03-17T08:00:00Z', false],
    ['a week after the last instance', '2025-03-31T07:00:00Z', false],
  ])('isOccurrenceStart: %s', (_title, at, expected) => {
    expect(isOccurrenceStart(weekly, new Date(at))).toBe(expected);
  });

  it('withExdate adds one EXDATE in the series zone form; adding it again changes nothing', () => {
    const once = withExdate(weekly, new Date('2025-03-10T08:00:00Z'));
    expect(once).toEqual([...weekly.recurrence, 'EXDATE;TZID=Europe/Berlin:20250310T090000']);
    expect(withExdate({ ...weekly, recurrence: once }, new Date('2025-03-10T08:00:00Z'))).toEqual(once);
    expect(starts({ ...weekly, recurrence: once })).toEqual(['2025-03-03T08:00:00.000Z', '2025-03-24T08:00:00.000Z']);
  });

  it('withExdate writes VALUE=DATE for an all-day series', () => {
    const series = allDay('America/Adak', '2025-03-03', '2025-03-03T10:00:00Z', 1, ['RRULE:FREQ=WEEKLY;COUNT=3']);
    const lines = withExdate(series, new Date('2025-03-17T09:00:00Z'));
    expect(lines).toEqual(['RRULE:FREQ=WEEKLY;COUNT=3', 'EXDATE;VALUE=DATE:20250317']);
    expect(expandOccurrences({ ...series, recurrence: lines }, YEAR, 10).occurrences.map((occurrence) => occurrence.startDate)).toEqual(['2025-03-03', '2025-03-10']);
  });

  it('withExdate names the second of two equal wall times in UTC, removing only that one', () => {
    const hourly = timed('America/New_York', '2025-11-02T04:30:00Z', ['RRULE:FREQ=HOURLY;COUNT=4']);
    // 00:30 EDT, 01:30 EDT, 02:30 EST: wall-clock hours, so the repeated 01:30 comes once.
    expect(starts(hourly)).toEqual(['2025-11-02T04:30:00.000Z', '2025-11-02T05:30:00.000Z', '2025-11-02T07:30:00.000Z', '2025-11-02T08:30:00.000Z']);
    const secondFold = timed('America/New_York', '2025-11-02T06:30:00Z', ['RRULE:FREQ=DAILY;COUNT=2']);
    const lines = withExdate(secondFold, new Date('2025-11-02T06:30:00Z'));
    expect(lines.at(-1)).toBe('EXDATE:20251102T063000Z');
    expect(starts({ ...secondFold, recurrence: lines })).toEqual(['2025-11-03T06:30:00.000Z']);
  });
});

describe('seriesEndsAt', () => {
  it.each([
    ['COUNT: the end of the last instance', timed('Europe/Berlin', '2025-03-03T08:00:00Z', ['RRULE:FREQ=WEEKLY;COUNT=4']), '2025-03-24T09:00:00.000Z'],
    ['COUNT with its last instance excluded', timed('Europe/Berlin', '2025-03-03T08:00:00Z', ['RRULE:FREQ=WEEKLY;COUNT=4', 'EXDATE:20250324T080000Z']), '2025-03-17T09:00:00.000Z'],
    ['UNTIL between instances: the last one before it', timed('UTC', '2025-03-03T09:00:00Z', ['RRULE:FREQ=WEEKLY;UNTIL=20250320T000000Z']), '2025-03-17T10:00:00.000Z'],
    ['UNTIL of a dense rule', timed('UTC', '2025-03-03T09:00:00Z', ['RRULE:FREQ=MINUTELY;INTERVAL=7;UNTIL=20300101T000000Z'], 60_000), '2029-12-31T23:57:00.000Z'],
    ['an RDATE after the rule ends', timed('UTC', '2025-03-03T09:00:00Z', ['RRULE:FREQ=DAILY;COUNT=2', 'RDATE:20250601T120000Z']), '2025-06-01T13:00:00.000Z'],
    ['a single event: its end', timed('UTC', '2025-03-03T09:00:00Z', []), '2025-03-03T10:00:00.000Z'],
    ['all-day COUNT: the start of the day after the last endDate', allDay('America/Adak', '2025-03-03', '2025-03-03T10:00:00Z', 2, ['RRULE:FREQ=WEEKLY;COUNT=2']), '2025-03-12T09:00:00.000Z'],
    ['every instance excluded: the DTSTART event end', timed('UTC', '2025-03-03T09:00:00Z', ['RRULE:FREQ=DAILY;COUNT=1', 'EXDATE:20250303T090000Z']), '2025-03-03T10:00:00.000Z'],
  ])('%s', (_title, series, expected) => {
    expect(seriesEndsAt(series)?.toISOString()).toBe(expected);
  });

  it('is null for a series that never ends', () => {
    expect(seriesEndsAt(timed('UTC', '2025-03-03T09:00:00Z', ['RRULE:FREQ=WEEKLY;BYDAY=MO,TH']))).toBeNull();
  });
});
