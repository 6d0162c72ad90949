import type { calendar_v3 } from 'googleapis';
import type { EventInput } from '../../src/calendar/adapters/calendar-adapter';
import {
  ENTRY_ID_PROPERTY,
  formatGoogleEvent,
  googleChangeSet,
  googleEventIdFor,
  parseGoogleCalendar,
  parseGoogleEvent,
} from '../../src/calendar/adapters/google-event-mapper';

const input = (overrides: Partial<EventInput> = {}): EventInput => ({
  title: 'Standup', notes: null, switchboardEntryId: 'entry-1', idempotencyKey: 'key-1', recurrence: null,
  start: { dateTime: '2025-03-10T08:00:00.000Z', timeZone: 'Europe/Berlin' }, end: { dateTime: '2025-03-10T08:15:00.000Z', timeZone: 'Europe/Berlin' },
  ...overrides,
});

describe('googleEventIdFor', () => {
  it('derives a stable id in Google\'s base32hex alphabet, distinct per key', () => {
    const id = googleEventIdFor('create:entry-1');
    expect(id).toMatch(/^[a-v0-9]{5,1024}$/);
    expect(id).toHaveLength(32);
    expect(googleEventIdFor('create:entry-1')).toBe(id);
    expect(googleEventIdFor('create:entry-2')).not.toBe(id);
  });
});

describe('parseGoogleEvent', () => {
  it('reads timed events as UTC instants, keeping the event zone', () => {
    const event = parseGoogleEvent({
      id: 'abc12', etag: '"1"', status: 'confirmed', summary: 'Standup', description: 'notes', updated: '2025-03-01T10:00:00.000Z',
      start: { dateTime: '2025-03-10T09:00:00+01:00', timeZone: 'Europe/Berlin' }, end: { dateTime: '2025-03-10T09:15:00+01:00' },
      extendedProperties: { private: { [ENTRY_ID_PROPERTY]: 'entry-1' } },
    });
    expect(event).toEqual({
      id: 'abc12', version: '"1"', status: 'confirmed', title: 'Standup', notes: 'notes',
      start: { dateTime: '2025-03-10T08:00:00.000Z', timeZone: 'Europe/Berlin' }, end: { dateTime: '2025-03-10T08:15:00.000Z', timeZone: null },
      recurrence: null, seriesId: null, originalStart: null, kind: 'single', switchboardEntryId: 'entry-1', updatedAt: '2025-03-01T10:00:00.000Z',
    });
  });

  it('reads a wall time without offset in its own zone, not the server\'s', () => {
    const event = parseGoogleEvent({ id: 'abc12', start: { dateTime: '2025-07-01T09:00:00', timeZone: 'America/New_York' } });
    expect(event.start).toEqual({ dateTime: '2025-07-01T13:00:00.000Z', timeZone: 'America/New_York' });
  });

  it('reads all-day events as dates and instances with their series and original start', () => {
    const allDay = parseGoogleEvent({ id: 'abc12', start: { date: '2025-12-24' }, end: { date: '2025-12-26' } });
    expect([allDay.start, allDay.end]).toEqual([{ date: '2025-12-24' }, { date: '2025-12-26' }]);
    const cancelled = parseGoogleEvent({
      id: 'abc12_20250311T080000Z', status: 'cancelled', recurringEventId: 'abc12', originalStartTime: { dateTime: '2025-03-11T09:00:00+01:00' },
    });
    expect(cancelled).toMatchObject({ status: 'cancelled', seriesId: 'abc12', originalStart: '2025-03-11T08:00:00.000Z', title: null, start: null });
    expect(parseGoogleEvent({ id: 'x_20250311', recurringEventId: 'x', originalStartTime: { date: '2025-03-11' } }).originalStart).toBe('2025-03-11');
  });

  it('keeps recurrence lines and treats tentative as confirmed', () => {
    const series = parseGoogleEvent({ id: 'abc12', status: 'tentative', recurrence: ['RRULE:FREQ=DAILY;COUNT=3', 'EXDATE:20250311T080000Z'] });
    expect([series.status, series.recurrence]).toEqual(['confirmed', ['RRULE:FREQ=DAILY;COUNT=3', 'EXDATE:20250311T080000Z']]);
  });
});

