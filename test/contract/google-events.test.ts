/**
 * Contract: events insert/get/patch/update/delete and list filters of the Google simulator, through googleapis.
 * https://developers.google.com/calendar/api/v3/reference/events
 */
import { GaxiosError } from 'gaxios';
import type { calendar_v3 } from 'googleapis';
import type { GoogleSimulator } from '../fakes/google/google-simulator';
import { gaxiosRejection as rejection, useConnectedCalendar } from '../fakes/google/test-harness';

const ALICE = 'alice@example.com';

const fixture = useConnectedCalendar('events-test', { email: ALICE, timeZone: 'Europe/Berlin' });
let sim: GoogleSimulator;
let calendar: calendar_v3.Calendar;

beforeEach(() => {
  ({ sim, calendar } = fixture);
});

function reasonOf(err: GaxiosError): string {
  return (err.response!.data as { error: { errors: { reason: string }[] } }).error.errors[0].reason;
}

const meeting = (extra: calendar_v3.Schema$Event = {}): calendar_v3.Schema$Event => ({
  summary: 'Planning',
  start: { dateTime: '2025-03-10T09:00:00Z' },
  end: { dateTime: '2025-03-10T10:00:00Z' },
  ...extra,
});

describe('insert', () => {
  it('fills server fields: base32hex id, iCalUID, quoted etag, created/updated, sequence, status', async () => {
    const { data, status } = await calendar.events.insert({ calendarId: 'primary', requestBody: meeting() });
    expect(status).toBe(200);
    expect(data.id).toMatch(/^[a-v0-9]{26}$/);
    expect(data).toMatchObject({ kind: 'calendar#event', status: 'confirmed', sequence: 0, iCalUID: `${data.id}@google.com`, summary: 'Planning' });
    expect(data.etag).toMatch(/^"\d+"$/);
    expect(data.created).toBe(data.updated);
    expect(Date.parse(data.updated!)).toBeGreaterThan(0);
    expect(data.htmlLink).toMatch(/^https:\/\/www\.google\.com\/calendar\/event\?eid=/);
    expect(data.start).toEqual({ dateTime: '2025-03-10T10:00:00+01:00' });
  });

  it('accepts a client-chosen id once (409 duplicate after, also after delete) and validates its alphabet', async () => {
    const id = 'sb0123456789abcdefuv';
    expect((await calendar.events.insert({ calendarId: 'primary', requestBody: meeting({ id }) })).data.id).toBe(id);
    const dup = await rejection(calendar.events.insert({ calendarId: 'primary', requestBody: meeting({ id }) }));
    expect(dup.status).toBe(409);
    expect(reasonOf(dup)).toBe('duplicate');
    await calendar.events.delete({ calendarId: 'primary', eventId: id });
    expect((await rejection(calendar.events.insert({ calendarId: 'primary', requestBody: meeting({ id }) }))).status).toBe(409);
    for (const bad of ['abc', 'UPPERCASE123', 'has-dash-123', 'wxyz12345']) {
      const err = await rejection(calendar.events.insert({ calendarId: 'primary', requestBody: meeting({ id: bad }) }));
      expect([err.status, reasonOf(err)]).toEqual([400, 'invalid']);
    }
  });

  it('rejects an end before the start, mixed date kinds, and recurring events without a time zone', async () => {
    const backwards = await rejection(calendar.events.insert({ calendarId: 'primary', requestBody: meeting({ end: { dateTime: '2025-03-10T08:00:00Z' } }) }));
    expect([backwards.status, reasonOf(backwards)]).toEqual([400, 'timeRangeEmpty']);
    const mixed = await rejection(calendar.events.insert({ calendarId: 'primary', requestBody: meeting({ end: { date: '2025-03-11' } }) }));
    expect(mixed.status).toBe(400);
    const noTz = await rejection(calendar.events.insert({ calendarId: 'primary', requestBody: meeting({ recurrence: ['RRULE:FREQ=DAILY;COUNT=2'] }) }));
    expect(noTz.status).toBe(400);
    expect(noTz.response!.data).toMatchObject({ error: { message: 'Missing time zone definition for start time.', errors: [{ reason: 'required' }] } });
  });

  it('stores all-day events with an exclusive end date', async () => {
    const { data } = await calendar.events.insert({ calendarId: 'primary', requestBody: { summary: 'Offsite', start: { date: '2025-04-01' }, end: { date: '2025-04-03' } } });
    expect(data.start).toEqual({ date: '2025-04-01' });
    expect(data.end).toEqual({ date: '2025-04-03' });
    const sameDay = await rejection(calendar.events.insert({ calendarId: 'primary', requestBody: { start: { date: '2025-04-01' }, end: { date: '2025-04-01' } } }));
    expect(reasonOf(sameDay)).toBe('timeRangeEmpty');
    const window = (timeMin: string, timeMax: string) => calendar.events.list({ calendarId: 'primary', timeMin, timeMax }).then((r) => r.data.items!.length);
    expect(await window('2025-04-02T12:00:00+02:00', '2025-04-02T13:00:00+02:00')).toBe(1);
    expect(await window('2025-04-03T00:00:00+02:00', '2025-04-04T00:00:00+02:00')).toBe(0);
  });
});

