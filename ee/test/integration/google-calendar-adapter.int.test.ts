/**
 * GoogleCalendarAdapter against the Google simulator: tokens come from the simulator's OAuth consent + code
 * exchange, provider-side changes from its control API, webhooks land on a loopback receiver.
 */
import type { EventInput } from '../../src/calendar/adapters/calendar-adapter';
import { GoogleCalendarAdapter } from '../../src/calendar/adapters/google-calendar.adapter';
import {
  PreconditionFailedError,
  ProviderAuthError,
  ProviderRateLimitedError,
  ProviderUnavailableError,
} from '../../src/calendar/adapters/provider-errors';
import { startGoogleSimulator, type GoogleSimulator } from '../../../test/fakes/google/google-simulator';
import { connectUser, type TestApp } from '../../../test/fakes/google/test-harness';
import { startReceiver, type Receiver } from '../../../test/fakes/microsoft/test-kit';

const APP: TestApp = { clientId: 'adapter-test', clientSecret: 'secret', redirectUri: 'http://127.0.0.1/cb' };
const ALICE = 'alice@example.com';
const EVENTS = `/calendar/v3/calendars/${encodeURIComponent(ALICE)}/events`;

let sim: GoogleSimulator;
let adapter: GoogleCalendarAdapter;
let token: string;
let receiver: Receiver | undefined;

/** Wide enough for the fixed 2025 dates below; the default window is the subject of its own test. */
const WIDE_WINDOW = { pastDays: 3650, futureDays: 3650 };

function adapterFor(overrides: Partial<ConstructorParameters<typeof GoogleCalendarAdapter>[0]> = {}): GoogleCalendarAdapter {
  return new GoogleCalendarAdapter({ apiRootUrl: sim.apiRootUrl, accessToken: async () => token, fetchImplementation: fetch, syncWindow: WIDE_WINDOW, ...overrides });
}

const input = (entry: string, overrides: Partial<EventInput> = {}): EventInput => ({
  title: `Entry ${entry}`, notes: 'from Switchboard', switchboardEntryId: entry, idempotencyKey: `create:${entry}`, recurrence: null,
  start: { dateTime: '2025-03-10T09:00:00.000Z', timeZone: 'Europe/Berlin' }, end: { dateTime: '2025-03-10T10:00:00.000Z', timeZone: 'Europe/Berlin' },
  ...overrides,
});

const seed = (summary: string, day: number) => sim.control.seedEvent(ALICE, {
  summary, start: { dateTime: `2025-03-${day}T09:00:00Z` }, end: { dateTime: `2025-03-${day}T10:00:00Z` },
});

beforeAll(async () => {
  sim = await startGoogleSimulator({ notificationRetryDelaysMs: [20, 40, 80] });
});
afterAll(() => sim.close());
beforeEach(async () => {
  sim.control.reset();
  sim.control.registerClient(APP);
  sim.control.createUser({ email: ALICE, timeZone: 'Europe/Berlin' });
  token = (await connectUser(sim, APP, ALICE)).tokens.access_token!;
  adapter = adapterFor();
});
afterEach(async () => {
  await sim.control.flushNotifications();
  await receiver?.close();
  receiver = undefined;
});

