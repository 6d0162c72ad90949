// Contract: calendarView delta and change notifications (subscriptions, validation, delivery, lifecycle) of the
// Microsoft simulator, through @microsoft/microsoft-graph-client and loopback webhook receivers.
import { Client, GraphError } from '@microsoft/microsoft-graph-client';
import { MicrosoftSimulator, startMicrosoftSimulator } from '../fakes/microsoft/microsoft-simulator';
import { Receiver, graphClient, freshCalendarUser, startReceiver } from '../fakes/microsoft/test-kit';

const CLIENT_ID = '44444444-aaaa-4bbb-8ccc-000000000004';
const SECRET = 'delta~secret';
const REDIRECT = 'http://localhost/cb';
const ALICE = 'alice@contoso.test';
const WINDOW = { startDateTime: '2030-05-01T00:00:00Z', endDateTime: '2030-06-01T00:00:00Z' };

let sim: MicrosoftSimulator;
let client: Client;
const receivers: Receiver[] = [];

beforeAll(async () => {
  sim = await startMicrosoftSimulator({ validationTimeoutMs: 400, notifier: { retryDelaysMs: [50, 50, 50] } });
});
afterAll(() => sim.close());
beforeEach(async () => {
  const accessToken = await freshCalendarUser(sim, { clientId: CLIENT_ID, clientSecret: SECRET, redirectUri: REDIRECT }, ALICE);
  client = graphClient(sim.graphUrl, async () => accessToken);
});
afterEach(async () => {
  await sim.control.flushNotifications();
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

async function receiver(reply?: Parameters<typeof startReceiver>[0]): Promise<Receiver> {
  const r = await startReceiver(reply);
  receivers.push(r);
  return r;
}

const seed = (subject: string, day: number) => sim.control.seedEvent(ALICE, null, {
  subject, start: { dateTime: `2030-05-${String(day).padStart(2, '0')}T10:00:00`, timeZone: 'UTC' },
  end: { dateTime: `2030-05-${String(day).padStart(2, '0')}T11:00:00`, timeZone: 'UTC' },
});

const inAnHour = () => new Date(sim.control.now().getTime() + 3600_000).toISOString();

async function graphFailure(promise: Promise<unknown>): Promise<GraphError> {
  return promise.then(() => { throw new Error('expected a GraphError'); }, (err: GraphError) => err);
}

/** Follows nextLinks to the deltaLink; returns every item and the deltaLink. */
async function deltaRound(first: () => Promise<Record<string, unknown>>): Promise<{ items: Record<string, unknown>[]; deltaLink: string; pages: number }> {
  let page = await first();
  const items = [...(page.value as Record<string, unknown>[])];
  let pages = 1;
  while (page['@odata.nextLink']) {
    page = await client.api(page['@odata.nextLink'] as string).header('Prefer', 'odata.maxpagesize=2').get();
    items.push(...(page.value as Record<string, unknown>[]));
    pages += 1;
  }
  return { items, deltaLink: page['@odata.deltaLink'] as string, pages };
}

describe('calendarView delta (delta-query-events)', () => {
  it('pages with odata.maxpagesize, ends with a deltaLink, then returns only changes with @removed for deletions', async () => {
    const events = [1, 2, 3, 4, 5].map((d) => seed(`E${d}`, d));
    const initial = await deltaRound(() => client.api('/me/calendarView/delta').query(WINDOW).header('Prefer', 'odata.maxpagesize=2').get());
    expect(initial.pages).toBe(3);
    expect(initial.items.map((e) => e.subject)).toEqual(['E1', 'E2', 'E3', 'E4', 'E5']);
    expect(initial.deltaLink).toMatch(new RegExp(`^${sim.graphUrl}/v1.0/me/calendarView/delta\\?\\$deltatoken=`));

    sim.control.updateEventAsProvider(ALICE, events[1].id as string, { subject: 'E2 renamed' });
    sim.control.deleteEventAsProvider(ALICE, events[3].id as string);
    seed('E6', 6);
    const changes = await deltaRound(() => client.api(initial.deltaLink).get());
    expect(changes.items).toHaveLength(3);
    expect(changes.items.find((e) => e.id === events[1].id)).toMatchObject({ subject: 'E2 renamed' });
    expect(changes.items.find((e) => e.id === events[3].id)).toEqual({ '@odata.type': '#microsoft.graph.event', id: events[3].id, '@removed': { reason: 'deleted' } });
    expect(changes.items.some((e) => e.subject === 'E6')).toBe(true);

    const quiet = await client.api(changes.deltaLink).get();
    expect(quiet.value).toEqual([]);
  });

  it('reports occurrences of a series, and a cancelled occurrence as @removed', async () => {
    const master = sim.control.seedEvent(ALICE, null, {
      subject: 'Daily', start: { dateTime: '2030-05-10T08:00:00', timeZone: 'UTC' }, end: { dateTime: '2030-05-10T08:30:00', timeZone: 'UTC' },
      recurrence: { pattern: { type: 'daily', interval: 1 }, range: { type: 'numbered', startDate: '2030-05-10', numberOfOccurrences: 3 } },
    });
    const initial = await deltaRound(() => client.api('/me/calendarView/delta').query(WINDOW).get());
    expect(initial.items.map((e) => e.type)).toEqual(['occurrence', 'occurrence', 'occurrence']);
    sim.control.deleteEventAsProvider(ALICE, initial.items[1].id as string);
    const changes = await deltaRound(() => client.api(initial.deltaLink).get());
    expect(changes.items).toEqual([{ '@odata.type': '#microsoft.graph.event', id: initial.items[1].id, '@removed': { reason: 'deleted' } }]);
    expect(master.type).toBe('seriesMaster');
  });

  it('answers 410 Gone with syncStateNotFound once delta tokens are expired', async () => {
    seed('E1', 1);
    const initial = await deltaRound(() => client.api('/me/calendarView/delta').query(WINDOW).get());
    sim.control.expireDeltaTokens(ALICE);
    const err = await graphFailure(client.api(initial.deltaLink).get());
    expect(err.statusCode).toBe(410);
    expect(err.code).toBe('syncStateNotFound');
  });
});

describe('subscriptions (subscription-post-subscriptions)', () => {
  it('validates the endpoints (token echoed as text/plain) and creates the subscription', async () => {
    const hook = await receiver();
    const lifecycle = await receiver();
    const sub = await client.api('/subscriptions').post({
      changeType: 'created,updated,deleted', notificationUrl: hook.url, lifecycleNotificationUrl: lifecycle.url,
      resource: 'me/events', expirationDateTime: inAnHour(), clientState: 'secret-state',
    });
    expect(sub).toMatchObject({ resource: 'me/events', applicationId: CLIENT_ID, changeType: 'created,updated,deleted', clientState: 'secret-state' });
    expect(hook.requests[0].query.get('validationToken')).toMatch(/^Validation: /);
    expect(lifecycle.requests).toHaveLength(1);
    expect((await client.api(`/subscriptions/${sub.id}`).get()).id).toBe(sub.id);
  });

  it('creates no subscription when the endpoint does not echo the token, or answers too late', async () => {
    const wrong = await receiver((r) => (r.query.has('validationToken') ? { status: 200, body: 'ok', contentType: 'text/plain' } : undefined));
    const failed = await graphFailure(client.api('/subscriptions').post({ changeType: 'created', notificationUrl: wrong.url, resource: 'me/events', expirationDateTime: inAnHour() }));
    expect([failed.statusCode, failed.code]).toEqual([400, 'ValidationError']);
    expect(failed.message).toContain('Subscription validation request failed');
    const slow = await receiver((r) => ({ status: 200, body: r.query.get('validationToken') ?? '', contentType: 'text/plain', delayMs: 1000 }));
    const timedOut = await graphFailure(client.api('/subscriptions').post({ changeType: 'created', notificationUrl: slow.url, resource: 'me/events', expirationDateTime: inAnHour() }));
    expect(timedOut.code).toBe('ValidationError');
    expect(sim.control.subscriptions()).toEqual([]);
  });

  it('refuses subscriptions with 403 ExtensionError while refuseSubscriptions is on (tenant policy), reads keep working', async () => {
    const hook = await receiver();
    sim.control.refuseSubscriptions(true);
    try {
      const refused = await graphFailure(client.api('/subscriptions').post({ changeType: 'created', notificationUrl: hook.url, resource: 'me/events', expirationDateTime: inAnHour() }));
      expect([refused.statusCode, refused.code]).toEqual([403, 'ExtensionError']);
      expect(hook.requests).toHaveLength(0);
      expect(await client.api('/me/events').get()).toHaveProperty('value');
    } finally {
      sim.control.refuseSubscriptions(false);
    }
  });

  it('rejects expirations beyond 4230 minutes or in the past, and renews with PATCH within the cap', async () => {
    const hook = await receiver();
    const tooFar = new Date(sim.control.now().getTime() + 4231 * 60_000).toISOString();
    expect((await graphFailure(client.api('/subscriptions').post({ changeType: 'created', notificationUrl: hook.url, resource: 'me/events', expirationDateTime: tooFar }))).statusCode).toBe(400);
    const past = new Date(sim.control.now().getTime() - 60_000).toISOString();
    expect((await graphFailure(client.api('/subscriptions').post({ changeType: 'created', notificationUrl: hook.url, resource: 'me/events', expirationDateTime: past }))).statusCode).toBe(400);
    const sub = await client.api('/subscriptions').post({ changeType: 'created', notificationUrl: hook.url, resource: 'me/events', expirationDateTime: inAnHour() });
    const renewedTo = new Date(sim.control.now().getTime() + 4000 * 60_000).toISOString();
    const renewed = await client.api(`/subscriptions/${sub.id}`).patch({ expirationDateTime: renewedTo });
    expect(Date.parse(renewed.expirationDateTime)).toBe(Date.parse(renewedTo));
    expect((await graphFailure(client.api(`/subscriptions/${sub.id}`).patch({ expirationDateTime: tooFar }))).statusCode).toBe(400);
    await client.api(`/subscriptions/${sub.id}`).delete();
    expect((await graphFailure(client.api(`/subscriptions/${sub.id}`).get())).statusCode).toBe(404);
  });
});

describe('change notifications (change-notifications-delivery-webhooks)', () => {
  async function subscribe(hook: Receiver, extra: Record<string, unknown> = {}): Promise<{ id: string }> {
    return client.api('/subscriptions').post({
      changeType: 'created,updated,deleted', notificationUrl: hook.url, resource: 'me/events', expirationDateTime: inAnHour(), clientState: 'cs-1', ...extra,
    });
  }

  it('batches changes made close together into one POST value[] carrying clientState and resourceData', async () => {
    const hook = await receiver();
    const sub = await subscribe(hook);
    const created = await client.api('/me/events').post({ subject: 'A', start: { dateTime: '2030-05-02T10:00:00', timeZone: 'UTC' }, end: { dateTime: '2030-05-02T11:00:00', timeZone: 'UTC' } });
    const patched = await client.api(`/me/events/${created.id}`).patch({ subject: 'A2' });
    await client.api(`/me/events/${created.id}`).delete();
    await sim.control.flushNotifications();
    const posts = hook.notifications();
    expect(posts).toHaveLength(1);
    const value = posts[0].json!.value!;
    expect(value.map((v) => v.changeType)).toEqual(['created', 'updated', 'deleted']);
    const user = sim.control.events(ALICE);
    expect(user).toEqual([]);
    expect(value[1]).toMatchObject({
      subscriptionId: sub.id, clientState: 'cs-1', resource: expect.stringMatching(new RegExp(`^Users/[0-9a-f-]{36}/Events/${created.id}$`)),
      resourceData: { '@odata.type': '#Microsoft.Graph.Event', id: created.id, '@odata.etag': patched['@odata.etag'] },
    });
    expect(value[0].tenantId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('retries a failed delivery with backoff until the endpoint accepts it', async () => {
    let failures = 2;
    const hook = await receiver((r) => (!r.query.has('validationToken') && failures-- > 0 ? { status: 500 } : undefined));
    await subscribe(hook);
    seed('Retry', 3);
    await sim.control.flushNotifications();
    expect(hook.notifications()).toHaveLength(3);
    expect(sim.control.deliveryLog().map((d) => d.status)).toEqual([500, 500, 202]);
    expect(hook.notifications()[2].json!.value![0].changeType).toBe('created');
  });

  it('sends a missed lifecycle notification when deliveries keep failing', async () => {
    const hook = await receiver((r) => (r.query.has('validationToken') ? undefined : { status: 503 }));
    const lifecycle = await receiver();
    const sub = await subscribe(hook, { lifecycleNotificationUrl: lifecycle.url });
    seed('Lost', 4);
    await sim.control.flushNotifications();
    expect(hook.notifications()).toHaveLength(4);
    expect(lifecycle.notifications()[0].json!.value![0]).toMatchObject({ subscriptionId: sub.id, lifecycleEvent: 'missed', clientState: 'cs-1' });
  });

  it('delivers lifecycle notifications and accepts reauthorize', async () => {
    const hook = await receiver();
    const lifecycle = await receiver();
    const sub = await subscribe(hook, { lifecycleNotificationUrl: lifecycle.url });
    sim.control.sendLifecycleEvent(sub.id, 'reauthorizationRequired');
    await sim.control.flushNotifications();
    expect(lifecycle.notifications()[0].json!.value![0]).toMatchObject({
      subscriptionId: sub.id, lifecycleEvent: 'reauthorizationRequired', clientState: 'cs-1', subscriptionExpirationDateTime: expect.any(String),
    });
    expect(sim.control.subscriptions()[0].needsReauthorization).toBe(true);
    await client.api(`/subscriptions/${sub.id}/reauthorize`).post({});
    expect(sim.control.subscriptions()[0].needsReauthorization).toBe(false);
    sim.control.sendLifecycleEvent(sub.id, 'subscriptionRemoved');
    await sim.control.flushNotifications();
    expect(lifecycle.notifications()[1].json!.value![0].lifecycleEvent).toBe('subscriptionRemoved');
    expect((await graphFailure(client.api(`/subscriptions/${sub.id}`).get())).statusCode).toBe(404);
  });

  it('stops delivering once a subscription expires (virtual clock)', async () => {
    const hook = await receiver();
    const sub = await subscribe(hook);
    sim.control.expireSubscription(sub.id);
    seed('After expiry', 5);
    await sim.control.flushNotifications();
    expect(hook.notifications()).toHaveLength(0);
    expect((await graphFailure(client.api(`/subscriptions/${sub.id}`).get())).statusCode).toBe(404);
  });

  it('delays deliveries while the endpoint is throttled', async () => {
    const hook = await receiver();
    await subscribe(hook);
    sim.control.throttleSubscriptions(true);
    const started = Date.now();
    seed('Slow lane', 6);
    await sim.control.flushNotifications();
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(hook.notifications()).toHaveLength(1);
  });
});
