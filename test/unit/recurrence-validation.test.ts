import { RecurrenceError, validateRecurrence } from '../../src/schedule/recurrence';

const TIMED = { timeZone: 'Europe/Berlin', allDay: false };
const ALL_DAY = { timeZone: 'Europe/Berlin', allDay: true };

function rejection(lines: string[], series = TIMED): RecurrenceError {
  try {
    validateRecurrence(lines, series);
  } catch (error) {
    if (error instanceof RecurrenceError) return error;
    throw error;
  }
  throw new Error(`accepted: ${JSON.stringify(lines)}`);
}

describe('validateRecurrence: accepted lines', () => {
  it.each([
    ['a trailing ";" is dropped', ['RRULE:FREQ=WEEKLY;BYDAY=MO,WE;'], ['RRULE:FREQ=WEEKLY;BYDAY=MO,WE']],
    ['names and values are upper-cased', ['rrule:freq=monthly;byday=-1fr', 'exdate;tzid=Europe/Berlin:20250131t090000'], ['RRULE:FREQ=MONTHLY;BYDAY=-1FR', 'EXDATE;TZID=Europe/Berlin:20250131T090000']],
    ['EXDATE forms as written', ['RRULE:FREQ=DAILY', 'EXDATE;TZID=America/New_York:20250310T090000', 'EXDATE:20250310T080000Z,20250311T080000Z', 'EXDATE;VALUE=DATE:20250312'], ['RRULE:FREQ=DAILY', 'EXDATE;TZID=America/New_York:20250310T090000', 'EXDATE:20250310T080000Z,20250311T080000Z', 'EXDATE;VALUE=DATE:20250312']],
    ['a quoted TZID and the default VALUE=DATE-TIME', ['RDATE;VALUE=DATE-TIME;TZID="Europe/Berlin":20250310T090000'], ['RDATE;TZID=Europe/Berlin:20250310T090000']],
    ['no lines: a single event', [], []],
  ])('%s', (_title, lines, stored) => {
    expect(validateRecurrence(lines, TIMED)).toEqual(stored);
  });

  it('all-day series take dates, and a bare YYYYMMDD is read as one', () => {
    expect(validateRecurrence(['RRULE:FREQ=WEEKLY;UNTIL=20250630', 'EXDATE:20250310', 'RDATE;VALUE=DATE:20250704'], ALL_DAY)).toEqual([
      'RRULE:FREQ=WEEKLY;UNTIL=20250630',
      'EXDATE;VALUE=DATE:20250310',
      'RDATE;VALUE=DATE:20250704',
    ]);
  });
});

