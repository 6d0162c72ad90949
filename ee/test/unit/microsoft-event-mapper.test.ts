import type { EventInput, EventTime } from '../../src/calendar/adapters/calendar-adapter';
import {
  ENTRY_ID_PROPERTY_ID,
  formatGraphEvent,
  graphChangeSet,
  parseGraphCalendar,
  parseGraphEvent,
  type GraphEvent,
} from '../../src/calendar/adapters/microsoft-event-mapper';
import {
  UnsupportedRecurrenceError,
  graphRecurrenceToRrule,
  rruleToGraphRecurrence,
} from '../../src/calendar/adapters/microsoft-recurrence';
import { toIanaZone, utcOfWallTime, wallTimeAt } from '../../src/calendar/adapters/zoned-time';

const LA_MONDAY_9AM: EventTime = { dateTime: '2030-01-07T17:00:00.000Z', timeZone: 'America/Los_Angeles' };

const graphEvent = (overrides: Partial<GraphEvent> = {}): GraphEvent => ({
  id: 'AAMk1', changeKey: 'ck1', '@odata.etag': 'W/"ck1"', subject: 'Planning', body: { contentType: 'text', content: 'agenda' },
  isAllDay: false, isCancelled: false, originalStartTimeZone: 'Pacific Standard Time', originalEndTimeZone: 'Pacific Standard Time',
  start: { dateTime: '2030-07-01T16:00:00.0000000', timeZone: 'UTC' }, end: { dateTime: '2030-07-01T16:30:00.0000000', timeZone: 'UTC' },
  recurrence: null, seriesMasterId: null, lastModifiedDateTime: '2030-06-01T10:00:00Z',
  ...overrides,
});

describe('zoned time', () => {
  it('converts wall times to instants and back, on both sides of DST', () => {
    expect(new Date(utcOfWallTime('2030-07-01T09:00:00.0000000', 'America/Los_Angeles')).toISOString()).toBe('2030-07-01T16:00:00.000Z');
    expect(new Date(utcOfWallTime('2030-03-10T03:30:00', 'America/Los_Angeles')).toISOString()).toBe('2030-03-10T10:30:00.000Z');
    expect(new Date(utcOfWallTime('2030-03-10T01:30:00', 'America/Los_Angeles')).toISOString()).toBe('2030-03-10T09:30:00.000Z');
    expect(wallTimeAt(Date.parse('2030-01-07T17:00:00Z'), 'Europe/Berlin')).toBe('2030-01-07T18:00:00');
  });

  it('maps Windows zone names to IANA and drops unknown ones', () => {
    expect(['Pacific Standard Time', 'W. Europe Standard Time', 'Europe/Paris', 'Mars/Olympus', null].map(toIanaZone))
      .toEqual(['America/Los_Angeles', 'Europe/Berlin', 'Europe/Paris', null, null]);
  });
});

describe('rruleToGraphRecurrence', () => {
  it('maps weekly rules with days, count and the RFC default week start', () => {
    expect(rruleToGraphRecurrence(['RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=4'], LA_MONDAY_9AM)).toEqual({
      pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday', 'wednesday'], firstDayOfWeek: 'monday' },
      range: { type: 'numbered', startDate: '2030-01-07', numberOfOccurrences: 4 },
    });
  });

  it('takes the start date and default weekday in the event\'s zone, not UTC', () => {
    const sundayEvening: EventTime = { dateTime: '2030-01-07T05:00:00.000Z', timeZone: 'America/Los_Angeles' };
    expect(rruleToGraphRecurrence(['RRULE:FREQ=WEEKLY;INTERVAL=2'], sundayEvening)).toEqual({
      pattern: { type: 'weekly', interval: 2, daysOfWeek: ['sunday'], firstDayOfWeek: 'monday' },
      range: { type: 'noEnd', startDate: '2030-01-06' },
    });
  });

  it('maps daily and monthly rules, UNTIL as the local end date', () => {
    expect(rruleToGraphRecurrence(['RRULE:FREQ=DAILY;INTERVAL=3;UNTIL=20300312T040000Z'], LA_MONDAY_9AM)).toEqual({
      pattern: { type: 'daily', interval: 3 }, range: { type: 'endDate', startDate: '2030-01-07', endDate: '2030-03-11' },
    });
    expect(rruleToGraphRecurrence(['RRULE:FREQ=MONTHLY;UNTIL=20301231'], { date: '2030-01-31' })).toEqual({
      pattern: { type: 'absoluteMonthly', interval: 1, dayOfMonth: 31 }, range: { type: 'endDate', startDate: '2030-01-31', endDate: '2030-12-31' },
    });
    expect(rruleToGraphRecurrence(['RRULE:FREQ=MONTHLY;BYMONTHDAY=15;COUNT=6'], LA_MONDAY_9AM).pattern).toEqual({ type: 'absoluteMonthly', interval: 1, dayOfMonth: 15 });
  });

  it.each([
    ['a fifth weekday (Graph has first..fourth, last)', ['RRULE:FREQ=MONTHLY;BYDAY=5FR']],
    ['the second-to-last weekday', ['RRULE:FREQ=MONTHLY;BYDAY=-2FR']],
    ['several set positions', ['RRULE:FREQ=MONTHLY;BYDAY=MO,TU;BYSETPOS=1,-1']],
    ['several months', ['RRULE:FREQ=YEARLY;BYMONTH=3,6;BYMONTHDAY=1']],
    ['negative month days', ['RRULE:FREQ=MONTHLY;BYMONTHDAY=-1']],
    ['EXDATE lines', ['RRULE:FREQ=DAILY', 'EXDATE:20300108T170000Z']],
    ['COUNT with UNTIL', ['RRULE:FREQ=DAILY;COUNT=2;UNTIL=20300110']],
    ['no RRULE', ['RDATE:20300108']],
  ])('refuses %s with UnsupportedRecurrenceError', (_name, lines) => {
    expect(() => rruleToGraphRecurrence(lines, LA_MONDAY_9AM)).toThrow(UnsupportedRecurrenceError);
  });
});

