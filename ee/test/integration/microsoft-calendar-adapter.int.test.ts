/**
 * MicrosoftCalendarAdapter against the Microsoft simulator: the token comes from MSAL's auth-code flow, provider-side
 * changes from the control API, validation handshakes and notifications land on loopback receivers.
 */
import type { EventInput } from '../../src/calendar/adapters/calendar-adapter';
import { MicrosoftCalendarAdapter } from '../../src/calendar/adapters/microsoft-calendar.adapter';
import { UnsupportedRecurrenceError } from '../../src/calendar/adapters/microsoft-recurrence';
import {
  PreconditionFailedError,
  ProviderAuthError,
  ProviderNotFoundError,
  ProviderRateLimitedError,
  ProviderUnavailableError,
} from '../../src/calendar/adapters/provider-errors';
import { startMicrosoftSimulator, type MicrosoftSimulator } from '../../../test/fakes/microsoft/microsoft-simulator';
import { freshCalendarUser, startReceiver, type Receiver } from '../../../test/fakes/microsoft/test-kit';

const CLIENT_ID = '55555555-aaaa-4bbb-8ccc-000000000005';
const SECRET = 'adapter~secret';
const REDIRECT = 'http://localhost/cb';
const ALICE = 'alice@contoso.test';
const DAY_MS = 86_400_000;

let sim: MicrosoftSimulator;
let token: string;
let adapter: MicrosoftCalendarAdapter;
let calendarId: string;
const receivers: Receiver[] = [];

function adapterFor(overrides: Partial<ConstructorParameters<typeof MicrosoftCalendarAdapter>[0]> = {}): MicrosoftCalendarAdapter {
  return new MicrosoftCalendarAdapter({ graphUrl: sim.graphUrl, accessToken: async () => token, ...overrides });
}

/** A date `days` from now at `hour` UTC, inside the adapter's delta window. */
const soon = (days: number, hour = 9) => new Date(Math.floor(Date.now() / DAY_MS + days) * DAY_MS + hour * 3_600_000);
const isoDate = (date: Date) => date.toISOString().slice(0, 10);

const input = (entry: string, overrides: Partial<EventInput> = {}): EventInput => ({
  title: `Entry ${entry}`, notes: 'from Switchboard', switchboardEntryId: entry, idempotencyKey: `create:${entry}`, recurrence: null,
  start: { dateTime: soon(3).toISOString(), timeZone: 'Europe/Berlin' }, end: { dateTime: soon(3, 10).toISOString(), timeZone: 'Europe/Berlin' },
  ...overrides,
});

const seed = (subject: string, days: number) => sim.control.seedEvent(ALICE, null, {
  subject, start: { dateTime: soon(days).toISOString().slice(0, 19), timeZone: 'UTC' }, end: { dateTime: soon(days, 10).toISOString().slice(0, 19), timeZone: 'UTC' },
}) as { id: string };

async function receiver(): Promise<Receiver> {
  const r = await startReceiver();
  receivers.push(r);
  return r;
}

