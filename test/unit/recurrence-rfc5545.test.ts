import { Temporal } from 'temporal-polyfill';
import { expandOccurrences, seriesEndsAt, validateRecurrence, type RecurringSeries } from '../../src/schedule/recurrence';

/**
 * RFC 5545 §3.8.5.3, every RRULE example, evaluated as the RFC writes them (DTSTART;TZID=America/New_York).
 * Expected instants are the RFC's own lists with the EDT/EST offset it prints, so the UTC instants are checked,
 * not only the wall times. Rules that go on forever are compared up to `until` (a local date, exclusive).
 */
const ZONE = 'America/New_York';
const HOUR = 3_600_000;

const EDT = '-04:00';
const EST = '-05:00';

/** `on('1997-09', [2, 4], EDT)` → ISO instants at 09:00 local (or `time`). */
function on(yearMonth: string, days: number[], offset: string, time = '09:00'): string[] {
  return days.map((day) => `${yearMonth}-${String(day).padStart(2, '0')}T${time}:00${offset}`);
}
function span(from: number, to: number, step = 1): number[] {
  const out: number[] = [];
  for (let day = from; day <= to; day += step) out.push(day);
  return out;
}
function times(date: string, hhmm: string[], offset: string): string[] {
  return hhmm.map((t) => `${date}T${t}:00${offset}`);
}
const twentyMinutes = span(9, 16).flatMap((h) => ['00', '20', '40'].map((m) => `${String(h).padStart(2, '0')}:${m}`));

interface RfcExample {
  title: string;
  dtstart: string; // local wall time in America/New_York, RFC form
  lines: string[];
  /** End of the window to compare for rules that go on forever (local date, exclusive). */
  until?: string;
  expected: string[];
}