describe('graphRecurrenceToRrule', () => {
  it('writes daily, weekly and monthly patterns with their ranges', () => {
    const range = { type: 'numbered', startDate: '2030-01-07', numberOfOccurrences: 5 };
    expect(graphRecurrenceToRrule({ pattern: { type: 'daily', interval: 1 }, range }, LA_MONDAY_9AM, null)).toEqual(['RRULE:FREQ=DAILY;COUNT=5']);
    expect(graphRecurrenceToRrule({ pattern: { type: 'weekly', interval: 2, daysOfWeek: ['monday', 'wednesday'], firstDayOfWeek: 'sunday' }, range }, LA_MONDAY_9AM, null))
      .toEqual(['RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;WKST=SU;COUNT=5']);
    expect(graphRecurrenceToRrule({ pattern: { type: 'absoluteMonthly', interval: 1, dayOfMonth: 7 }, range: { type: 'noEnd', startDate: '2030-01-07' } }, LA_MONDAY_9AM, null))
      .toEqual(['RRULE:FREQ=MONTHLY;BYMONTHDAY=7']);
  });

  it('ends a timed series after the whole local end date, an all-day one on the date', () => {
    const recurrence = { pattern: { type: 'daily', interval: 1 }, range: { type: 'endDate', startDate: '2030-03-01', endDate: '2030-03-11' } };
    expect(graphRecurrenceToRrule(recurrence, LA_MONDAY_9AM, 'America/Los_Angeles')).toEqual(['RRULE:FREQ=DAILY;UNTIL=20300312T065959Z']);
    expect(graphRecurrenceToRrule(recurrence, { date: '2030-03-01' }, null)).toEqual(['RRULE:FREQ=DAILY;UNTIL=20300311']);
  });

  it('refuses patterns it does not convert', () => {
    const hourly = { pattern: { type: 'hourly', interval: 1 }, range: { type: 'noEnd', startDate: '2030-01-07' } };
    expect(() => graphRecurrenceToRrule(hourly, LA_MONDAY_9AM, null)).toThrow(UnsupportedRecurrenceError);
  });

  const noEnd = { type: 'noEnd', startDate: '2030-01-07' };
  const weekdays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];
  it.each<[string, Record<string, unknown>, string, Record<string, unknown>]>([
    // Graph echoes unused properties with defaults (month 0, dayOfMonth 0): they must not leak into the rule.
    ['second Tuesday monthly', { type: 'relativeMonthly', interval: 1, daysOfWeek: ['tuesday'], index: 'second', month: 0, dayOfMonth: 0 },
      'RRULE:FREQ=MONTHLY;BYDAY=2TU', { type: 'relativeMonthly', interval: 1, daysOfWeek: ['tuesday'], index: 'second' }],
    ['last Friday every 2 months', { type: 'relativeMonthly', interval: 2, daysOfWeek: ['friday'], index: 'last' },
      'RRULE:FREQ=MONTHLY;INTERVAL=2;BYDAY=-1FR', { type: 'relativeMonthly', interval: 2, daysOfWeek: ['friday'], index: 'last' }],
    ['last weekday monthly', { type: 'relativeMonthly', interval: 1, daysOfWeek: weekdays, index: 'last' },
      'RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1', { type: 'relativeMonthly', interval: 1, daysOfWeek: weekdays, index: 'last' }],
    ['first Monday of March yearly', { type: 'relativeYearly', interval: 1, daysOfWeek: ['monday'], index: 'first', month: 3 },
      'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=1MO', { type: 'relativeYearly', interval: 1, daysOfWeek: ['monday'], index: 'first', month: 3 }],
    ['14 February yearly', { type: 'absoluteYearly', interval: 1, month: 2, dayOfMonth: 14, index: 'first' },
      'RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=14', { type: 'absoluteYearly', interval: 1, month: 2, dayOfMonth: 14 }],
  ])('converts %s both ways', (_label, graphPattern, rule, pattern) => {
    expect(graphRecurrenceToRrule({ pattern: graphPattern as never, range: noEnd }, LA_MONDAY_9AM, null)).toEqual([rule]);
    expect(rruleToGraphRecurrence([rule], LA_MONDAY_9AM).pattern).toEqual(pattern);
  });

  it.each([
    ['RRULE:FREQ=DAILY;COUNT=10'],
    ['RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;COUNT=8'],
    ['RRULE:FREQ=MONTHLY;BYMONTHDAY=7'],
    ['RRULE:FREQ=WEEKLY;BYDAY=MO;UNTIL=20300401T065959Z'],
  ])('round-trips %s', (rule) => {
    const graph = rruleToGraphRecurrence([rule], LA_MONDAY_9AM);
    expect(graphRecurrenceToRrule(graph, LA_MONDAY_9AM, 'America/Los_Angeles')).toEqual([rule]);
  });
});