describe('validateRecurrence: rejected lines quote the line and say why', () => {
  it.each([
    ['RRULE:FREQ=SECONDLY', /FREQ=SECONDLY is not supported/],
    ['RRULE:FREQ=FORTNIGHTLY', /FREQ must be one of YEARLY, MONTHLY, WEEKLY, DAILY, HOURLY, MINUTELY/],
    ['RRULE:COUNT=3', /FREQ is required/],
    ['RRULE:FREQ=DAILY;COUNT=3;UNTIL=20250101T000000Z', /COUNT and UNTIL cannot both be given/],
    ['RRULE:FREQ=DAILY;COUNT=3;COUNT=4', /COUNT is given twice/],
    ['RRULE:FREQ=DAILY;;COUNT=3', /is not a NAME=VALUE rule part/],
    ['RRULE:FREQ=DAILY;FOO=1', /FOO is not an RFC 5545 rule part/],
    ['RRULE:FREQ=YEARLY;RSCALE=HEBREW', /RSCALE \(RFC 7529 calendars\) is not supported/],
    ['RRULE:FREQ=DAILY;COUNT=0', /COUNT must be a whole number from 1 to 10000/],
    ['RRULE:FREQ=DAILY;COUNT=10001', /COUNT must be a whole number from 1 to 10000/],
    ['RRULE:FREQ=DAILY;INTERVAL=two', /INTERVAL must be a whole number/],
    ['RRULE:FREQ=DAILY;UNTIL=20250230T000000Z', /UNTIL must be a real date/],
    ['RRULE:FREQ=YEARLY;BYMONTH=13', /BYMONTH values must be 1 to 12 \("13" is not\)/],
    ['RRULE:FREQ=MONTHLY;BYMONTHDAY=0', /BYMONTHDAY values must be 1 to 31 or -31 to -1/],
    ['RRULE:FREQ=DAILY;BYHOUR=-1', /BYHOUR values must be 0 to 23/],
    ['RRULE:FREQ=MONTHLY;BYDAY=1XX', /BYDAY item "1XX" is not a weekday/],
    ['RRULE:FREQ=WEEKLY;WKST=XX', /WKST must be one of/],
    ['RRULE:FREQ=DAILY;BYWEEKNO=20', /BYWEEKNO MUST NOT be used unless FREQ=YEARLY/],
    ['RRULE:FREQ=WEEKLY;BYDAY=1MO', /BYDAY with numeric value MUST NOT be used unless FREQ is MONTHLY or YEARLY/],
    ['RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30;COUNT=2', /too sparse or too dense/],
    ['RRULE;X-SOURCE=psa:FREQ=DAILY', /RRULE takes no parameters/],
    ['EXRULE:FREQ=WEEKLY;BYDAY=MO', /EXRULE is not supported/],
    ['DTSTART;TZID=Europe/Berlin:20250310T090000', /DTSTART comes from the entry's own start/],
    ['X-GOOGLE-THING:1', /X-GOOGLE-THING is not supported; only RRULE, RDATE and EXDATE lines are/],
    ['', /a line must start with RRULE, RDATE or EXDATE/],
    ['RRULE:FREQ=DAILY\nEXDATE:20250310T080000Z', /must not contain line breaks/],
    ['EXDATE:20250230T090000Z', /"20250230T090000Z" is not a real date-time/],
    ['EXDATE;TZID=Mars/Olympus_Mons:20250310T090000', /TZID "Mars\/Olympus_Mons" is not a known IANA time zone/],
    ['EXDATE;TZID=Europe/Berlin:20250310T090000Z', /is UTC and cannot also have a TZID/],
    ['EXDATE;VALUE=DATE:20250310T090000', /is not a real date \(YYYYMMDD\)/],
    ['EXDATE;TZID=Europe/Berlin;VALUE=DATE:20250310', /TZID does not apply to dates/],
    ['EXDATE:20250310,20250311T090000Z', /cannot mix dates and date-times/],
    ['EXDATE;X-FOO=1:20250310T090000Z', /parameter X-FOO is not supported/],
    ['EXDATE', /EXDATE must read EXDATE\[;TZID=zone\|;VALUE=DATE\]:value/],
    ['RDATE;VALUE=PERIOD:20250310T090000Z/PT1H', /VALUE=PERIOD is not supported/],
    ['RDATE;VALUE=DATE:20250310', /a timed series needs RDATE date-times/],
  ])('%j', (line, reason) => {
    const error = rejection([line]);
    expect(error.line).toBe(line);
    expect(error.reason).toMatch(reason);
    expect(error.message).toContain(`"${line}"`);
  });

  it('names the offending line among good ones, and refuses a second RRULE', () => {
    const error = rejection(['RRULE:FREQ=DAILY', 'EXDATE:20250310T080000Z', 'RRULE:FREQ=WEEKLY']);
    expect(error).toMatchObject({ line: 'RRULE:FREQ=WEEKLY', reason: 'only one RRULE per series is supported' });
  });

  it.each([
    ['RRULE:FREQ=HOURLY;COUNT=5'],
    ['RRULE:FREQ=DAILY;BYHOUR=9,17'],
    ['EXDATE:20250310T080000Z'],
    ['RDATE;TZID=Europe/Berlin:20250310T090000'],
  ])('%s fits a timed series but not an all-day one', (line) => {
    expect(validateRecurrence([line], TIMED)).toEqual([line]);
    expect(rejection([line], ALL_DAY).reason).toMatch(/all-day series/);
  });
});