describe('formatGoogleEvent', () => {
  it('writes timed events with their zone, our entry id in private extended properties, and clears the other time kind', () => {
    expect(formatGoogleEvent(input({ notes: 'n' }))).toEqual({
      summary: 'Standup', description: 'n', recurrence: null,
      start: { dateTime: '2025-03-10T08:00:00.000Z', timeZone: 'Europe/Berlin', date: null },
      end: { dateTime: '2025-03-10T08:15:00.000Z', timeZone: 'Europe/Berlin', date: null },
      extendedProperties: { private: { [ENTRY_ID_PROPERTY]: 'entry-1' } },
    });
  });

  it('writes all-day events as dates only', () => {
    const body = formatGoogleEvent(input({ start: { date: '2025-12-24' }, end: { date: '2025-12-25' } }));
    expect([body.start, body.end]).toEqual([{ date: '2025-12-24', dateTime: null, timeZone: null }, { date: '2025-12-25', dateTime: null, timeZone: null }]);
  });

  it('gives recurring timed events a zone (Google requires one) and leaves single ones without', () => {
    const zoneless = { start: { dateTime: '2025-03-10T08:00:00.000Z', timeZone: null }, end: { dateTime: '2025-03-10T09:00:00.000Z', timeZone: null } };
    expect(formatGoogleEvent(input({ ...zoneless, recurrence: ['RRULE:FREQ=WEEKLY'] })).start?.timeZone).toBe('UTC');
    expect(formatGoogleEvent(input(zoneless)).start?.timeZone).toBeNull();
  });

  it('round-trips through parse', () => {
    const written = input({ recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=MO'] });
    const parsed = parseGoogleEvent({ ...(formatGoogleEvent(written) as calendar_v3.Schema$Event), id: 'abc12' });
    expect(parsed).toMatchObject({ title: written.title, start: written.start, end: written.end, recurrence: written.recurrence, switchboardEntryId: 'entry-1' });
  });
});

describe('parseGoogleCalendar', () => {
  it('prefers the user\'s own name and derives edit rights from the access role', () => {
    expect(parseGoogleCalendar({ id: 'c1', summary: 'Team', summaryOverride: 'My team', accessRole: 'reader', timeZone: 'UTC' }))
      .toEqual({ id: 'c1', name: 'My team', primary: false, timeZone: 'UTC', canEdit: false });
    expect(parseGoogleCalendar({ id: 'a@b.c', summary: 'a@b.c', primary: true, accessRole: 'owner' }).canEdit).toBe(true);
  });
});

describe('googleChangeSet', () => {
  const items: calendar_v3.Schema$Event[] = [
    { id: 'single', status: 'confirmed', summary: 'v1' },
    { id: 'gone', status: 'cancelled' },
    { id: 'series_20250311T080000Z', status: 'cancelled', recurringEventId: 'series', originalStartTime: { dateTime: '2025-03-11T08:00:00Z' } },
    { id: 'single', status: 'confirmed', summary: 'v2' },
  ];

  it('incremental: cancelled events are deletions, cancelled occurrences stay as cancelled exceptions, last version wins', () => {
    const set = googleChangeSet(items, 'token-2', 'incremental', false);
    expect(set.deletedIds).toEqual(['gone']);
    expect(set.upserted.map((e) => [e.id, e.status, e.title])).toEqual([
      ['series_20250311T080000Z', 'cancelled', null], ['single', 'confirmed', 'v2'],
    ]);
    expect([set.nextCursor, set.fullResync]).toEqual(['token-2', false]);
  });

  it('full: no tombstones, but cancelled occurrences are kept', () => {
    const set = googleChangeSet(items, 'token-1', 'full', true);
    expect(set.deletedIds).toEqual([]);
    expect(set.upserted.map((e) => e.id)).toEqual(['series_20250311T080000Z', 'single']);
    expect(set.fullResync).toBe(true);
  });
});