describe('calendars and changes', () => {
  it('lists calendars across pages with primary, zone and edit rights', async () => {
    const team = sim.control.createCalendar(ALICE, { summary: 'Team', timeZone: 'America/New_York' });
    const calendars = await adapter.listCalendars();
    expect(calendars).toEqual(expect.arrayContaining([
      { id: ALICE, name: ALICE, primary: true, timeZone: 'Europe/Berlin', canEdit: true },
      { id: team.id, name: 'Team', primary: false, timeZone: 'America/New_York', canEdit: true },
    ]));
  });

  it('lists everything first, then only changes with deletions as deletedIds', async () => {
    const kept = seed('kept', 11);
    const changed = seed('changed', 12);
    const removed = seed('removed', 13);
    const full = await adapter.listChanges(ALICE, null);
    expect(full.upserted.map((e) => e.title).sort()).toEqual(['changed', 'kept', 'removed']);
    expect([full.deletedIds, full.fullResync]).toEqual([[], false]);

    sim.control.updateEventAsProvider(ALICE, changed.id!, { summary: 'changed at Google' });
    sim.control.deleteEventAsProvider(ALICE, removed.id!);
    const added = seed('added', 14);
    sim.control.clearRequestLog();
    const delta = await adapter.listChanges(ALICE, full.nextCursor);
    expect(sim.control.requestLog().map((r) => Object.keys(r.query).sort())).toEqual([['maxResults', 'syncToken']]);
    expect(delta.upserted.map((e) => [e.id, e.title]).sort()).toEqual([[added.id, 'added'], [changed.id, 'changed at Google']].sort());
    expect(delta.deletedIds).toEqual([removed.id]);
    expect(delta.upserted.some((e) => e.id === kept.id)).toBe(false);
    expect((await adapter.listChanges(ALICE, delta.nextCursor)).upserted).toEqual([]);
  });

  it('follows every page of a listing', async () => {
    for (let day = 10; day < 15; day += 1) seed(`e${day}`, day);
    expect((await adapterFor({ pageSize: 2 }).listChanges(ALICE, null)).upserted).toHaveLength(5);
    const lists = sim.control.requestLog().filter((r) => r.path === EVENTS);
    expect(lists.map((r) => [r.query.singleEvents, r.query.showDeleted, r.query.maxResults])).toEqual(Array(3).fill(['false', 'false', '2']));
  });

  it('resumes a round from a saved page in another adapter, and a full listing covers only its window', async () => {
    for (let day = 10; day < 15; day += 1) seed(`e${day}`, day);
    const first = await adapterFor({ pageSize: 2 }).listChangesPage(ALICE, { cursor: null, page: null });
    expect(first).toMatchObject({ startsRound: true, fullListing: true, fullResync: false, nextCursor: null });
    expect(first.upserted).toHaveLength(2);
    // As a worker that took over would: a new adapter, only the saved position.
    const titles = first.upserted.map((e) => e.title);
    let page = first;
    while (page.nextPage) {
      page = await adapterFor({ pageSize: 2 }).listChangesPage(ALICE, { cursor: null, page: page.nextPage });
      expect(page.startsRound).toBe(false);
      titles.push(...page.upserted.map((e) => e.title));
    }
    expect(titles.sort()).toEqual(['e10', 'e11', 'e12', 'e13', 'e14']);
    expect(page.nextCursor).toEqual(expect.any(String));

    const windowed = await adapterFor({ syncWindow: undefined }).listChangesPage(ALICE, { cursor: null, page: null });
    expect(windowed.upserted).toEqual([]);
    expect(windowed.window!.end.getTime() - windowed.window!.start.getTime()).toBe(395 * 86_400_000);
    const listed = sim.control.requestLog().filter((r) => r.path === EVENTS).at(-1)!;
    expect([listed.query.timeMin, listed.query.timeMax]).toEqual([windowed.window!.start.toISOString(), windowed.window!.end.toISOString()]);
  });

  it('answers a stale sync token with a full listing flagged fullResync', async () => {
    seed('one', 11);
    const { nextCursor } = await adapter.listChanges(ALICE, null);
    seed('two', 12);
    sim.control.invalidateSyncTokens(ALICE);
    const resync = await adapter.listChanges(ALICE, nextCursor);
    expect(resync.fullResync).toBe(true);
    expect(resync.upserted.map((e) => e.title).sort()).toEqual(['one', 'two']);
    expect(resync.nextCursor).not.toBe(nextCursor);
    expect((await adapter.listChanges(ALICE, resync.nextCursor)).fullResync).toBe(false);
  });
});