beforeAll(async () => {
  sim = await startMicrosoftSimulator({ notifier: { retryDelaysMs: [20, 20], batchWindowMs: 10 } });
});
afterAll(() => sim.close());
beforeEach(async () => {
  const accessToken = await freshCalendarUser(sim, { clientId: CLIENT_ID, clientSecret: SECRET, redirectUri: REDIRECT }, ALICE);
  token = accessToken;
  adapter = adapterFor({ pageSize: 2 });
  calendarId = (await adapter.listCalendars()).find((c) => c.primary)!.id;
});
afterEach(async () => {
  await sim.control.flushNotifications();
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

describe('calendars and changes', () => {
  it('lists calendars with the default one as primary', async () => {
    const team = sim.control.createCalendar(ALICE, { name: 'Team' });
    const calendars = await adapter.listCalendars();
    expect(calendars).toEqual([
      { id: calendarId, name: expect.any(String), primary: true, timeZone: null, canEdit: true },
      { id: team.id, name: 'Team', primary: false, timeZone: null, canEdit: true },
    ]);
  });

  it('lists the window across pages, then only changes with removals as deletedIds', async () => {
    const [kept, changed, removed] = [seed('kept', 1), seed('changed', 2), seed('removed', 3)];
    const full = await adapter.listChanges(calendarId, null);
    expect(full.upserted.map((e) => e.title)).toEqual(['kept', 'changed', 'removed']);
    expect([full.deletedIds, full.fullResync]).toEqual([[], false]);
    expect(full.nextCursor).toContain('$deltatoken=');
    const pages = sim.control.requestLog().filter((r) => r.path.endsWith('/calendarView/delta'));
    expect(pages).toHaveLength(2);
    expect(pages.every((r) => /odata\.maxpagesize=2/.test(String(r.headers.prefer)) && /outlook\.timezone="UTC"/.test(String(r.headers.prefer)))).toBe(true);
    expect(pages[0].path).toBe(`/v1.0/me/calendars/${calendarId}/calendarView/delta`);

    sim.control.updateEventAsProvider(ALICE, changed.id, { subject: 'changed in Outlook' });
    sim.control.deleteEventAsProvider(ALICE, removed.id);
    const added = seed('added', 4);
    const delta = await adapter.listChanges(calendarId, full.nextCursor);
    expect(delta.upserted.map((e) => [e.id, e.title]).sort()).toEqual([[added.id, 'added'], [changed.id, 'changed in Outlook']].sort());
    expect(delta.deletedIds).toEqual([removed.id]);
    expect(delta.upserted.some((e) => e.id === kept.id)).toBe(false);
    expect((await adapter.listChanges(calendarId, delta.nextCursor)).upserted).toEqual([]);
  });

  it('resumes a round from a saved nextLink in another adapter, over the default window', async () => {
    for (let day = 1; day <= 5; day += 1) seed(`e${day}`, day);
    sim.control.seedEvent(ALICE, null, {
      subject: 'before the window', start: { dateTime: soon(-40).toISOString().slice(0, 19), timeZone: 'UTC' },
      end: { dateTime: soon(-40, 10).toISOString().slice(0, 19), timeZone: 'UTC' },
    }) as { id: string };
    const first = await adapter.listChangesPage(calendarId, { cursor: null, page: null });
    expect(first).toMatchObject({ startsRound: true, fullListing: true, fullResync: false, nextCursor: null });
    expect(first.window!.end.getTime() - first.window!.start.getTime()).toBe(395 * DAY_MS);
    const titles = first.upserted.map((e) => e.title);
    let page = first;
    while (page.nextPage) {
      page = await adapterFor({ pageSize: 2 }).listChangesPage(calendarId, { cursor: null, page: page.nextPage });
      expect(page.startsRound).toBe(false);
      titles.push(...page.upserted.map((e) => e.title));
    }
    expect(titles).toEqual(['e1', 'e2', 'e3', 'e4', 'e5']);
    expect(page.nextCursor).toContain('$deltatoken=');
  });

  it('answers an expired delta token with a full listing flagged fullResync', async () => {
    seed('one', 1);
    const { nextCursor } = await adapter.listChanges(calendarId, null);
    seed('two', 2);
    sim.control.expireDeltaTokens(ALICE);
    const resync = await adapter.listChanges(calendarId, nextCursor);
    expect(resync.fullResync).toBe(true);
    expect(resync.upserted.map((e) => e.title)).toEqual(['one', 'two']);
    expect((await adapter.listChanges(calendarId, resync.nextCursor)).fullResync).toBe(false);
  });
});

describe('writes', () => {
  it('creates idempotently through transactionId and stores our entry id in an extended property', async () => {
    const first = await adapter.createEvent(calendarId, input('sb-1'));
    const second = await adapter.createEvent(calendarId, input('sb-1'));
    expect(second.id).toBe(first.id);
    expect(sim.control.events(ALICE)).toHaveLength(1);
    const read = await adapter.getEvent(calendarId, first.id);
    expect(read).toMatchObject({ switchboardEntryId: 'sb-1', title: 'Entry sb-1', notes: 'from Switchboard', status: 'confirmed' });
    expect(read?.start).toEqual({ dateTime: soon(3).toISOString(), timeZone: 'Europe/Berlin' });
  });

  it('updates conditionally on the changeKey: stale refused, current applied', async () => {
    const created = await adapter.createEvent(calendarId, input('sb-2'));
    sim.control.updateEventAsProvider(ALICE, created.id, { subject: 'edited in Outlook' });
    await expect(adapter.updateEvent(calendarId, created.id, input('sb-2', { title: 'lost' }), created.version!)).rejects.toBeInstanceOf(PreconditionFailedError);
    const current = await adapter.getEvent(calendarId, created.id);
    const updated = await adapter.updateEvent(calendarId, created.id, input('sb-2', { title: 'ours' }), current!.version!);
    expect([updated.title, updated.switchboardEntryId]).toEqual(['ours', 'sb-2']);
    expect(updated.version).not.toBe(current!.version);
  });

  it('deletes idempotently and reports a missing event as null', async () => {
    const created = await adapter.createEvent(calendarId, input('sb-3'));
    await adapter.deleteEvent(calendarId, created.id);
    await expect(adapter.deleteEvent(calendarId, created.id)).resolves.toBeUndefined();
    expect(await adapter.getEvent(calendarId, created.id)).toBeNull();
  });

  it('round-trips all-day events as dates, in delta and on read', async () => {
    const day = isoDate(soon(5));
    const next = isoDate(soon(6));
    const created = await adapter.createEvent(calendarId, input('sb-4', { start: { date: day }, end: { date: next } }));
    expect([created.start, created.end]).toEqual([{ date: day }, { date: next }]);
    const { upserted } = await adapter.listChanges(calendarId, null);
    expect(upserted.map((e) => e.start)).toEqual([{ date: day }]);
  });

  it('writes RRULEs as Graph patterns and reads them back; delta lists the occurrences', async () => {
    const start = soon(7, 17);
    const weekly = ['RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=4'];
    const created = await adapter.createEvent(calendarId, input('sb-5', {
      recurrence: weekly, start: { dateTime: start.toISOString(), timeZone: 'America/Los_Angeles' },
      end: { dateTime: new Date(start.getTime() + 1_800_000).toISOString(), timeZone: 'America/Los_Angeles' },
    }));
    expect((await adapter.getEvent(calendarId, created.id))?.recurrence).toEqual(weekly);
    const { upserted } = await adapter.listChanges(calendarId, null);
    expect(upserted).toHaveLength(4);
    expect(upserted.every((e) => e.seriesId === created.id && e.recurrence === null && e.originalStart !== null)).toBe(true);
    const moved = { start: { dateTime: soon(30, 12).toISOString(), timeZone: 'UTC' }, end: { dateTime: soon(30, 13).toISOString(), timeZone: 'UTC' } };
    const exception = await adapter.updateEvent(calendarId, upserted[1].id, input('sb-5', { title: 'moved', ...moved }));
    expect(exception).toMatchObject({ id: upserted[1].id, seriesId: created.id, title: 'moved', start: moved.start, recurrence: null });
  });

  it('writes relativeMonthly / relativeYearly series and reads them back as the same rules', async () => {
    for (const [key, rule] of [['sb-7', 'RRULE:FREQ=MONTHLY;BYDAY=2TU;COUNT=3'], ['sb-8', 'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU;COUNT=2']] as const) {
      const start = soon(7, 17);
      const created = await adapter.createEvent(calendarId, input(key, {
        recurrence: [rule], start: { dateTime: start.toISOString(), timeZone: 'America/Los_Angeles' },
        end: { dateTime: new Date(start.getTime() + 1_800_000).toISOString(), timeZone: 'America/Los_Angeles' },
      }));
      expect((await adapter.getEvent(calendarId, created.id))?.recurrence).toEqual([rule]);
    }
  });

  it('refuses a rule Graph cannot express before sending anything', async () => {
    const yearly = input('sb-6', { recurrence: ['RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-2SU'] });
    await expect(adapter.createEvent(calendarId, yearly)).rejects.toBeInstanceOf(UnsupportedRecurrenceError);
    expect(sim.control.events(ALICE)).toEqual([]);
  });
});

describe('failures', () => {
  it('turns 429 and 503 with Retry-After into ProviderRateLimitedError, other 5xx into ProviderUnavailableError', async () => {
    sim.control.injectFault({ match: { pathPrefix: '/v1.0/me/calendars' }, status: 429, retryAfterSeconds: 7, times: 1 });
    await expect(adapter.listChanges(calendarId, null)).rejects.toMatchObject({ name: 'ProviderRateLimitedError', retryAfterMs: 7000 });
    sim.control.injectFault({ match: { pathPrefix: '/v1.0/' }, status: 503, retryAfterSeconds: 2, times: 1 });
    const throttled = await adapter.listCalendars().catch((e: unknown) => e);
    expect(throttled).toBeInstanceOf(ProviderRateLimitedError);
    expect((throttled as ProviderRateLimitedError).retryAfterMs).toBe(2000);
    sim.control.injectFault({ match: { pathPrefix: '/v1.0/' }, status: 500, times: 1 });
    await expect(adapter.listCalendars()).rejects.toBeInstanceOf(ProviderUnavailableError);
  });

  it('maps 401, timeouts, refused connections and a failing token source', async () => {
    sim.control.injectFault({ match: { pathPrefix: '/v1.0/' }, latencyMs: 400, times: 1 });
    await expect(adapterFor({ timeoutMs: 100 }).listCalendars()).rejects.toBeInstanceOf(ProviderUnavailableError);
    await expect(adapterFor({ graphUrl: 'http://127.0.0.1:1' }).listCalendars()).rejects.toBeInstanceOf(ProviderUnavailableError);
    const revokedGrant = new ProviderAuthError('grant revoked');
    const revoked = adapterFor({ accessToken: async () => { throw revokedGrant; } });
    await expect(revoked.listCalendars()).rejects.toBe(revokedGrant);
    await expect(revoked.deleteEvent(calendarId, 'x')).rejects.toBe(revokedGrant);
    sim.control.expireAccessTokens();
    await expect(adapter.listCalendars()).rejects.toBeInstanceOf(ProviderAuthError);
  });
});

describe('subscriptions', () => {
  it('subscribes after the validation handshake, gets notified, renews, and stops on unwatch', async () => {
    const [hook, lifecycle] = [await receiver(), await receiver()];
    const request = { address: hook.url, lifecycleAddress: lifecycle.url, secret: 'client-state', ttlSeconds: 3600 };
    const handle = await adapter.watch(calendarId, request);
    expect(hook.requests[0].query.get('validationToken')).toMatch(/^Validation: /);
    expect(lifecycle.requests).toHaveLength(1);
    expect(handle.resourceId).toBeNull();
    expect(Math.abs(handle.expiresAt.getTime() - (Date.now() + 3_600_000))).toBeLessThan(5000);
    expect(sim.control.subscriptions()[0]).toMatchObject({ resource: `me/calendars/${calendarId}/events` });

    seed('ping', 1);
    await sim.control.flushNotifications();
    expect(hook.notifications()[0].json!.value![0]).toMatchObject({ subscriptionId: handle.id, changeType: 'created', clientState: 'client-state' });

    const renewed = await adapter.renew(calendarId, handle, { ...request, ttlSeconds: 2 * 86_400 });
    expect(renewed.id).toBe(handle.id);
    expect(renewed.expiresAt.getTime()).toBeGreaterThan(handle.expiresAt.getTime() + 86_400_000);

    await adapter.unwatch(handle);
    await adapter.unwatch(handle);
    seed('after stop', 2);
    await sim.control.flushNotifications();
    expect(hook.notifications()).toHaveLength(1);
  });

  it('caps the lifetime below Graph\'s 4,230 minutes and reports a vanished subscription on renew', async () => {
    const hook = await receiver();
    const request = { address: hook.url, secret: 's', ttlSeconds: 30 * 86_400 };
    const handle = await adapter.watch(calendarId, request);
    expect(handle.expiresAt.getTime()).toBeLessThan(Date.now() + 4230 * 60_000);
    sim.control.expireSubscription(handle.id);
    await expect(adapter.renew(calendarId, handle, request)).rejects.toBeInstanceOf(ProviderNotFoundError);
  });
});