describe('patch, update, If-Match', () => {
  it('changes etag and updated on every write and bumps sequence when the time moves', async () => {
    const created = (await calendar.events.insert({ calendarId: 'primary', requestBody: meeting() })).data;
    sim.control.advanceClock(60);
    const renamed = (await calendar.events.patch({ calendarId: 'primary', eventId: created.id!, requestBody: { summary: 'Renamed' } })).data;
    expect(renamed.etag).not.toBe(created.etag);
    expect(Date.parse(renamed.updated!) - Date.parse(created.updated!)).toBeGreaterThanOrEqual(60_000);
    expect(renamed.sequence).toBe(0);
    const moved = (await calendar.events.patch({ calendarId: 'primary', eventId: created.id!, requestBody: { start: { dateTime: '2025-03-10T09:30:00Z' } } })).data;
    expect(moved.etag).not.toBe(renamed.etag);
    expect(moved.sequence).toBe(1);
    expect(moved.created).toBe(created.created);
  });

  it('patch merges fields and extended properties; update replaces the whole event', async () => {
    const created = (await calendar.events.insert({
      calendarId: 'primary',
      requestBody: meeting({ description: 'agenda', extendedProperties: { private: { sbId: 'e-1' } } }),
    })).data;
    const patched = (await calendar.events.patch({
      calendarId: 'primary', eventId: created.id!, requestBody: { extendedProperties: { private: { sbOrigin: 'switchboard' } } },
    })).data;
    expect(patched).toMatchObject({ summary: 'Planning', description: 'agenda', extendedProperties: { private: { sbId: 'e-1', sbOrigin: 'switchboard' } } });
    const replaced = (await calendar.events.update({
      calendarId: 'primary', eventId: created.id!, requestBody: { summary: 'Only this', start: patched.start, end: patched.end },
    })).data;
    expect(replaced.summary).toBe('Only this');
    expect(replaced.description).toBeUndefined();
    expect(replaced.extendedProperties).toBeUndefined();
  });

  it('answers 412 conditionNotMet for a stale If-Match etag and accepts the current one', async () => {
    const created = (await calendar.events.insert({ calendarId: 'primary', requestBody: meeting() })).data;
    await calendar.events.patch({ calendarId: 'primary', eventId: created.id!, requestBody: { summary: 'changed by someone else' } });
    const stale = await rejection(calendar.events.patch(
      { calendarId: 'primary', eventId: created.id!, requestBody: { summary: 'mine' } },
      { headers: { 'If-Match': created.etag! } },
    ));
    expect(stale.status).toBe(412);
    expect(stale.response!.data).toMatchObject({ error: { code: 412, errors: [{ reason: 'conditionNotMet', location: 'If-Match' }] } });
    const current = (await calendar.events.get({ calendarId: 'primary', eventId: created.id! })).data;
    const ok = await calendar.events.update(
      { calendarId: 'primary', eventId: created.id!, requestBody: { ...current, summary: 'mine' } },
      { headers: { 'If-Match': current.etag! } },
    );
    expect(ok.data.summary).toBe('mine');
  });

  it('answers 304 to a conditional get with the current etag', async () => {
    const created = (await calendar.events.insert({ calendarId: 'primary', requestBody: meeting() })).data;
    const res = await calendar.events.get({ calendarId: 'primary', eventId: created.id! }, { headers: { 'If-None-Match': created.etag! } });
    expect(res.status).toBe(304);
  });
});