const RFC_EXAMPLES: RfcExample[] = [
  { title: 'daily for 10 occurrences', dtstart: '19970902T090000', lines: ['RRULE:FREQ=DAILY;COUNT=10'], expected: on('1997-09', span(2, 11), EDT) },
  {
    title: 'daily until December 24, 1997', dtstart: '19970902T090000', lines: ['RRULE:FREQ=DAILY;UNTIL=19971224T000000Z'],
    expected: [...on('1997-09', span(2, 30), EDT), ...on('1997-10', span(1, 25), EDT), ...on('1997-10', span(26, 31), EST), ...on('1997-11', span(1, 30), EST), ...on('1997-12', span(1, 23), EST)],
  },
  {
    title: 'every other day, forever', dtstart: '19970902T090000', lines: ['RRULE:FREQ=DAILY;INTERVAL=2'], until: '1997-12-04',
    expected: [...on('1997-09', span(2, 30, 2), EDT), ...on('1997-10', span(2, 24, 2), EDT), ...on('1997-10', [26, 28, 30], EST), ...on('1997-11', span(1, 29, 2), EST), ...on('1997-12', [1, 3], EST)],
  },
  { title: 'every 10 days, 5 occurrences', dtstart: '19970902T090000', lines: ['RRULE:FREQ=DAILY;INTERVAL=10;COUNT=5'], expected: [...on('1997-09', [2, 12, 22], EDT), ...on('1997-10', [2, 12], EDT)] },
  {
    title: 'every day in January, for 3 years (YEARLY form)', dtstart: '19980101T090000', lines: ['RRULE:FREQ=YEARLY;UNTIL=20000131T140000Z;BYMONTH=1;BYDAY=SU,MO,TU,WE,TH,FR,SA'],
    expected: [...on('1998-01', span(1, 31), EST), ...on('1999-01', span(1, 31), EST), ...on('2000-01', span(1, 31), EST)],
  },
  {
    title: 'every day in January, for 3 years (DAILY form)', dtstart: '19980101T090000', lines: ['RRULE:FREQ=DAILY;UNTIL=20000131T140000Z;BYMONTH=1'],
    expected: [...on('1998-01', span(1, 31), EST), ...on('1999-01', span(1, 31), EST), ...on('2000-01', span(1, 31), EST)],
  },
  { title: 'weekly for 10 occurrences', dtstart: '19970902T090000', lines: ['RRULE:FREQ=WEEKLY;COUNT=10'], expected: [...on('1997-09', [2, 9, 16, 23, 30], EDT), ...on('1997-10', [7, 14, 21], EDT), ...on('1997-10', [28], EST), ...on('1997-11', [4], EST)] },
  {
    title: 'weekly until December 24, 1997', dtstart: '19970902T090000', lines: ['RRULE:FREQ=WEEKLY;UNTIL=19971224T000000Z'],
    expected: [...on('1997-09', [2, 9, 16, 23, 30], EDT), ...on('1997-10', [7, 14, 21], EDT), ...on('1997-10', [28], EST), ...on('1997-11', [4, 11, 18, 25], EST), ...on('1997-12', [2, 9, 16, 23], EST)],
  },
  {
    title: 'every other week, forever', dtstart: '19970902T090000', lines: ['RRULE:FREQ=WEEKLY;INTERVAL=2;WKST=SU'], until: '1998-02-18',
    expected: [...on('1997-09', [2, 16, 30], EDT), ...on('1997-10', [14], EDT), ...on('1997-10', [28], EST), ...on('1997-11', [11, 25], EST), ...on('1997-12', [9, 23], EST), ...on('1998-01', [6, 20], EST), ...on('1998-02', [3, 17], EST)],
  },
  { title: 'weekly on Tuesday and Thursday for five weeks (UNTIL form)', dtstart: '19970902T090000', lines: ['RRULE:FREQ=WEEKLY;UNTIL=19971007T000000Z;WKST=SU;BYDAY=TU,TH'], expected: [...on('1997-09', [2, 4, 9, 11, 16, 18, 23, 25, 30], EDT), ...on('1997-10', [2], EDT)] },
  { title: 'weekly on Tuesday and Thursday for five weeks (COUNT form)', dtstart: '19970902T090000', lines: ['RRULE:FREQ=WEEKLY;COUNT=10;WKST=SU;BYDAY=TU,TH'], expected: [...on('1997-09', [2, 4, 9, 11, 16, 18, 23, 25, 30], EDT), ...on('1997-10', [2], EDT)] },
  {
    title: 'every other week on Monday, Wednesday and Friday until December 24, 1997', dtstart: '19970901T090000', lines: ['RRULE:FREQ=WEEKLY;INTERVAL=2;UNTIL=19971224T000000Z;WKST=SU;BYDAY=MO,WE,FR'],
    expected: [...on('1997-09', [1, 3, 5, 15, 17, 19, 29], EDT), ...on('1997-10', [1, 3, 13, 15, 17], EDT), ...on('1997-10', [27, 29, 31], EST), ...on('1997-11', [10, 12, 14, 24, 26, 28], EST), ...on('1997-12', [8, 10, 12, 22], EST)],
  },
  { title: 'every other week on Tuesday and Thursday, for 8 occurrences', dtstart: '19970902T090000', lines: ['RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=8;WKST=SU;BYDAY=TU,TH'], expected: [...on('1997-09', [2, 4, 16, 18, 30], EDT), ...on('1997-10', [2, 14, 16], EDT)] },
  {
    title: 'monthly on the first Friday for 10 occurrences', dtstart: '19970905T090000', lines: ['RRULE:FREQ=MONTHLY;COUNT=10;BYDAY=1FR'],
    expected: [...on('1997-09', [5], EDT), ...on('1997-10', [3], EDT), ...on('1997-11', [7], EST), ...on('1997-12', [5], EST), ...on('1998-01', [2], EST), ...on('1998-02', [6], EST), ...on('1998-03', [6], EST), ...on('1998-04', [3], EST), ...on('1998-05', [1], EDT), ...on('1998-06', [5], EDT)],
  },
  { title: 'monthly on the first Friday until December 24, 1997', dtstart: '19970905T090000', lines: ['RRULE:FREQ=MONTHLY;UNTIL=19971224T000000Z;BYDAY=1FR'], expected: [...on('1997-09', [5], EDT), ...on('1997-10', [3], EDT), ...on('1997-11', [7], EST), ...on('1997-12', [5], EST)] },
  {
    title: 'every other month on the first and last Sunday for 10 occurrences', dtstart: '19970907T090000', lines: ['RRULE:FREQ=MONTHLY;INTERVAL=2;COUNT=10;BYDAY=1SU,-1SU'],
    expected: [...on('1997-09', [7, 28], EDT), ...on('1997-11', [2, 30], EST), ...on('1998-01', [4, 25], EST), ...on('1998-03', [1, 29], EST), ...on('1998-05', [3, 31], EDT)],
  },
  {
    title: 'monthly on the second-to-last Monday for 6 months', dtstart: '19970922T090000', lines: ['RRULE:FREQ=MONTHLY;COUNT=6;BYDAY=-2MO'],
    expected: [...on('1997-09', [22], EDT), ...on('1997-10', [20], EDT), ...on('1997-11', [17], EST), ...on('1997-12', [22], EST), ...on('1998-01', [19], EST), ...on('1998-02', [16], EST)],
  },
  {
    title: 'monthly on the third-to-the-last day, forever', dtstart: '19970928T090000', lines: ['RRULE:FREQ=MONTHLY;BYMONTHDAY=-3'], until: '1998-03-01',
    expected: [...on('1997-09', [28], EDT), ...on('1997-10', [29], EST), ...on('1997-11', [28], EST), ...on('1997-12', [29], EST), ...on('1998-01', [29], EST), ...on('1998-02', [26], EST)],
  },
  {
    title: 'monthly on the 2nd and 15th for 10 occurrences', dtstart: '19970902T090000', lines: ['RRULE:FREQ=MONTHLY;COUNT=10;BYMONTHDAY=2,15'],
    expected: [...on('1997-09', [2, 15], EDT), ...on('1997-10', [2, 15], EDT), ...on('1997-11', [2, 15], EST), ...on('1997-12', [2, 15], EST), ...on('1998-01', [2, 15], EST)],
  },
  {
    title: 'monthly on the first and last day for 10 occurrences', dtstart: '19970930T090000', lines: ['RRULE:FREQ=MONTHLY;COUNT=10;BYMONTHDAY=1,-1'],
    expected: [...on('1997-09', [30], EDT), ...on('1997-10', [1], EDT), ...on('1997-10', [31], EST), ...on('1997-11', [1, 30], EST), ...on('1997-12', [1, 31], EST), ...on('1998-01', [1, 31], EST), ...on('1998-02', [1], EST)],
  },
  { title: 'every 18 months on the 10th thru 15th for 10 occurrences', dtstart: '19970910T090000', lines: ['RRULE:FREQ=MONTHLY;INTERVAL=18;COUNT=10;BYMONTHDAY=10,11,12,13,14,15'], expected: [...on('1997-09', span(10, 15), EDT), ...on('1999-03', span(10, 13), EST)] },
  {
    title: 'every Tuesday, every other month', dtstart: '19970902T090000', lines: ['RRULE:FREQ=MONTHLY;INTERVAL=2;BYDAY=TU'], until: '1998-04-01',
    expected: [...on('1997-09', [2, 9, 16, 23, 30], EDT), ...on('1997-11', [4, 11, 18, 25], EST), ...on('1998-01', [6, 13, 20, 27], EST), ...on('1998-03', [3, 10, 17, 24, 31], EST)],
  },
  { title: 'yearly in June and July for 10 occurrences', dtstart: '19970610T090000', lines: ['RRULE:FREQ=YEARLY;COUNT=10;BYMONTH=6,7'], expected: ['1997', '1998', '1999', '2000', '2001'].flatMap((y) => [...on(`${y}-06`, [10], EDT), ...on(`${y}-07`, [10], EDT)]) },
  {
    title: 'every other year on January, February and March for 10 occurrences', dtstart: '19970310T090000', lines: ['RRULE:FREQ=YEARLY;INTERVAL=2;COUNT=10;BYMONTH=1,2,3'],
    expected: [...on('1997-03', [10], EST), ...['1999', '2001', '2003'].flatMap((y) => [...on(`${y}-01`, [10], EST), ...on(`${y}-02`, [10], EST), ...on(`${y}-03`, [10], EST)])],
  },
  {
    title: 'every third year on the 1st, 100th and 200th day for 10 occurrences', dtstart: '19970101T090000', lines: ['RRULE:FREQ=YEARLY;INTERVAL=3;COUNT=10;BYYEARDAY=1,100,200'],
    expected: [...on('1997-01', [1], EST), ...on('1997-04', [10], EDT), ...on('1997-07', [19], EDT), ...on('2000-01', [1], EST), ...on('2000-04', [9], EDT), ...on('2000-07', [18], EDT), ...on('2003-01', [1], EST), ...on('2003-04', [10], EDT), ...on('2003-07', [19], EDT), ...on('2006-01', [1], EST)],
  },
  { title: 'every 20th Monday of the year, forever', dtstart: '19970519T090000', lines: ['RRULE:FREQ=YEARLY;BYDAY=20MO'], until: '2000-01-01', expected: [...on('1997-05', [19], EDT), ...on('1998-05', [18], EDT), ...on('1999-05', [17], EDT)] },
  { title: 'Monday of week number 20, forever', dtstart: '19970512T090000', lines: ['RRULE:FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO'], until: '2000-01-01', expected: [...on('1997-05', [12], EDT), ...on('1998-05', [11], EDT), ...on('1999-05', [17], EDT)] },
  { title: 'every Thursday in March, forever', dtstart: '19970313T090000', lines: ['RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=TH'], until: '2000-01-01', expected: [...on('1997-03', [13, 20, 27], EST), ...on('1998-03', [5, 12, 19, 26], EST), ...on('1999-03', [4, 11, 18, 25], EST)] },
  {
    title: 'every Thursday, but only during June, July and August, forever', dtstart: '19970605T090000', lines: ['RRULE:FREQ=YEARLY;BYDAY=TH;BYMONTH=6,7,8'], until: '2000-01-01',
    expected: [
      ...on('1997-06', [5, 12, 19, 26], EDT), ...on('1997-07', [3, 10, 17, 24, 31], EDT), ...on('1997-08', [7, 14, 21, 28], EDT),
      ...on('1998-06', [4, 11, 18, 25], EDT), ...on('1998-07', [2, 9, 16, 23, 30], EDT), ...on('1998-08', [6, 13, 20, 27], EDT),
      ...on('1999-06', [3, 10, 17, 24], EDT), ...on('1999-07', [1, 8, 15, 22, 29], EDT), ...on('1999-08', [5, 12, 19, 26], EDT),
    ],
  },
  {
    title: 'every Friday the 13th, forever (with the RFC EXDATE of DTSTART)', dtstart: '19970902T090000', lines: ['EXDATE;TZID=America/New_York:19970902T090000', 'RRULE:FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13'], until: '2001-01-01',
    expected: [...on('1998-02', [13], EST), ...on('1998-03', [13], EST), ...on('1998-11', [13], EST), ...on('1999-08', [13], EDT), ...on('2000-10', [13], EDT)],
  },
  {
    title: 'the first Saturday that follows the first Sunday of the month, forever', dtstart: '19970913T090000', lines: ['RRULE:FREQ=MONTHLY;BYDAY=SA;BYMONTHDAY=7,8,9,10,11,12,13'], until: '1998-06-14',
    expected: [...on('1997-09', [13], EDT), ...on('1997-10', [11], EDT), ...on('1997-11', [8], EST), ...on('1997-12', [13], EST), ...on('1998-01', [10], EST), ...on('1998-02', [7], EST), ...on('1998-03', [7], EST), ...on('1998-04', [11], EDT), ...on('1998-05', [9], EDT), ...on('1998-06', [13], EDT)],
  },
  { title: 'every 4 years, the first Tuesday after a Monday in November (U.S. Presidential Election day)', dtstart: '19961105T090000', lines: ['RRULE:FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8'], until: '2005-01-01', expected: [...on('1996-11', [5], EST), ...on('2000-11', [7], EST), ...on('2004-11', [2], EST)] },
  { title: 'the third instance of Tuesday, Wednesday or Thursday, for the next 3 months', dtstart: '19970904T090000', lines: ['RRULE:FREQ=MONTHLY;COUNT=3;BYDAY=TU,WE,TH;BYSETPOS=3'], expected: [...on('1997-09', [4], EDT), ...on('1997-10', [7], EDT), ...on('1997-11', [6], EST)] },
  {
    title: 'the second-to-last weekday of the month', dtstart: '19970929T090000', lines: ['RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2'], until: '1998-04-01',
    expected: [...on('1997-09', [29], EDT), ...on('1997-10', [30], EST), ...on('1997-11', [27], EST), ...on('1997-12', [30], EST), ...on('1998-01', [29], EST), ...on('1998-02', [26], EST), ...on('1998-03', [30], EST)],
  },
  // RFC 5545 prints UNTIL=19970902T170000Z, which is 13:00 EDT, yet lists 15:00 too (a known slip: rust-rrule#35):
  // the printed list is that of 17:00 EDT = 21:00Z; the printed UNTIL, read as RFC 5545 says, stops after 12:00.
  { title: 'every 3 hours from 9:00 AM to 5:00 PM on a specific day', dtstart: '19970902T090000', lines: ['RRULE:FREQ=HOURLY;INTERVAL=3;UNTIL=19970902T210000Z'], expected: times('1997-09-02', ['09:00', '12:00', '15:00'], EDT) },
  { title: 'every 3 hours from 9:00 AM, with the UNTIL as printed (13:00 EDT)', dtstart: '19970902T090000', lines: ['RRULE:FREQ=HOURLY;INTERVAL=3;UNTIL=19970902T170000Z'], expected: times('1997-09-02', ['09:00', '12:00'], EDT) },
  { title: 'every 15 minutes for 6 occurrences', dtstart: '19970902T090000', lines: ['RRULE:FREQ=MINUTELY;INTERVAL=15;COUNT=6'], expected: times('1997-09-02', ['09:00', '09:15', '09:30', '09:45', '10:00', '10:15'], EDT) },
  { title: 'every hour and a half for 4 occurrences', dtstart: '19970902T090000', lines: ['RRULE:FREQ=MINUTELY;INTERVAL=90;COUNT=4'], expected: times('1997-09-02', ['09:00', '10:30', '12:00', '13:30'], EDT) },
  {
    title: 'every 20 minutes from 9:00 AM to 4:40 PM every day (DAILY form)', dtstart: '19970902T090000', lines: ['RRULE:FREQ=DAILY;BYHOUR=9,10,11,12,13,14,15,16;BYMINUTE=0,20,40'], until: '1997-09-04',
    expected: [...times('1997-09-02', twentyMinutes, EDT), ...times('1997-09-03', twentyMinutes, EDT)],
  },
  {
    title: 'every 20 minutes from 9:00 AM to 4:40 PM every day (MINUTELY form)', dtstart: '19970902T090000', lines: ['RRULE:FREQ=MINUTELY;INTERVAL=20;BYHOUR=9,10,11,12,13,14,15,16'], until: '1997-09-04',
    expected: [...times('1997-09-02', twentyMinutes, EDT), ...times('1997-09-03', twentyMinutes, EDT)],
  },
  { title: 'WKST=MO: days generated depend on the week start', dtstart: '19970805T090000', lines: ['RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO'], expected: on('1997-08', [5, 10, 19, 24], EDT) },
  { title: 'WKST=SU: same rule, other week start', dtstart: '19970805T090000', lines: ['RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU'], expected: on('1997-08', [5, 17, 19, 31], EDT) },
  { title: 'an invalid date (February 30) is ignored', dtstart: '20070115T090000', lines: ['RRULE:FREQ=MONTHLY;BYMONTHDAY=15,30;COUNT=5'], expected: [...on('2007-01', [15, 30], EST), ...on('2007-02', [15], EST), ...on('2007-03', [15, 30], EDT)] },
];

