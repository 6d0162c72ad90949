import type { ExternalEvent } from '../../src/calendar/adapters/calendar-adapter';
import { BUSY_TITLE, createKeyFor, fromExternalEvent, toEventInput, UntranslatableEventError } from '../../src/calendar/sync/entry-event-translation';

const entry = {
  id: 'entry-1',
  title: 'Server migration',
  notes: 'Bring the backup drive',
  allDay: false,
  startsAt: new Date('2026-03-02T08:00:00Z'),
  endsAt: new Date('2026-03-02T09:30:00Z'),
  startDate: null,
  endDate: null,
  timeZone: 'Europe/Berlin',
  recurrence: [] as string[],
  isPrivate: false,
};

const event = (overrides: Partial<ExternalEvent>): ExternalEvent => ({
  id: 'ev-1', version: '"1"', status: 'confirmed', title: 'Visit', notes: null, start: null, end: null, recurrence: null,
  seriesId: null, originalStart: null, switchboardEntryId: null, updatedAt: null, ...overrides,
});

describe('toEventInput', () => {
  it('writes a timed entry in its own IANA zone, with our id and a per-(entry, provider) create key', () => {
    expect(toEventInput(entry, 'prov-1', { pushPrivateDetails: false })).toEqual({
      title: 'Server migration',
      notes: 'Bring the backup drive',
      start: { dateTime: '2026-03-02T08:00:00.000Z', timeZone: 'Europe/Berlin' },
      end: { dateTime: '2026-03-02T09:30:00.000Z', timeZone: 'Europe/Berlin' },
      recurrence: null,
      switchboardEntryId: 'entry-1',
      idempotencyKey: createKeyFor('entry-1', 'prov-1'),
    });
    expect(createKeyFor('entry-1', 'prov-1')).not.toBe(createKeyFor('entry-1', 'prov-2'));
  });

  it('sends all-day entries as dates with an exclusive end', () => {
    const allDay = { ...entry, allDay: true, startDate: '2026-07-01', endDate: '2026-07-03', timeZone: 'Pacific/Kiritimati' };
    const input = toEventInput(allDay, 'p', { pushPrivateDetails: false });
    expect(input.start).toEqual({ date: '2026-07-01' });
    expect(input.end).toEqual({ date: '2026-07-04' });
  });

  it('pushes a private entry as busy time unless details are allowed', () => {
    const secret = { ...entry, isPrivate: true };
    expect(toEventInput(secret, 'p', { pushPrivateDetails: false })).toMatchObject({ title: BUSY_TITLE, notes: null });
    expect(toEventInput(secret, 'p', { pushPrivateDetails: true })).toMatchObject({ title: 'Server migration', notes: 'Bring the backup drive' });
  });

  it('carries the recurrence lines of a series', () => {
    expect(toEventInput({ ...entry, recurrence: ['RRULE:FREQ=WEEKLY;COUNT=4'] }, 'p', { pushPrivateDetails: false }).recurrence).toEqual(['RRULE:FREQ=WEEKLY;COUNT=4']);
  });
});

describe('fromExternalEvent', () => {
  it('keeps an all-day event’s dates (inclusive end), whatever the zone', () => {
    const input = fromExternalEvent(event({ start: { date: '2026-07-01' }, end: { date: '2026-07-02' } }), 'America/Adak');
    expect(input).toMatchObject({ allDay: true, startDate: '2026-07-01', endDate: '2026-07-01', timeZone: 'America/Adak' });
  });

  it('reads a timed event in the zone it names, else the calendar’s', () => {
    const named = fromExternalEvent(event({ start: { dateTime: '2026-03-02T08:00:00.000Z', timeZone: 'Asia/Tokyo' }, end: { dateTime: '2026-03-02T09:00:00.000Z', timeZone: 'Asia/Tokyo' } }), 'UTC');
    expect(named).toMatchObject({ allDay: false, startsAt: new Date('2026-03-02T08:00:00.000Z'), timeZone: 'Asia/Tokyo' });
    const unnamed = fromExternalEvent(event({ start: { dateTime: '2026-03-02T08:00:00.000Z', timeZone: null }, end: { dateTime: '2026-03-02T09:00:00.000Z', timeZone: null } }), 'Europe/Berlin');
    expect(unnamed.timeZone).toBe('Europe/Berlin');
  });

  it('gives untitled events a placeholder title and refuses events without times', () => {
    expect(fromExternalEvent(event({ title: ' ', start: { date: '2026-01-01' }, end: { date: '2026-01-02' } }), 'UTC').title).toBe('(no title)');
    expect(() => fromExternalEvent(event({}), 'UTC')).toThrow(UntranslatableEventError);
    expect(() => fromExternalEvent(event({ start: { date: '2026-01-01' }, end: { dateTime: '2026-01-01T10:00:00Z', timeZone: null } }), 'UTC')).toThrow(UntranslatableEventError);
  });
});
