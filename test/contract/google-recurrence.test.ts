/**
 * Contract: recurring events of the Google simulator: expansion, instances, EXDATE, exceptions, cancelled instances.
 * https://developers.google.com/calendar/api/guides/recurringevents
 */
import type { calendar_v3 } from 'googleapis';
import type { GoogleSimulator } from '../fakes/google/google-simulator';
import { useConnectedCalendar } from '../fakes/google/test-harness';

const ALICE = 'alice@example.com';

const fixture = useConnectedCalendar('recurrence-test', { email: ALICE, timeZone: 'Europe/Berlin' });
let sim: GoogleSimulator;
let calendar: calendar_v3.Calendar;

beforeEach(() => {
  ({ sim, calendar } = fixture);
});

/** Mondays and Wednesdays 09:00 Berlin time, across the 2025-03-30 DST change. */
async function insertWeekly(recurrence: string[]): Promise<calendar_v3.Schema$Event> {
  const { data } = await calendar.events.insert({
    calendarId: 'primary',
    requestBody: {
      summary: 'Standup',
      start: { dateTime: '2025-03-24T09:00:00', timeZone: 'Europe/Berlin' },
      end: { dateTime: '2025-03-24T09:15:00', timeZone: 'Europe/Berlin' },
      recurrence,
    },
  });
  return data;
}

const listSingle = (extra: calendar_v3.Params$Resource$Events$List = {}) =>
  calendar.events.list({ calendarId: 'primary', singleEvents: true, orderBy: 'startTime', ...extra }).then((r) => r.data.items!);

describe('expansion', () => {
  it('expands a series with singleEvents into instances keeping the local time across DST', async () => {
    const master = await insertWeekly(['RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=4']);
    const items = await listSingle();
    expect(items.map((i) => i.id)).toEqual([
      `${master.id}_20250324T080000Z`, `${master.id}_20250326T080000Z`, `${master.id}_20250331T070000Z`, `${master.id}_20250402T070000Z`,
    ]);
    expect(items.map((i) => i.start!.dateTime)).toEqual([
      '2025-03-24T09:00:00+01:00', '2025-03-26T09:00:00+01:00', '2025-03-31T09:00:00+02:00', '2025-04-02T09:00:00+02:00',
    ]);
    expect(items[2]).toMatchObject({
      recurringEventId: master.id,
      originalStartTime: { dateTime: '2025-03-31T09:00:00+02:00', timeZone: 'Europe/Berlin' },
      iCalUID: master.iCalUID,
      end: { dateTime: '2025-03-31T09:15:00+02:00' },
    });
    expect(items[0].recurrence).toBeUndefined();
    const collapsed = (await calendar.events.list({ calendarId: 'primary' })).data.items!;
    expect(collapsed.map((e) => [e.id, e.recurrence])).toEqual([[master.id, ['RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=4']]]);
  });

  it('serves events.instances with a time window, and get of a single instance id', async () => {
    const master = await insertWeekly(['RRULE:FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20250409T235959Z']);
    const all = (await calendar.events.instances({ calendarId: 'primary', eventId: master.id! })).data.items!;
    expect(all).toHaveLength(6);
    const windowed = (await calendar.events.instances({
      calendarId: 'primary', eventId: master.id!, timeMin: '2025-03-30T00:00:00Z', timeMax: '2025-04-03T00:00:00Z',
    })).data.items!;
    expect(windowed.map((i) => i.originalStartTime!.dateTime)).toEqual(['2025-03-31T09:00:00+02:00', '2025-04-02T09:00:00+02:00']);
    const one = (await calendar.events.get({ calendarId: 'primary', eventId: `${master.id}_20250326T080000Z` })).data;
    expect(one).toMatchObject({ recurringEventId: master.id, summary: 'Standup', status: 'confirmed' });
    await expect(calendar.events.get({ calendarId: 'primary', eventId: `${master.id}_20250325T080000Z` })).rejects.toMatchObject({ status: 404 });
  });

  it('leaves out EXDATE occurrences', async () => {
    await insertWeekly(['RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=4', 'EXDATE;TZID=Europe/Berlin:20250326T090000']);
    const items = await listSingle();
    expect(items.map((i) => i.start!.dateTime)).toEqual(['2025-03-24T09:00:00+01:00', '2025-03-31T09:00:00+02:00', '2025-04-02T09:00:00+02:00']);
  });

  it('expands all-day and monthly series with {base}_{YYYYMMDD} ids', async () => {
    const { data: master } = await calendar.events.insert({
      calendarId: 'primary',
      requestBody: { summary: 'Payroll', start: { date: '2025-01-31' }, end: { date: '2025-02-01' }, recurrence: ['RRULE:FREQ=MONTHLY;BYDAY=-1FR;COUNT=3'] },
    });
    const items = await listSingle();
    expect(items.map((i) => [i.id, i.start!.date, i.end!.date])).toEqual([
      [`${master.id}_20250131`, '2025-01-31', '2025-02-01'],
      [`${master.id}_20250228`, '2025-02-28', '2025-03-01'],
      [`${master.id}_20250328`, '2025-03-28', '2025-03-29'],
    ]);
    expect(items[1].originalStartTime).toEqual({ date: '2025-02-28' });
  });
});

