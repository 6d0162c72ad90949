import { cancelledStartsOf, instanceKey, keepLocalExdates, originalStartsAtOf, seriesRulesFrom } from '../../src/calendar/sync/series-translation';
import { expressesAsPattern, isAtStart, sameSeriesShape, withoutExdates } from '../../src/calendar/adapters/microsoft-series';
import type { EventInput } from '../../src/calendar/adapters/calendar-adapter';

const timed = {
  timeZone: 'Europe/Berlin', allDay: false, startsAt: new Date('2030-01-07T08:00:00Z'), endsAt: new Date('2030-01-07T09:00:00Z'),
  startDate: null, endDate: null, recurrence: ['RRULE:FREQ=WEEKLY;COUNT=5'],
};
const window = { start: new Date('2029-12-01T00:00:00Z'), end: new Date('2030-12-01T00:00:00Z') };

describe('cancelledStartsOf', () => {
  it('names the instances EXDATE lines leave out, as instants', () => {
    const series = { ...timed, recurrence: [...timed.recurrence, 'EXDATE;TZID=Europe/Berlin:20300121T090000'] };
    expect(cancelledStartsOf(series, window)).toEqual(['2030-01-21T08:00:00.000Z']);
  });
  it('names all-day instances by date', () => {
    const allDay = { ...timed, allDay: true, startDate: '2030-01-07', endDate: '2030-01-07', startsAt: new Date('2030-01-06T23:00:00Z'), recurrence: ['RRULE:FREQ=DAILY;COUNT=3', 'EXDATE;VALUE=DATE:20300108'] };
    expect(cancelledStartsOf(allDay, window)).toEqual(['2030-01-08']);
  });
  it('is undefined without EXDATE lines, and skips instances outside the window', () => {
    expect(cancelledStartsOf(timed, window)).toBeUndefined();
    const series = { ...timed, recurrence: [...timed.recurrence, 'EXDATE;TZID=Europe/Berlin:20300121T090000'] };
    expect(cancelledStartsOf(series, { start: new Date('2030-02-01T00:00:00Z'), end: new Date('2030-03-01T00:00:00Z') })).toEqual([]);
  });
});

describe('instance keys', () => {
  it('round-trips timed and all-day original starts', () => {
    expect(instanceKey(timed, new Date('2030-01-14T08:00:00Z'))).toBe('2030-01-14T08:00:00.000Z');
    expect(instanceKey({ allDay: true, timeZone: 'Europe/Berlin' }, new Date('2030-01-13T23:00:00Z'))).toBe('2030-01-14');
    expect(originalStartsAtOf({ timeZone: 'Europe/Berlin', allDay: true }, '2030-01-14').toISOString()).toBe('2030-01-13T23:00:00.000Z');
    // Graph's all-day original start is a floating midnight: the day counts, not the instant.
    expect(originalStartsAtOf({ timeZone: 'Europe/Berlin', allDay: true }, '2030-01-14T00:00:00.000Z').toISOString()).toBe('2030-01-13T23:00:00.000Z');
    expect(originalStartsAtOf({ timeZone: 'Europe/Berlin', allDay: false }, '2030-01-14T08:00:00.000Z').toISOString()).toBe('2030-01-14T08:00:00.000Z');
  });
});

describe('keepLocalExdates', () => {
  it('keeps the EXDATE lines of instances cancelled here when the remote rule comes back without them', () => {
    const local = ['RRULE:FREQ=WEEKLY;COUNT=5', 'EXDATE;TZID=Europe/Berlin:20300121T090000'];
    expect(keepLocalExdates(['RRULE:FREQ=WEEKLY;COUNT=6'], local)).toEqual(['RRULE:FREQ=WEEKLY;COUNT=6', 'EXDATE;TZID=Europe/Berlin:20300121T090000']);
    expect(keepLocalExdates(local, local)).toEqual(local);
    expect(keepLocalExdates([], local)).toEqual([]);
  });
});