/** DTSTART's instant, from Temporal rather than from the module under test. */
function dtstartInstant(dtstart: string): Date {
  const wall = Temporal.PlainDateTime.from(`${dtstart.slice(0, 4)}-${dtstart.slice(4, 6)}-${dtstart.slice(6, 8)}T${dtstart.slice(9, 11)}:${dtstart.slice(11, 13)}`);
  return new Date(wall.toZonedDateTime(ZONE).epochMilliseconds);
}

function seriesOf(example: RfcExample): RecurringSeries {
  return { timeZone: ZONE, allDay: false, startsAt: dtstartInstant(example.dtstart), startDate: null, duration: { ms: HOUR }, recurrence: example.lines };
}

describe('RFC 5545 §3.8.5.3 recurrence examples (America/New_York)', () => {
  it.each(RFC_EXAMPLES.map((example) => [example.title, example] as const))('%s', (_title, example) => {
    expect(validateRecurrence(example.lines, { timeZone: ZONE, allDay: false })).toEqual(example.lines);
    const series = seriesOf(example);
    const end = example.until ? new Date(`${example.until}T00:00:00-05:00`) : new Date(series.startsAt.getTime() + 10 * 366 * 24 * HOUR);
    const { occurrences, truncated } = expandOccurrences(series, { start: series.startsAt, end }, 5000);
    expect(truncated).toBe(false);
    expect(occurrences.map((occurrence) => occurrence.startsAt.toISOString())).toEqual(example.expected.map((at) => new Date(at).toISOString()));
    expect(occurrences.every((occurrence) => occurrence.endsAt.getTime() - occurrence.startsAt.getTime() === HOUR)).toBe(true);
  });

  it.each(RFC_EXAMPLES.map((example) => [example.title, example] as const))('series end: %s', (_title, example) => {
    const last = new Date(example.expected.at(-1)!).getTime();
    expect(seriesEndsAt(seriesOf(example))?.getTime() ?? null).toBe(example.until ? null : last + HOUR);
  });
});