describe('exceptions', () => {
  it('turns a patched instance into an exception that replaces the occurrence', async () => {
    const master = await insertWeekly(['RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=4']);
    const instanceId = `${master.id}_20250326T080000Z`;
    const patched = (await calendar.events.patch({
      calendarId: 'primary', eventId: instanceId,
      requestBody: { summary: 'Standup (moved)', start: { dateTime: '2025-03-26T11:00:00+01:00' }, end: { dateTime: '2025-03-26T11:15:00+01:00' } },
    })).data;
    expect(patched).toMatchObject({
      id: instanceId, recurringEventId: master.id, originalStartTime: { dateTime: '2025-03-26T09:00:00+01:00' }, summary: 'Standup (moved)',
    });
    const items = await listSingle();
    expect(items.map((i) => [i.id, i.summary, i.start!.dateTime])[1]).toEqual([instanceId, 'Standup (moved)', '2025-03-26T11:00:00+01:00']);
    expect(items).toHaveLength(4);
    const collapsed = (await calendar.events.list({ calendarId: 'primary' })).data.items!;
    expect(collapsed.map((e) => e.id)).toEqual([master.id, instanceId]);
  });

  it('deletes one instance as a cancelled exception: hidden, shown with showDeleted, and sent in incremental sync', async () => {
    const master = await insertWeekly(['RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=4']);
    const token = (await calendar.events.list({ calendarId: 'primary' })).data.nextSyncToken!;
    const instanceId = `${master.id}_20250331T070000Z`;
    await calendar.events.delete({ calendarId: 'primary', eventId: instanceId });

    expect((await listSingle()).map((i) => i.id)).not.toContain(instanceId);
    const withDeleted = await listSingle({ showDeleted: true });
    expect(withDeleted.find((i) => i.id === instanceId)).toMatchObject({ status: 'cancelled', recurringEventId: master.id });
    const delta = (await calendar.events.list({ calendarId: 'primary', syncToken: token })).data.items!;
    expect(delta).toEqual([{
      kind: 'calendar#event', etag: expect.any(String), id: instanceId, status: 'cancelled', recurringEventId: master.id,
      originalStartTime: { dateTime: '2025-03-31T09:00:00+02:00', timeZone: 'Europe/Berlin' },
    }]);
    const instances = (await calendar.events.instances({ calendarId: 'primary', eventId: master.id! })).data.items!;
    expect(instances).toHaveLength(3);
  });

  it('returns the instances of a changed series in incremental sync with singleEvents', async () => {
    const master = await insertWeekly(['RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=4']);
    const token = (await calendar.events.list({ calendarId: 'primary', singleEvents: true })).data.nextSyncToken!;
    sim.control.updateEventAsProvider(ALICE, master.id!, { summary: 'Daily sync' });
    const delta = (await calendar.events.list({ calendarId: 'primary', singleEvents: true, syncToken: token })).data.items!;
    expect(delta.map((i) => [i.recurringEventId, i.summary])).toEqual(Array(4).fill([master.id, 'Daily sync']));
    sim.control.deleteEventAsProvider(ALICE, master.id!);
    const next = (await calendar.events.list({ calendarId: 'primary', singleEvents: true, syncToken: token })).data.items!;
    expect(next.map((i) => i.status)).toEqual(Array(4).fill('cancelled'));
  });

  it('cancels the whole series, exceptions included, when the master is deleted', async () => {
    const master = await insertWeekly(['RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=4']);
    await calendar.events.patch({ calendarId: 'primary', eventId: `${master.id}_20250324T080000Z`, requestBody: { summary: 'special' } });
    await calendar.events.delete({ calendarId: 'primary', eventId: master.id! });
    expect(await listSingle()).toEqual([]);
    const stored = sim.control.events(ALICE);
    expect(stored.map((e) => e.status)).toEqual(['cancelled', 'cancelled']);
  });
});