describe('parseGraphEvent', () => {
  it('reads UTC-rendered times as instants and the Windows zone as IANA', () => {
    expect(parseGraphEvent(graphEvent())).toEqual({
      id: 'AAMk1', version: 'ck1', status: 'confirmed', title: 'Planning', notes: 'agenda',
      start: { dateTime: '2030-07-01T16:00:00.000Z', timeZone: 'America/Los_Angeles' },
      end: { dateTime: '2030-07-01T16:30:00.000Z', timeZone: 'America/Los_Angeles' },
      recurrence: null, seriesId: null, originalStart: null, kind: 'single', switchboardEntryId: null, updatedAt: '2030-06-01T10:00:00.000Z',
    });
  });

  it('honours the rendered zone when the UTC preference was not applied', () => {
    const event = parseGraphEvent(graphEvent({ start: { dateTime: '2030-07-01T09:00:00.0000000', timeZone: 'Pacific Standard Time' } }));
    expect(event.start).toEqual({ dateTime: '2030-07-01T16:00:00.000Z', timeZone: 'America/Los_Angeles' });
  });

  it('reads all-day events as dates, occurrences with their master, our id from the extended property', () => {
    const event = parseGraphEvent(graphEvent({
      isAllDay: true, start: { dateTime: '2030-12-25T00:00:00.0000000', timeZone: 'UTC' }, end: { dateTime: '2030-12-26T00:00:00.0000000', timeZone: 'UTC' },
      seriesMasterId: 'AAMkMaster', originalStart: '2030-12-25T00:00:00Z', changeKey: null, '@odata.etag': 'W/"ck9"',
      singleValueExtendedProperties: [{ id: ENTRY_ID_PROPERTY_ID.toUpperCase(), value: 'entry-7' }],
    }));
    expect(event).toMatchObject({
      start: { date: '2030-12-25' }, end: { date: '2030-12-26' }, seriesId: 'AAMkMaster', originalStart: '2030-12-25T00:00:00.000Z',
      version: 'ck9', switchboardEntryId: 'entry-7',
    });
    expect(parseGraphEvent(graphEvent({ isCancelled: true, body: { content: '' } }))).toMatchObject({ status: 'cancelled', notes: null });
  });

  it('converts a series master\'s pattern, and reports an unconvertible one while keeping the event', () => {
    const range = { type: 'numbered', startDate: '2030-07-01', numberOfOccurrences: 3 };
    expect(parseGraphEvent(graphEvent({ recurrence: { pattern: { type: 'daily', interval: 1 }, range } })).recurrence).toEqual(['RRULE:FREQ=DAILY;COUNT=3']);
    const problems: string[] = [];
    const yearly = parseGraphEvent(graphEvent({ recurrence: { pattern: { type: 'relativeYearly', interval: 1 }, range } }), (id) => problems.push(id));
    expect([yearly.recurrence, yearly.title, problems]).toEqual([null, 'Planning', ['AAMk1']]);
  });
});