describe('seriesRulesFrom', () => {
  const ours = { ...timed, recurrence: ['RRULE:FREQ=WEEKLY;COUNT=5', 'EXDATE;TZID=Europe/Berlin:20300121T090000'] };
  it('keeps our lines when the remote ones only spell the same instances differently', () => {
    expect(seriesRulesFrom(['RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=5'], ours, window)).toEqual(ours.recurrence);
  });
  it('takes a changed rule, with the instances cancelled here still cancelled', () => {
    expect(seriesRulesFrom(['RRULE:FREQ=WEEKLY;COUNT=8'], ours, window)).toEqual(['RRULE:FREQ=WEEKLY;COUNT=8', 'EXDATE;TZID=Europe/Berlin:20300121T090000']);
  });
});

describe('Graph series writes', () => {
  const input: EventInput = {
    title: 't', notes: null, start: { dateTime: '2030-01-07T08:00:00.000Z', timeZone: 'Europe/Berlin' }, end: { dateTime: '2030-01-07T09:00:00.000Z', timeZone: 'Europe/Berlin' },
    recurrence: ['RRULE:FREQ=WEEKLY;COUNT=5', 'EXDATE;TZID=Europe/Berlin:20300121T090000'], switchboardEntryId: 'e', idempotencyKey: 'k',
  };
  it('writes the rule without EXDATE lines', () => {
    expect(withoutExdates(input).recurrence).toEqual(['RRULE:FREQ=WEEKLY;COUNT=5']);
    const plain = { ...input, recurrence: ['RRULE:FREQ=WEEKLY;COUNT=5'] };
    expect(withoutExdates(plain)).toBe(plain);
  });
  it('knows which rules a Graph pattern takes (EXDATE lines are applied as deletions)', () => {
    expect(expressesAsPattern(input.recurrence!, input.start)).toBe(true);
    expect(expressesAsPattern([], input.start)).toBe(true);
    expect(expressesAsPattern(['RRULE:FREQ=WEEKLY;COUNT=5', 'RDATE:20300110T080000Z'], input.start)).toBe(false);
    expect(expressesAsPattern(['RRULE:FREQ=DAILY;BYHOUR=8,12'], input.start)).toBe(false);
  });
  it('matches instances on their original start', () => {
    expect(isAtStart({ originalStart: '2030-01-21T08:00:00.000Z' }, ['2030-01-21T08:00:00Z'])).toBe(true);
    expect(isAtStart({ originalStart: '2030-01-21T00:00:00.000Z' }, ['2030-01-21'])).toBe(true);
    expect(isAtStart({ originalStart: '2030-01-28T08:00:00.000Z' }, ['2030-01-21T08:00:00Z'])).toBe(false);
    expect(isAtStart({ originalStart: null }, ['2030-01-21'])).toBe(false);
  });
  it('sees an unchanged shape through Graph’s filled-in defaults, and a changed one', () => {
    const written = { pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday'] }, range: { type: 'numbered', startDate: '2030-01-07', numberOfOccurrences: 5 } };
    const echoed = {
      pattern: { type: 'weekly', interval: 1, month: 0, dayOfMonth: 0, daysOfWeek: ['monday'], firstDayOfWeek: 'sunday', index: 'first' },
      range: { type: 'numbered', startDate: '2030-01-07', endDate: '0001-01-01', recurrenceTimeZone: 'W. Europe Standard Time', numberOfOccurrences: 5 },
    };
    const times = { startInstant: '2030-01-07T08:00:00.000Z', endInstant: '2030-01-07T09:00:00.000Z' };
    expect(sameSeriesShape({ recurrence: echoed, ...times }, { recurrence: written, ...times })).toBe(true);
    expect(sameSeriesShape({ recurrence: echoed, ...times }, { recurrence: { ...written, range: { ...written.range, numberOfOccurrences: 6 } }, ...times })).toBe(false);
    expect(sameSeriesShape({ recurrence: echoed, ...times }, { recurrence: written, ...times, endInstant: '2030-01-07T10:00:00.000Z' })).toBe(false);
  });
});
