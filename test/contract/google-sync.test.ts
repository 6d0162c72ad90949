/**
 * Contract: paging and incremental sync (syncToken / nextSyncToken / 410) of the Google simulator.
 * https://developers.google.com/calendar/api/guides/sync
 */
import type { calendar_v3 } from 'googleapis';
import type { GoogleSimulator } from '../fakes/google/google-simulator';
import { gaxiosRejection as rejection, useConnectedCalendar } from '../fakes/google/test-harness';

const ALICE = 'alice@example.com';

const fixture = useConnectedCalendar('sync-test', { email: ALICE });
let sim: GoogleSimulator;
let calendar: calendar_v3.Calendar;

beforeEach(() => {
  ({ sim, calendar } = fixture);
});

function seed(summary: string, day = 10): calendar_v3.Schema$Event {
  return sim.control.seedEvent(ALICE, {
    summary,
    start: { dateTime: `2025-03-${day}T09:00:00Z` },
    end: { dateTime: `2025-03-${day}T10:00:00Z` },
  });
}

/** Follows nextPageToken to the end; returns all pages. */
async function allPages(params: calendar_v3.Params$Resource$Events$List): Promise<calendar_v3.Schema$Events[]> {
  const pages: calendar_v3.Schema$Events[] = [];
  let pageToken: string | undefined;
  do {
    const { data } = await calendar.events.list({ ...params, pageToken });
    pages.push(data);
    pageToken = data.nextPageToken ?? undefined;
  } while (pageToken);
  return pages;
}

describe('paging', () => {
  it('returns nextPageToken on every page but the last, and nextSyncToken only on the last', async () => {
    for (let i = 1; i <= 5; i++) seed(`e${i}`, 10 + i);
    const pages = await allPages({ calendarId: 'primary', maxResults: 2 });
    expect(pages.map((p) => p.items!.length)).toEqual([2, 2, 1]);
    expect(pages.map((p) => [!!p.nextPageToken, !!p.nextSyncToken])).toEqual([[true, false], [true, false], [false, true]]);
    expect(pages.flatMap((p) => p.items!.map((e) => e.summary))).toEqual(['e1', 'e2', 'e3', 'e4', 'e5']);
  });

  it('keeps a paged listing consistent while events change, and reports the change in the next sync', async () => {
    for (let i = 1; i <= 3; i++) seed(`e${i}`, 10 + i);
    const first = (await calendar.events.list({ calendarId: 'primary', maxResults: 2 })).data;
    const added = seed('added-during-paging', 20);
    const last = (await calendar.events.list({ calendarId: 'primary', maxResults: 2, pageToken: first.nextPageToken! })).data;
    expect(last.items!.map((e) => e.summary)).toEqual(['e3']);
    const next = (await calendar.events.list({ calendarId: 'primary', syncToken: last.nextSyncToken! })).data;
    expect(next.items!.map((e) => e.id)).toEqual([added.id]);
  });

  it('rejects a page token used with a different query', async () => {
    for (let i = 1; i <= 3; i++) seed(`e${i}`, 10 + i);
    const first = (await calendar.events.list({ calendarId: 'primary', maxResults: 2 })).data;
    const err = await rejection(calendar.events.list({ calendarId: 'primary', maxResults: 2, pageToken: first.nextPageToken!, q: 'e' }));
    expect(err.status).toBe(400);
  });
});