describe('writes', () => {
  it('creates idempotently: the same key twice gives one event, carrying our entry id', async () => {
    const first = await adapter.createEvent(ALICE, input('sb-1'));
    const second = await adapter.createEvent(ALICE, input('sb-1'));
    expect(second.id).toBe(first.id);
    expect(sim.control.events(ALICE)).toHaveLength(1);
    expect(first).toMatchObject({ switchboardEntryId: 'sb-1', title: 'Entry sb-1', status: 'confirmed' });
    expect((await adapter.getEvent(ALICE, first.id))?.switchboardEntryId).toBe('sb-1');
  });

  it('brings a deleted event back when its entry is created again', async () => {
    const created = await adapter.createEvent(ALICE, input('sb-2'));
    await adapter.deleteEvent(ALICE, created.id);
    const again = await adapter.createEvent(ALICE, input('sb-2'));
    expect([again.id, again.status]).toEqual([created.id, 'confirmed']);
  });

  it('updates conditionally: a stale version is refused, the current one applies', async () => {
    const created = await adapter.createEvent(ALICE, input('sb-3'));
    sim.control.updateEventAsProvider(ALICE, created.id, { summary: 'edited at Google' });
    await expect(adapter.updateEvent(ALICE, created.id, input('sb-3', { title: 'lost' }), created.version!)).rejects.toBeInstanceOf(PreconditionFailedError);
    const current = await adapter.getEvent(ALICE, created.id);
    const updated = await adapter.updateEvent(ALICE, created.id, input('sb-3', { title: 'ours' }), current!.version!);
    expect(updated.title).toBe('ours');
    expect(updated.version).not.toBe(current!.version);
  });

  it('deletes idempotently and reports a missing event as null', async () => {
    const created = await adapter.createEvent(ALICE, input('sb-4'));
    await adapter.deleteEvent(ALICE, created.id);
    await expect(adapter.deleteEvent(ALICE, created.id)).resolves.toBeUndefined();
    await expect(adapter.deleteEvent(ALICE, 'neverexisted1')).resolves.toBeUndefined();
    expect(await adapter.getEvent(ALICE, 'neverexisted1')).toBeNull();
  });

  it('round-trips all-day events as dates and timed events as UTC instants with their zone', async () => {
    const allDay = await adapter.createEvent(ALICE, input('sb-5', { start: { date: '2025-12-24' }, end: { date: '2025-12-26' } }));
    expect([allDay.start, allDay.end]).toEqual([{ date: '2025-12-24' }, { date: '2025-12-26' }]);
    const timed = await adapter.getEvent(ALICE, (await adapter.createEvent(ALICE, input('sb-6'))).id);
    expect(timed?.start).toEqual({ dateTime: '2025-03-10T09:00:00.000Z', timeZone: 'Europe/Berlin' });
    const switched = await adapter.updateEvent(ALICE, allDay.id, input('sb-5'));
    expect(switched.start).toEqual({ dateTime: '2025-03-10T09:00:00.000Z', timeZone: 'Europe/Berlin' });
  });

  it('round-trips a recurring series and reports a cancelled occurrence as a cancelled exception', async () => {
    const series = await adapter.createEvent(ALICE, input('sb-7', { recurrence: ['RRULE:FREQ=DAILY;COUNT=3'] }));
    const full = await adapter.listChanges(ALICE, null);
    expect(full.upserted).toEqual([expect.objectContaining({ id: series.id, recurrence: ['RRULE:FREQ=DAILY;COUNT=3'], seriesId: null })]);
    const moved = await adapter.updateEvent(ALICE, `${series.id}_20250312T090000Z`, input('sb-7', {
      title: 'moved', start: { dateTime: '2025-03-12T11:00:00.000Z', timeZone: 'UTC' }, end: { dateTime: '2025-03-12T12:00:00.000Z', timeZone: 'UTC' },
    }));
    expect(moved).toMatchObject({ seriesId: series.id, title: 'moved', recurrence: null, originalStart: '2025-03-12T09:00:00.000Z' });
    sim.control.deleteEventAsProvider(ALICE, `${series.id}_20250311T090000Z`);
    const delta = await adapter.listChanges(ALICE, full.nextCursor);
    expect(delta.deletedIds).toEqual([]);
    expect(delta.upserted).toEqual(expect.arrayContaining([expect.objectContaining({
      id: `${series.id}_20250311T090000Z`, status: 'cancelled', seriesId: series.id, originalStart: '2025-03-11T09:00:00.000Z',
    })]));
  });
});

