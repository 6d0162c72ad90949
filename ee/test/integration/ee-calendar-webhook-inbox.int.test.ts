import { randomBytes, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { REDIS_URL } from '../../../test/support/services';
import { TcpProxy } from '../../../test/support/tcp-proxy';
import { queryDatabase } from '../../../test/support/test-database';
import { waitFor } from '../../../test/support/wait-for';
import { STABLE_ROUTES } from '../../../src/http/stable-routes';
import type { JobQueue } from '../../../src/queue/job-queue';
import { webhookSecretContext } from '../../src/calendar/calendar-tokens-secret';
import { EnqueueCoalescer } from '../../src/calendar/webhooks/webhook-inbox.enqueue-coalescer';
import { WebhookInboxRetention } from '../../src/calendar/webhooks/webhook-inbox.retention';
import { connectedProvider, startCalendarHarness, type CalendarHarness } from '../support/calendar-harness';
import { googleRemote, microsoftRemote, type RemoteCalendar } from '../support/sync-remote';

const SWEEP_MS = 1000;

/** The calendar harness with a short sweep interval (and, for the outage test, Redis through a proxy). */
function startInboxHarness(env: NodeJS.ProcessEnv, redis = false): Promise<CalendarHarness> {
  return startCalendarHarness({ redis, env: { CALENDAR_WEBHOOK_SWEEP_INTERVAL_MS: String(SWEEP_MS), ...env } });
}

interface Watched {
  providerId: string;
  calendarId: string;
  channel: string;
  secret: string;
  resourceId: string;
}

const gql = async (h: CalendarHarness, query: string, variables: Record<string, unknown>, bearer = h.tenant.apiKey) => {
  const result = await h.t.gql(query, variables, bearer);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data;
};
const runs = async (h: CalendarHarness, providerId: string) =>
  Number((await queryDatabase<{ n: string }>(h.t.db.url, `select count(*) as n from calendar_sync_runs where provider_id = $1 and status <> 'running'`, [providerId]))[0]!.n);
const inbox = (h: CalendarHarness, providerId: string) =>
  queryDatabase<{ kind: string; processed_at: Date | null; payload: Record<string, unknown> }>(h.t.db.url, 'select kind, processed_at, payload from webhook_inbox where provider_id = $1', [providerId]);
const entryTitles = async (h: CalendarHarness) =>
  (await queryDatabase<{ title: string }>(h.t.db.url, 'select title from schedule_entries where tenant_id = $1', [h.tenant.tenantId])).map((row) => row.title);
const at = (day: number, hour: number) => {
  const date = new Date(Date.now() + day * 86_400_000);
  date.setUTCHours(hour, 0, 0, 0);
  return date.toISOString();
};

/** Connected, calendar chosen, first run done; then a channel/subscription whose secret the test knows. */
async function watchedProvider(h: CalendarHarness, type: 'GOOGLE' | 'MICROSOFT'): Promise<Watched> {
  const providerId = await connectedProvider(h, type);
  const calendars = (await gql(h, 'mutation ($id: ID!) { listExternalCalendars(providerId: $id) { id primary } }', { id: providerId })).listExternalCalendars;
  const calendarId = calendars.find((calendar: { primary: boolean }) => calendar.primary).id as string;
  await gql(h, 'mutation ($id: ID!, $input: UpdateCalendarProviderInput!) { updateCalendarProvider(id: $id, input: $input) { id } }', { id: providerId, input: { calendarId } });
  await waitFor(async () => (await runs(h, providerId)) >= 1, 'the first run', 15_000);
  const channel = randomUUID();
  const secret = randomBytes(16).toString('hex');
  await queryDatabase(
    h.t.db.url,
    `update calendar_providers set webhook_subscription_id = $2, webhook_resource_id = $3, webhook_client_state = $4, webhook_expires_at = now() + interval '5 days' where id = $1`,
    [providerId, channel, type === 'GOOGLE' ? `res-${channel}` : null, h.t.runtime.deps.secretBox.encrypt(secret, webhookSecretContext(providerId))],
  );
  return { providerId, calendarId, channel, secret, resourceId: `res-${channel}` };
}

const googlePush = (h: CalendarHarness, w: Watched, messageNumber: string, token = w.secret) =>
  h.t.app.inject({
    method: 'POST',
    url: STABLE_ROUTES['calendar.google.webhook'],
    headers: { 'x-goog-channel-id': w.channel, 'x-goog-channel-token': token, 'x-goog-resource-id': w.resourceId, 'x-goog-resource-state': 'exists', 'x-goog-message-number': messageNumber },
  });
const graphItem = (w: Watched, eventId: string, etag: string, clientState = w.secret) => ({
  subscriptionId: w.channel,
  clientState,
  changeType: 'updated',
  resource: `Users/u/Events/${eventId}`,
  resourceData: { id: eventId, '@odata.etag': etag },
});
const graphPost = (h: CalendarHarness, value: unknown[]) =>
  h.t.app.inject({ method: 'POST', url: STABLE_ROUTES['calendar.microsoft.webhook'], headers: { 'content-type': 'application/json' }, payload: { value } });

/** Makes `queue.add` hang (as against an unreachable Redis) for one queue, until the returned restore is called. */
function loseJobsOf(queue: JobQueue, name: string): () => void {
  const real = queue.add.bind(queue);
  queue.add = ((target: string, ...rest: [string, unknown, object?]) => (target === name ? new Promise<void>(() => undefined) : real(target, ...rest))) as JobQueue['add'];
  return () => {
    queue.add = real;
  };
}

describe('webhook inbox: dedupe, sweeper, retention, replay, metrics (local queue, simulators)', () => {
  let h: CalendarHarness;
  let google: Watched;
  let microsoft: Watched;
  let remote: { google: RemoteCalendar; microsoft: RemoteCalendar };

  beforeAll(async () => {
    h = await startInboxHarness({});
    await h.t.runtime.deps.queue.startWorkers(h.t.runtime.registry.jobProcessors(h.t.runtime.deps));
    remote = { google: googleRemote(h), microsoft: microsoftRemote(h) };
    google = await watchedProvider(h, 'GOOGLE');
    microsoft = await watchedProvider(h, 'MICROSOFT');
  }, 60_000);
  afterAll(() => h?.close());

  it('50 duplicate Google notifications (one message retried) make one inbox row and one sync run', async () => {
    const before = await runs(h, google.providerId);
    const title = `Google burst ${randomUUID()}`;
    remote.google.create(google.calendarId, title, at(3, 9), at(3, 10));
    const answers = await Promise.all(Array.from({ length: 50 }, () => googlePush(h, google, '4711')));
    expect(answers.map((answer) => answer.statusCode)).toEqual(Array(50).fill(200));
    await waitFor(async () => (await entryTitles(h)).includes(title), 'the change in the schedule', 10_000);
    await new Promise((resolve) => setTimeout(resolve, SWEEP_MS * 2)); // room for a second (wrong) run
    expect(await runs(h, google.providerId)).toBe(before + 1);
    expect((await inbox(h, google.providerId)).filter((row) => row.payload.messageNumber === '4711')).toEqual([expect.objectContaining({ processed_at: expect.any(Date) })]);
  });

  it('50 duplicate Graph notifications (same etag, batches of 1 and of 10) make one inbox row and one sync run', async () => {
    const before = await runs(h, microsoft.providerId);
    const title = `Graph burst ${randomUUID()}`;
    const eventId = remote.microsoft.create(microsoft.calendarId, title, at(4, 9), at(4, 10));
    const item = graphItem(microsoft, eventId, 'W/"etag-1"');
    const answers = await Promise.all([
      ...Array.from({ length: 40 }, () => graphPost(h, [item])),
      graphPost(h, Array(10).fill(item)),
    ]);
    expect(answers.map((answer) => answer.statusCode)).toEqual(Array(41).fill(202));
    await waitFor(async () => (await entryTitles(h)).includes(title), 'the change in the schedule', 10_000);
    await new Promise((resolve) => setTimeout(resolve, SWEEP_MS * 2));
    expect(await runs(h, microsoft.providerId)).toBe(before + 1);
    expect((await inbox(h, microsoft.providerId)).filter((row) => row.payload.eventId === eventId)).toHaveLength(1);
    // Another etag is another change: a new row.
    expect((await graphPost(h, [graphItem(microsoft, eventId, 'W/"etag-2"')])).statusCode).toBe(202);
    expect((await inbox(h, microsoft.providerId)).filter((row) => row.payload.eventId === eventId)).toHaveLength(2);
  });

  it('forged channel token / clientState: refused, no inbox row, no job, nothing synced', async () => {
    const rows = { google: (await inbox(h, google.providerId)).length, microsoft: (await inbox(h, microsoft.providerId)).length };
    const before = { google: await runs(h, google.providerId), microsoft: await runs(h, microsoft.providerId) };
    const title = `Forged ${randomUUID()}`;
    remote.google.create(google.calendarId, title, at(5, 9), at(5, 10));
    expect((await googlePush(h, google, '9001', `${google.secret}x`)).statusCode).toBe(404);
    expect((await graphPost(h, [graphItem(microsoft, 'evt-forged', 'W/"x"', 'forged')])).statusCode).toBe(404);
    await new Promise((resolve) => setTimeout(resolve, SWEEP_MS * 2));
    expect((await inbox(h, google.providerId)).length).toBe(rows.google);
    expect((await inbox(h, microsoft.providerId)).length).toBe(rows.microsoft);
    expect({ google: await runs(h, google.providerId), microsoft: await runs(h, microsoft.providerId) }).toEqual(before);
    expect(await entryTitles(h)).not.toContain(title);
  });

  it('a notification whose sync job was lost is swept up: the change still reaches the schedule', async () => {
    const title = `Lost job ${randomUUID()}`;
    remote.google.create(google.calendarId, title, at(6, 9), at(6, 10));
    const restore = loseJobsOf(h.t.runtime.deps.queue, 'calendar-sync');
    let answer;
    try {
      const started = Date.now();
      answer = await googlePush(h, google, '5001');
      expect(Date.now() - started).toBeLessThan(1500); // the enqueue bound, not Redis, decides the ack
    } finally {
      restore();
    }
    expect(answer.statusCode).toBe(200);
    expect((await inbox(h, google.providerId)).find((row) => row.payload.messageNumber === '5001')?.processed_at).toBeNull();
    await waitFor(async () => (await entryTitles(h)).includes(title), 'the swept change in the schedule', 10_000);
    await waitFor(async () => (await inbox(h, google.providerId)).find((row) => row.payload.messageNumber === '5001')?.processed_at != null, 'the row processed');
  });

  it('replayCalendarWebhooks (admin) reopens the notifications since a time and one run processes them again', async () => {
    const since = new Date(Date.now() - 60_000).toISOString();
    const recent = (await queryDatabase<{ n: string }>(h.t.db.url, 'select count(*) as n from webhook_inbox where provider_id = $1 and received_at >= $2', [google.providerId, since]))[0]!.n;
    const before = await runs(h, google.providerId);
    const result = (await gql(h, 'mutation ($id: ID!, $since: DateTime!) { replayCalendarWebhooks(providerId: $id, since: $since) { provider { id } requeued syncQueued } }', { id: google.providerId, since })).replayCalendarWebhooks;
    expect(result).toEqual({ provider: { id: google.providerId }, requeued: Number(recent), syncQueued: true });
    expect(Number(recent)).toBeGreaterThan(0);
    await waitFor(async () => (await runs(h, google.providerId)) === before + 1, 'the replay run', 10_000);
    await waitFor(async () => (await inbox(h, google.providerId)).every((row) => row.processed_at !== null), 'every row processed again');
    const future = await h.t.gql('mutation ($id: ID!, $since: DateTime!) { replayCalendarWebhooks(providerId: $id, since: $since) { requeued } }', { id: google.providerId, since: new Date(Date.now() + 86_400_000).toISOString() }, h.tenant.apiKey);
    expect(future.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('purges notifications past the retention window, processed or not, and keeps recent ones', async () => {
    const insert = (age: string, processed: boolean) =>
      queryDatabase<{ id: string }>(
        h.t.db.url,
        `insert into webhook_inbox (id, tenant_id, provider_id, provider_type, kind, payload, received_at, processed_at)
         values (gen_random_uuid(), $1, $2, 'google', 'google.exists', '{}', now() - $3::interval, case when $4 then now() end) returning id`,
        [h.tenant.tenantId, google.providerId, age, processed],
      );
    const [old] = await insert('8 days', true);
    const [oldPending] = await insert('8 days', false);
    const [young] = await insert('6 days', true);
    const retention = new WebhookInboxRetention({ ...h.t.runtime.deps, retentionMs: 7 * 86_400_000 });
    expect(await retention.purge()).toBe(2);
    const left = (await queryDatabase<{ id: string }>(h.t.db.url, 'select id from webhook_inbox where id = any($1)', [[old!.id, oldPending!.id, young!.id]])).map((row) => row.id);
    expect(left).toEqual([young!.id]);
  });

  it('reports received, deduplicated and rejected notifications, ack latency and the inbox lag on /metrics', async () => {
    const text = (await h.t.app.inject({ method: 'GET', url: '/metrics' })).body;
    const value = (pattern: RegExp) => Number(pattern.exec(text)?.[1] ?? NaN);
    expect(value(/^calendar_webhook_notifications_received_total\{provider_type="google"\} (\d+)/m)).toBeGreaterThanOrEqual(51);
    expect(value(/^calendar_webhook_notifications_received_total\{provider_type="microsoft"\} (\d+)/m)).toBeGreaterThanOrEqual(51);
    expect(value(/^calendar_webhook_notifications_deduplicated_total\{provider_type="google"\} (\d+)/m)).toBeGreaterThanOrEqual(49);
    expect(value(/^calendar_webhook_notifications_deduplicated_total\{provider_type="microsoft"\} (\d+)/m)).toBeGreaterThanOrEqual(49);
    expect(value(/^calendar_webhook_notifications_rejected_total\{provider_type="google",reason="unverified"\} (\d+)/m)).toBeGreaterThanOrEqual(1);
    expect(value(/^calendar_webhook_notifications_rejected_total\{provider_type="microsoft",reason="unverified"\} (\d+)/m)).toBeGreaterThanOrEqual(1);
    expect(value(/^calendar_webhook_ack_seconds_count\{provider_type="google",status="200"\} (\d+)/m)).toBeGreaterThanOrEqual(51);
    expect(value(/^calendar_webhook_ack_seconds_count\{provider_type="microsoft",status="202"\} (\d+)/m)).toBeGreaterThanOrEqual(42);
    expect(value(/^calendar_webhook_inbox_lag_seconds (\S+)/m)).toBeGreaterThanOrEqual(0);
    expect(value(/^calendar_webhook_inbox_pending (\d+)/m)).toBeGreaterThanOrEqual(0);
  });
});

describe('webhook inbox with Redis cut during a burst (BullMQ through a TCP proxy)', () => {
  let h: CalendarHarness;
  let proxy: TcpProxy;
  let google: Watched;
  const prefix = `sbtest-inbox-${randomBytes(4).toString('hex')}`;

  /** The machine's Redis is shared: "restarted without persistence" is modelled by deleting this app's keys only. */
  async function wipeOwnKeys(): Promise<void> {
    const redis = new Redis(REDIS_URL);
    try {
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length) await redis.del(...keys);
    } finally {
      await redis.quit();
    }
  }

  beforeAll(async () => {
    const target = new URL(REDIS_URL);
    proxy = await new TcpProxy(target.hostname, Number(target.port || 6379)).start();
    h = await startInboxHarness({ REDIS_URL: `redis://127.0.0.1:${proxy.port}`, REDIS_PREFIX: prefix }, true);
    await h.t.runtime.deps.queue.startWorkers(h.t.runtime.registry.jobProcessors(h.t.runtime.deps));
    google = await watchedProvider(h, 'GOOGLE');
  }, 60_000);
  afterAll(async () => {
    await proxy?.start();
    await h?.close();
    await proxy?.stop();
  });

  it('acks every notification fast while Redis is down; after it comes back empty, every change reaches the schedule', async () => {
    const remote = googleRemote(h);
    const titles = Array.from({ length: 10 }, (_, n) => `During outage ${n} ${randomUUID()}`);
    await proxy.stop();
    try {
      for (const [n, title] of titles.entries()) {
        remote.create(google.calendarId, title, at(2, 8 + n), at(2, 9 + n));
        const started = Date.now();
        const answer = await googlePush(h, google, String(100 + n));
        expect(answer.statusCode).toBe(200);
        expect(Date.now() - started).toBeLessThan(1500);
      }
      const pending = (await inbox(h, google.providerId)).filter((row) => row.processed_at === null);
      expect(pending).toHaveLength(10);
      await wipeOwnKeys(); // the restarted Redis comes back empty
    } finally {
      await proxy.start();
    }
    await waitFor(async () => {
      const inSchedule = new Set(await entryTitles(h));
      return titles.every((title) => inSchedule.has(title));
    }, 'every change in the schedule', 30_000, 200);
    await waitFor(async () => (await inbox(h, google.providerId)).every((row) => row.processed_at !== null), 'every row processed', 10_000);
  }, 60_000);
});

describe('EnqueueCoalescer (one add in flight per job key)', () => {
  /** An add the test settles by hand; records when it started. */
  function controlledAdds() {
    const started: Array<{ at: number; settle: (error?: Error) => void }> = [];
    let clock = 0;
    const add = () =>
      new Promise<void>((resolve, reject) => {
        started.push({ at: clock, settle: (error) => (error ? reject(error) : resolve()) });
      });
    return { started, add, tick: (ms = 1) => (clock += ms), now: () => clock };
  }
  const flush = () => new Promise((resolve) => setImmediate(resolve));

  it('callers arriving during an add share the next one, which starts after they asked', async () => {
    const adds = controlledAdds();
    const coalescer = new EnqueueCoalescer(adds.now);
    const first = coalescer.request('k', adds.add);
    await flush();
    adds.tick();
    const askedAt = adds.now();
    const waiting = Array.from({ length: 20 }, () => coalescer.request('k', adds.add));
    await flush();
    expect(adds.started).toHaveLength(1); // nobody rides on the add that began before they asked
    adds.started[0]!.settle();
    await first;
    await flush();
    expect(adds.started).toHaveLength(2);
    expect(adds.started[1]!.at).toBeGreaterThanOrEqual(askedAt);
    adds.started[1]!.settle();
    await Promise.all(waiting);
  });

  it('keys are independent, failures reach every waiter, and a wedged add is bypassed after 5 s', async () => {
    const adds = controlledAdds();
    const coalescer = new EnqueueCoalescer(adds.now);
    void coalescer.request('a', adds.add);
    void coalescer.request('b', adds.add);
    await flush();
    expect(adds.started).toHaveLength(2);
    const waiters = [coalescer.request('a', adds.add), coalescer.request('a', adds.add)];
    adds.started[0]!.settle();
    await flush();
    adds.started[2]!.settle(new Error('redis down'));
    await expect(Promise.all(waiters)).rejects.toThrow('redis down');
    // 'b' never answers: after 5 s a new caller gets a fresh add, and the callers parked behind 'b' follow it.
    const parked = coalescer.request('b', adds.add);
    adds.tick(5001);
    const fresh = coalescer.request('b', adds.add);
    await flush();
    expect(adds.started).toHaveLength(4);
    adds.started[3]!.settle();
    await expect(Promise.all([fresh, parked])).resolves.toEqual([undefined, undefined]);
  });

  it('with a gap, a follow-up add starts no sooner than the gap after the previous one started', async () => {
    // Fake clock and timers: the order below must not depend on how late a loaded machine runs a real timer.
    jest.useFakeTimers({ doNotFake: ['setImmediate'] });
    try {
      const adds = controlledAdds();
      const coalescer = new EnqueueCoalescer(Date.now, 80);
      void coalescer.request('k', adds.add);
      await flush();
      const waiting = Array.from({ length: 10 }, () => coalescer.request('k', adds.add));
      jest.advanceTimersByTime(5);
      adds.started[0]!.settle();
      await flush();
      jest.advanceTimersByTime(74);
      await flush();
      expect(adds.started).toHaveLength(1); // 79 ms after the first add started: the follow-up still waits
      jest.advanceTimersByTime(1);
      await flush();
      expect(adds.started).toHaveLength(2); // 80 ms: one follow-up for all ten callers
      adds.started[1]!.settle();
      await Promise.all(waiting);
    } finally {
      jest.useRealTimers();
    }
  });
});
