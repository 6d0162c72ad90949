/**
 * Contract: which cancelled events a full listing (no syncToken) returns, cell by cell of the showDeleted ×
 * singleEvents matrix, and events.instances with showDeleted.
 * https://developers.google.com/calendar/api/v3/reference/events/list (showDeleted): "Cancelled instances of
 * recurring events (but not the underlying recurring event) will still be included if showDeleted and singleEvents
 * are both False. If showDeleted and singleEvents are both True, only single instances of deleted events (but not
 * the underlying recurring events) are returned."
 */
import type { calendar_v3 } from 'googleapis';
import { useConnectedCalendar } from '../fakes/google/test-harness';

const ALICE = 'alice@example.com';
const TZ = 'Europe/Berlin';

const fixture = useConnectedCalendar('show-deleted-test', { email: ALICE, timeZone: TZ });
let calendar: calendar_v3.Calendar;

interface Seeded {
  live: string;
  deletedSingle: string;
  series: string;
  moved: string;
  cancelled: string;
  deletedSeries: string;
  /** An exception of the deleted series: cancelled with it, so a deleted event rather than a cancelled instance. */
  deletedException: string;
}

const at = (day: string, time: string) => ({ dateTime: `2025-03-${day}T${time}:00`, timeZone: TZ });

async function insert(body: calendar_v3.Schema$Event): Promise<string> {
  return (await calendar.events.insert({ calendarId: 'primary', requestBody: body })).data.id!;
}

/**
 * One live single event, one deleted single event, a weekly series (4 Mondays from 2025-03-03 09:00 Berlin) with
 * its 2nd instance moved and its 3rd deleted, and a daily series (2 days from 2025-03-20) with its 2nd instance
 * edited, then deleted as a whole.
 */
async function seedCalendar(): Promise<Seeded> {
  const live = await insert({ summary: 'live', start: at('05', '12:00'), end: at('05', '13:00') });
  const deletedSingle = await insert({ summary: 'gone', start: at('06', '12:00'), end: at('06', '13:00') });
  await calendar.events.delete({ calendarId: 'primary', eventId: deletedSingle });
  const series = await insert({ summary: 'weekly', start: at('03', '09:00'), end: at('03', '09:30'), recurrence: ['RRULE:FREQ=WEEKLY;COUNT=4'] });
  const moved = `${series}_20250310T080000Z`;
  await calendar.events.patch({ calendarId: 'primary', eventId: moved, requestBody: { start: at('10', '11:00'), end: at('10', '11:30') } });
  const cancelled = `${series}_20250317T080000Z`;
  await calendar.events.delete({ calendarId: 'primary', eventId: cancelled });
  const deletedSeries = await insert({ summary: 'daily', start: at('20', '08:00'), end: at('20', '08:15'), recurrence: ['RRULE:FREQ=DAILY;COUNT=2'] });
  const deletedException = `${deletedSeries}_20250321T070000Z`;
  await calendar.events.patch({ calendarId: 'primary', eventId: deletedException, requestBody: { summary: 'daily (special)' } });
  await calendar.events.delete({ calendarId: 'primary', eventId: deletedSeries });
  return { live, deletedSingle, series, moved, cancelled, deletedSeries, deletedException };
}

async function listIds(params: { singleEvents: boolean; showDeleted: boolean }): Promise<{ ids: string[]; items: calendar_v3.Schema$Event[] }> {
  const items = (await calendar.events.list({ calendarId: 'primary', ...params })).data.items!;
  return { ids: items.map((e) => e.id!).sort(), items };
}

let seeded: Seeded;

beforeEach(async () => {
  ({ calendar } = fixture);
  seeded = await seedCalendar();
});

describe('events.list without syncToken', () => {
  it('singleEvents=false, showDeleted=false: masters, exceptions and cancelled instances with the minimal body', async () => {
    const { ids, items } = await listIds({ singleEvents: false, showDeleted: false });
    expect(ids).toEqual([seeded.live, seeded.series, seeded.moved, seeded.cancelled].sort());
    expect(items.find((e) => e.id === seeded.cancelled)).toEqual({
      kind: 'calendar#event', etag: expect.any(String), id: seeded.cancelled, status: 'cancelled', recurringEventId: seeded.series,
      originalStartTime: { dateTime: '2025-03-17T09:00:00+01:00', timeZone: TZ },
    });
    expect(items.find((e) => e.id === seeded.moved)).toMatchObject({ status: 'confirmed', start: { dateTime: '2025-03-10T11:00:00+01:00' } });
  });

  it('singleEvents=false, showDeleted=true: also the deleted single event and the deleted series', async () => {
    const { ids, items } = await listIds({ singleEvents: false, showDeleted: true });
    expect(ids).toEqual([
      seeded.live, seeded.deletedSingle, seeded.series, seeded.moved, seeded.cancelled, seeded.deletedSeries, seeded.deletedException,
    ].sort());
    expect(items.find((e) => e.id === seeded.deletedSeries)).toMatchObject({ status: 'cancelled', recurrence: ['RRULE:FREQ=DAILY;COUNT=2'] });
  });

  it('singleEvents=true, showDeleted=false: the live instances only, no cancelled instance', async () => {
    const { ids } = await listIds({ singleEvents: true, showDeleted: false });
    expect(ids).toEqual([seeded.live, `${seeded.series}_20250303T080000Z`, seeded.moved, `${seeded.series}_20250324T080000Z`].sort());
  });

  it('singleEvents=true, showDeleted=true: cancelled instances and deleted events, but no underlying recurring event', async () => {
    const { ids, items } = await listIds({ singleEvents: true, showDeleted: true });
    expect(ids).toEqual([
      seeded.live, seeded.deletedSingle,
      `${seeded.series}_20250303T080000Z`, seeded.moved, seeded.cancelled, `${seeded.series}_20250324T080000Z`,
      `${seeded.deletedSeries}_20250320T070000Z`, seeded.deletedException,
    ].sort());
    expect(items.filter((e) => e.recurringEventId === seeded.deletedSeries).map((e) => e.status)).toEqual(['cancelled', 'cancelled']);
  });
});

describe('events.instances', () => {
  it('leaves the cancelled instance out unless showDeleted=true, then sends it with the minimal body', async () => {
    const plain = (await calendar.events.instances({ calendarId: 'primary', eventId: seeded.series })).data.items!;
    expect(plain.map((e) => e.id)).not.toContain(seeded.cancelled);
    expect(plain).toHaveLength(3);
    const withDeleted = (await calendar.events.instances({ calendarId: 'primary', eventId: seeded.series, showDeleted: true })).data.items!;
    expect(withDeleted.map((e) => e.id)).toEqual([`${seeded.series}_20250303T080000Z`, seeded.moved, seeded.cancelled, `${seeded.series}_20250324T080000Z`]);
    expect(withDeleted[2]).toEqual({
      kind: 'calendar#event', etag: expect.any(String), id: seeded.cancelled, status: 'cancelled', recurringEventId: seeded.series,
      originalStartTime: { dateTime: '2025-03-17T09:00:00+01:00', timeZone: TZ },
    });
  });
});