describe('failures', () => {
  it('turns 429 and 403 rate limits into ProviderRateLimitedError with the advised delay', async () => {
    sim.control.injectFault({ match: { pathPrefix: EVENTS }, status: 429, retryAfterSeconds: 7, times: 1 });
    await expect(adapter.listChanges(ALICE, null)).rejects.toMatchObject({ name: 'ProviderRateLimitedError', retryAfterMs: 7000 });
    sim.control.injectFault({ status: 403, times: 1 });
    const err = await adapter.listCalendars().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderRateLimitedError);
    expect((err as ProviderRateLimitedError).retryAfterMs).toBe(30_000);
    expect(sim.control.requestLog().filter((r) => r.status >= 400)).toHaveLength(2);
  });

  it('maps 401, 5xx, timeouts and refused connections', async () => {
    sim.control.injectFault({ status: 503, times: 1 });
    await expect(adapter.listCalendars()).rejects.toBeInstanceOf(ProviderUnavailableError);
    sim.control.injectFault({ match: { pathPrefix: EVENTS }, latencyMs: 400, times: 1 });
    await expect(adapterFor({ timeoutMs: 100 }).getEvent(ALICE, 'abcde')).rejects.toBeInstanceOf(ProviderUnavailableError);
    await expect(adapterFor({ apiRootUrl: 'http://127.0.0.1:1/' }).listCalendars()).rejects.toBeInstanceOf(ProviderUnavailableError);
    sim.control.expireAccessTokens();
    await expect(adapter.listCalendars()).rejects.toBeInstanceOf(ProviderAuthError);
  });
});

describe('push channels', () => {
  const states = () => receiver!.requests.map((r) => r.headers['x-goog-resource-state']);

  it('watches (sync ping, then exists on changes), stops, and renews as a new channel', async () => {
    receiver = await startReceiver();
    const request = { address: receiver.url, secret: 'channel-secret', ttlSeconds: 3600 };
    const handle = await adapter.watch(ALICE, request);
    await sim.control.flushNotifications();
    expect(states()).toEqual(['sync']);
    expect(receiver.requests[0].headers).toMatchObject({ 'x-goog-channel-id': handle.id, 'x-goog-channel-token': 'channel-secret', 'x-goog-resource-id': handle.resourceId });
    expect(Math.abs(handle.expiresAt.getTime() - (sim.control.now() + 3600_000))).toBeLessThan(5000);

    seed('ping', 15);
    await sim.control.flushNotifications();
    expect(states()).toEqual(['sync', 'exists']);

    const renewed = await adapter.renew(ALICE, handle, request);
    expect(renewed.id).not.toBe(handle.id);
    await adapter.unwatch(handle);
    await adapter.unwatch(handle);
    await sim.control.flushNotifications();
    receiver.requests.splice(0);
    seed('after stop', 16);
    await sim.control.flushNotifications();
    expect(receiver.requests.map((r) => r.headers['x-goog-channel-id'])).toEqual([renewed.id]);
    await adapter.unwatch(renewed);
  });

  it('caps the requested lifetime at Google\'s 7 days and keeps what Google granted', async () => {
    receiver = await startReceiver();
    const handle = await adapter.watch(ALICE, { address: receiver.url, secret: 's', ttlSeconds: 30 * 86_400 });
    expect(handle.expiresAt.getTime()).toBeLessThanOrEqual(sim.control.now() + 604_800_000);
    expect(sim.control.requestLog().at(-1)).toMatchObject({ path: `${EVENTS}/watch`, status: 200 });
  });
});