describe('delete', () => {
  it('answers 204, keeps the event as cancelled for get, and 410 deleted on a second delete', async () => {
    const created = (await calendar.events.insert({ calendarId: 'primary', requestBody: meeting() })).data;
    const res = await calendar.events.delete({ calendarId: 'primary', eventId: created.id! });
    expect(res.status).toBe(204);
    const got = (await calendar.events.get({ calendarId: 'primary', eventId: created.id! })).data;
    expect(got.status).toBe('cancelled');
    const again = await rejection(calendar.events.delete({ calendarId: 'primary', eventId: created.id! }));
    expect([again.status, reasonOf(again)]).toEqual([410, 'deleted']);
    expect((await calendar.events.list({ calendarId: 'primary' })).data.items).toEqual([]);
    const withDeleted = (await calendar.events.list({ calendarId: 'primary', showDeleted: true })).data.items!;
    expect(withDeleted.map((e) => [e.id, e.status])).toEqual([[created.id, 'cancelled']]);
  });

  it('answers 404 for unknown events', async () => {
    const err = await rejection(calendar.events.get({ calendarId: 'primary', eventId: 'unknown0000' }));
    expect(err.response!.data).toEqual({ error: { code: 404, message: 'Not Found', errors: [{ domain: 'global', reason: 'notFound', message: 'Not Found' }], status: 'NOT_FOUND' } });
  });
});

describe('list filters', () => {
  it('filters by privateExtendedProperty (all constraints must match)', async () => {
    await calendar.events.insert({ calendarId: 'primary', requestBody: meeting({ summary: 'a', extendedProperties: { private: { sbId: '1', tenant: 't1' } } }) });
    await calendar.events.insert({ calendarId: 'primary', requestBody: meeting({ summary: 'b', extendedProperties: { private: { sbId: '2', tenant: 't1' } } }) });
    await calendar.events.insert({ calendarId: 'primary', requestBody: meeting({ summary: 'c', extendedProperties: { shared: { sbId: '1' } } }) });
    const byId = await calendar.events.list({ calendarId: 'primary', privateExtendedProperty: ['sbId=1'] });
    expect(byId.data.items!.map((e) => e.summary)).toEqual(['a']);
    const both = await calendar.events.list({ calendarId: 'primary', privateExtendedProperty: ['tenant=t1', 'sbId=2'] });
    expect(both.data.items!.map((e) => e.summary)).toEqual(['b']);
  });

  it('filters by timeMin/timeMax (end after timeMin, start before timeMax) and rejects an empty range', async () => {
    await calendar.events.insert({ calendarId: 'primary', requestBody: meeting({ summary: 'early' }) });
    await calendar.events.insert({ calendarId: 'primary', requestBody: meeting({ summary: 'late', start: { dateTime: '2025-03-10T15:00:00Z' }, end: { dateTime: '2025-03-10T16:00:00Z' } }) });
    const list = await calendar.events.list({ calendarId: 'primary', timeMin: '2025-03-10T10:00:00Z', timeMax: '2025-03-10T15:30:00Z' });
    expect(list.data.items!.map((e) => e.summary)).toEqual(['late']);
    const empty = await rejection(calendar.events.list({ calendarId: 'primary', timeMin: '2025-03-10T10:00:00Z', timeMax: '2025-03-10T09:00:00Z' }));
    expect(reasonOf(empty)).toBe('timeRangeEmpty');
    const ordering = await rejection(calendar.events.list({ calendarId: 'primary', orderBy: 'startTime' }));
    expect(ordering.status).toBe(400);
  });

  it('formats dateTimes in the requested timeZone', async () => {
    await calendar.events.insert({ calendarId: 'primary', requestBody: meeting() });
    const list = await calendar.events.list({ calendarId: 'primary', timeZone: 'America/New_York' });
    expect(list.data.items![0].start!.dateTime).toBe('2025-03-10T05:00:00-04:00');
    expect(list.data.timeZone).toBe('Europe/Berlin');
  });
});