describe('formatGraphEvent', () => {
  const input = (overrides: Partial<EventInput> = {}): EventInput => ({
    title: 'Planning', notes: null, switchboardEntryId: 'entry-1', idempotencyKey: 'k', recurrence: null,
    start: { dateTime: '2030-07-01T16:00:00.000Z', timeZone: 'Europe/Berlin' }, end: { dateTime: '2030-07-01T17:00:00.000Z', timeZone: 'Europe/Berlin' },
    ...overrides,
  });

  it('writes wall time in the event zone, a text body and our extended property', () => {
    expect(formatGraphEvent(input())).toEqual({
      subject: 'Planning', body: { contentType: 'text', content: '' }, isAllDay: false, recurrence: null,
      start: { dateTime: '2030-07-01T18:00:00', timeZone: 'Europe/Berlin' }, end: { dateTime: '2030-07-01T19:00:00', timeZone: 'Europe/Berlin' },
      singleValueExtendedProperties: [{ id: ENTRY_ID_PROPERTY_ID, value: 'entry-1' }],
    });
  });

  it('writes all-day events midnight to midnight, zone-less times in UTC, and recurrence as a pattern', () => {
    const allDay = formatGraphEvent(input({ start: { date: '2030-12-25' }, end: { date: '2030-12-26' }, recurrence: ['RRULE:FREQ=DAILY;COUNT=2'] }));
    expect(allDay).toMatchObject({
      isAllDay: true, start: { dateTime: '2030-12-25T00:00:00', timeZone: 'UTC' }, end: { dateTime: '2030-12-26T00:00:00', timeZone: 'UTC' },
      recurrence: { pattern: { type: 'daily', interval: 1 }, range: { type: 'numbered', startDate: '2030-12-25', numberOfOccurrences: 2 } },
    });
    expect(formatGraphEvent(input({ start: { dateTime: '2030-07-01T16:00:00.000Z', timeZone: null } })).start).toEqual({ dateTime: '2030-07-01T16:00:00', timeZone: 'UTC' });
  });

  it('round-trips through parse', () => {
    const written = input();
    const body = formatGraphEvent(written) as Partial<GraphEvent>;
    const parsed = parseGraphEvent({ ...body, id: 'x', originalStartTimeZone: 'Europe/Berlin' } as GraphEvent);
    expect(parsed).toMatchObject({ title: written.title, start: written.start, end: written.end, switchboardEntryId: 'entry-1' });
  });
});

describe('parseGraphCalendar and graphChangeSet', () => {
  it('marks the default calendar primary', () => {
    expect(parseGraphCalendar({ id: 'c1', name: 'Calendar', isDefaultCalendar: true, canEdit: false }))
      .toEqual({ id: 'c1', name: 'Calendar', primary: true, timeZone: null, canEdit: false });
  });

  it('dedupes repeated ids in one round: the last mention wins', () => {
    const removed = (id: string): GraphEvent => ({ id, '@removed': { reason: 'deleted' } });
    const set = graphChangeSet([
      graphEvent({ id: 'a', subject: 'v1' }), graphEvent({ id: 'a', subject: 'v2' }),
      graphEvent({ id: 'b' }), removed('b'),
      removed('c'), graphEvent({ id: 'c', subject: 'back' }),
      removed('d'), removed('d'),
    ], 'https://graph/delta?$deltatoken=x', false);
    expect(set.upserted.map((e) => [e.id, e.title])).toEqual([['a', 'v2'], ['c', 'back']]);
    expect(set.deletedIds).toEqual(['b', 'd']);
  });
});

describe('our entry id on events Graph lists without extended properties (delta)', () => {
  const provider = '11111111-2222-4333-8444-555555555555';
  const entry = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
  it.each([
    ['our create’s transactionId', `${provider}:${entry}`, entry],
    ['an expanded occurrence’s key (three parts)', `${provider}:${entry}:1893456000000`, null],
    ['another client’s transactionId', 'outlook-web-7d1f', null],
    ['none', null, null],
  ])('%s → %s', (_label, transactionId, expected) => {
    expect(parseGraphEvent(graphEvent({ transactionId })).switchboardEntryId).toBe(expected);
  });

  it('prefers the extended property when Graph returns it', () => {
    const other = '99999999-8888-4777-8666-555555555555';
    const event = graphEvent({ transactionId: `${provider}:${entry}`, singleValueExtendedProperties: [{ id: ENTRY_ID_PROPERTY_ID, value: other }] });
    expect(parseGraphEvent(event).switchboardEntryId).toBe(other);
  });
});