describe('incremental sync', () => {
  it('returns only changes since the token, with deleted events as cancelled regardless of showDeleted', async () => {
    const kept = seed('kept');
    const changed = seed('to change', 11);
    const removed = seed('to delete', 12);
    const full = (await calendar.events.list({ calendarId: 'primary' })).data;
    expect(full.items).toHaveLength(3);

    const created = (await calendar.events.insert({ calendarId: 'primary', requestBody: { summary: 'new', start: { date: '2025-05-01' }, end: { date: '2025-05-02' } } })).data;
    sim.control.updateEventAsProvider(ALICE, changed.id!, { summary: 'changed at Google' });
    await calendar.events.delete({ calendarId: 'primary', eventId: removed.id! });

    const delta = (await calendar.events.list({ calendarId: 'primary', syncToken: full.nextSyncToken!, showDeleted: false })).data;
    const byId = new Map(delta.items!.map((e) => [e.id, e]));
    expect([...byId.keys()].sort()).toEqual([created.id, changed.id, removed.id].sort());
    expect(byId.has(kept.id)).toBe(false);
    expect(byId.get(changed.id)!.summary).toBe('changed at Google');
    expect(byId.get(removed.id)!.status).toBe('cancelled');
    expect(delta.nextSyncToken).toBeTruthy();
    expect(delta.nextSyncToken).not.toBe(full.nextSyncToken);

    const quiet = (await calendar.events.list({ calendarId: 'primary', syncToken: delta.nextSyncToken! })).data;
    expect(quiet.items).toEqual([]);
    expect(quiet.nextSyncToken).toBeTruthy();
  });

  it('pages incremental results and puts nextSyncToken on the last page only', async () => {
    const full = (await calendar.events.list({ calendarId: 'primary' })).data;
    for (let i = 1; i <= 3; i++) seed(`e${i}`, 10 + i);
    const pages = await allPages({ calendarId: 'primary', syncToken: full.nextSyncToken!, maxResults: 2 });
    expect(pages.map((p) => [p.items!.length, !!p.nextPageToken, !!p.nextSyncToken])).toEqual([[2, true, false], [1, false, true]]);
  });

  it('answers 410 fullSyncRequired once tokens are invalidated (and for unknown tokens)', async () => {
    seed('x');
    const token = (await calendar.events.list({ calendarId: 'primary' })).data.nextSyncToken!;
    sim.control.invalidateSyncTokens(ALICE);
    const err = await rejection(calendar.events.list({ calendarId: 'primary', syncToken: token }));
    expect(err.status).toBe(410);
    expect(err.response!.data).toMatchObject({
      error: { code: 410, message: 'Sync token is no longer valid, a full sync is required.', errors: [{ domain: 'calendar', reason: 'fullSyncRequired' }] },
    });
    expect((await rejection(calendar.events.list({ calendarId: 'primary', syncToken: `1${token}` }))).status).toBe(410);
    const fresh = (await calendar.events.list({ calendarId: 'primary' })).data.nextSyncToken!;
    expect((await calendar.events.list({ calendarId: 'primary', syncToken: fresh })).status).toBe(200);
  });

  it.each([
    ['timeMin', { timeMin: '2025-01-01T00:00:00Z' }],
    ['timeMax', { timeMax: '2025-01-01T00:00:00Z' }],
    ['orderBy', { orderBy: 'updated' }],
    ['q', { q: 'x' }],
    ['updatedMin', { updatedMin: '2025-01-01T00:00:00Z' }],
    ['iCalUID', { iCalUID: 'x@google.com' }],
    ['privateExtendedProperty', { privateExtendedProperty: ['a=b'] }],
  ])('answers 400 when syncToken is combined with %s', async (_name, extra) => {
    const token = (await calendar.events.list({ calendarId: 'primary' })).data.nextSyncToken!;
    const err = await rejection(calendar.events.list({ calendarId: 'primary', syncToken: token, ...extra }));
    expect(err.status).toBe(400);
  });

  it('lists events updated since updatedMin, deleted ones included', async () => {
    const old = seed('old');
    sim.control.advanceClock(600);
    const since = new Date(sim.control.now()).toISOString();
    const fresh = seed('fresh', 11);
    sim.control.deleteEventAsProvider(ALICE, old.id!);
    const list = (await calendar.events.list({ calendarId: 'primary', updatedMin: since })).data.items!;
    expect(list.map((e) => [e.id, e.status]).sort()).toEqual([[fresh.id, 'confirmed'], [old.id, 'cancelled']].sort());
  });
});
