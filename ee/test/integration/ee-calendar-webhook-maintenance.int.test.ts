import { createServer } from 'node:net';
import { waitFor } from '../../../test/support/wait-for';
import { queryDatabase } from '../../../test/support/test-database';
import { webhookMaintenanceServices } from '../../src/calendar/webhooks/webhook-maintenance.module';
import { connectedProvider, expireStoredAccessToken, GOOGLE_USER, MICROSOFT_USER, startCalendarHarness, userToken, type CalendarHarness } from '../support/calendar-harness';
import { daysAhead } from '../support/future-dates';
import { googleRemote, microsoftRemote, type RemoteCalendar } from '../support/sync-remote';

const HOUR_S = 3600;
const HEALTH = 'status expiresAt lastNotificationAt lastRenewalAt consecutiveFailures lastError polling';
const PROVIDER = `query ($id: ID!) { calendarProvider(id: $id) { status lastError webhook { status expiresAt } webhookHealth { ${HEALTH} } } }`;
const RENEW = `mutation ($id: ID!) { renewCalendarWebhook(providerId: $id) { ${HEALTH} } }`;
const UPDATE = 'mutation ($id: ID!, $input: UpdateCalendarProviderInput!) { updateCalendarProvider(id: $id, input: $input) { id } }';
/** The simulators deliver to our webhook URL, so the app listens on a loopback port chosen before it starts. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

interface Watch { id: string; live: boolean; address: string }

describe.each(['GOOGLE', 'MICROSOFT'] as const)('calendar webhook maintenance with %s (simulator)', (type) => {
  let h: CalendarHarness;
  let remote: RemoteCalendar;
  let publicUrl: string;
  let providerId: string;
  let calendarId: string;

  const gql = async (query: string, variables: Record<string, unknown>, bearer = h.tenant.apiKey) => {
    const result = await h.t.gql(query, variables, bearer);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data;
  };
  const row = async () =>
    (await queryDatabase<{ webhook_subscription_id: string | null; webhook_client_state: string | null; webhook_expires_at: Date | null; status: string; last_error: string | null }>(
      h.t.db.url,
      'select webhook_subscription_id, webhook_client_state, webhook_expires_at, status, last_error from calendar_providers where id = $1',
      [providerId],
    ))[0]!;
  const simNow = () => (type === 'GOOGLE' ? h.google.control.now() : h.microsoft.control.now().getTime());
  /** The simulator's view: our provider's channels / subscriptions and whether each is live right now. */
  const watches = (): Watch[] =>
    type === 'GOOGLE'
      ? h.google.control.channels().map((c) => ({ id: c.id, live: !c.stopped && !c.expired, address: c.address }))
      : h.microsoft.control.subscriptions().map((s) => ({ id: s.id, live: s.active, address: s.notificationUrl }));
  const liveIds = () => watches().filter((w) => w.live).map((w) => w.id);
  const maintenance = (offsetMs = 0) => webhookMaintenanceServices(h.t.runtime.deps, () => new Date(simNow() + offsetMs)).maintenance;
  const advance = async (seconds: number) => {
    h.google.control.advanceClock(seconds);
    h.microsoft.control.advanceClock(seconds);
    // Our token clock is the real one: after a jump the simulator has expired the access token, so refresh it.
    await expireStoredAccessToken(h, providerId);
  };
  const inboxCount = async () =>
    Number((await queryDatabase<{ n: string }>(h.t.db.url, 'select count(*) as n from webhook_inbox where provider_id = $1', [providerId]))[0]!.n);
  const syncRuns = async () =>
    Number((await queryDatabase<{ n: string }>(h.t.db.url, 'select count(*) as n from calendar_sync_runs where provider_id = $1', [providerId]))[0]!.n);
  const health = async () => (await gql(PROVIDER, { id: providerId })).calendarProvider;

  beforeAll(async () => {
    const port = await freePort();
    publicUrl = `http://127.0.0.1:${port}`;
    h = await startCalendarHarness({ env: { PUBLIC_URL: publicUrl, CALENDAR_WEBHOOK_MAINTENANCE_INTERVAL_MS: '3600000', RATE_LIMIT_ENABLED: 'false' } });
    h.google.control.registerClient({ ...h.googleApp, redirectUris: [`${publicUrl}/api/auth/google/calendar/callback`] });
    h.microsoft.control.registerApp({ ...h.microsoftApp, tenantId: h.microsoftApp.directory, redirectUris: [`${publicUrl}/api/auth/microsoft/calendar/callback`] });
    await h.t.app.listen({ port, host: '127.0.0.1' });
    await h.t.runtime.deps.queue.startWorkers(h.t.runtime.registry.jobProcessors(h.t.runtime.deps));
    remote = type === 'GOOGLE' ? googleRemote(h) : microsoftRemote(h);
    providerId = await connectedProvider(h, type);
    const calendars = (await gql('mutation ($id: ID!) { listExternalCalendars(providerId: $id) { id primary } }', { id: providerId })).listExternalCalendars;
    calendarId = calendars.find((calendar: { primary: boolean }) => calendar.primary).id;
    await gql(UPDATE, { id: providerId, input: { calendarId } });
    await waitFor(async () => (await row()).webhook_subscription_id !== null, 'the watch created by the webhook-ensure job', 10_000);
    await waitFor(async () => (await syncRuns()) > 0, 'the first sync run', 10_000);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('creates the watch when the calendar is chosen, on our webhook URL, with its secret stored encrypted and never shown', async () => {
    const current = await row();
    const watch = watches().find((w) => w.id === current.webhook_subscription_id);
    expect(watch).toMatchObject({ live: true, address: `${publicUrl}/api/calendar/webhooks/${type.toLowerCase()}` });
    const secret = type === 'GOOGLE'
      ? h.google.control.channels().find((c) => c.id === watch!.id)!.token!
      : h.microsoft.control.subscriptions().find((s) => s.id === watch!.id)!.clientState!;
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(current.webhook_client_state).not.toContain(secret);
    if (type === 'MICROSOFT') {
      // Graph only creates a subscription whose endpoints answered the validation handshake.
      expect(h.microsoft.control.subscriptions()[0]!.lifecycleNotificationUrl).toBe(watch!.address);
    }
    // The expiry the provider granted, not the one we asked for.
    const granted = type === 'GOOGLE' ? h.google.control.channels()[0]!.expiration : Date.parse(h.microsoft.control.subscriptions()[0]!.expirationDateTime);
    expect(new Date(current.webhook_expires_at!).getTime()).toBe(granted);
    const shown = await gql(`query ($id: ID!) { calendarProvider(id: $id) { webhook { status } webhookHealth { ${HEALTH} } } }`, { id: providerId });
    expect(shown.calendarProvider.webhookHealth).toMatchObject({ status: 'ACTIVE', consecutiveFailures: 0, polling: false, lastError: null });
    expect(shown.calendarProvider.webhook.status).toBe('ACTIVE');
    expect(JSON.stringify(shown)).not.toContain(secret);
    const byQuery = await gql(`query ($id: ID!) { calendarWebhookHealth(providerId: $id) { ${HEALTH} } }`, { id: providerId });
    expect(byQuery.calendarWebhookHealth).toEqual(shown.calendarProvider.webhookHealth);
  });

  it('brings a provider-side change to the schedule through the webhook within 2 s (no sync call)', async () => {
    const before = await inboxCount();
    const started = Date.now();
    remote.create(calendarId, `Webhook path ${type}`, daysAhead(3, 10), daysAhead(3, 11));
    await waitFor(
      async () => (await queryDatabase(h.t.db.url, 'select 1 from schedule_entries where tenant_id = $1 and title = $2', [h.tenant.tenantId, `Webhook path ${type}`])).length > 0,
      'the imported entry',
      2000,
    );
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await inboxCount()).toBeGreaterThan(before);
    expect(Date.parse((await health()).webhookHealth.lastNotificationAt)).toBeGreaterThanOrEqual(started - 1000);
  });

  it('renewCalendarWebhook renews now and is admin-only', async () => {
    const user = await userToken(h, h.tenant.userId, 'user');
    const refused = await h.t.gql(RENEW, { id: providerId }, user);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const before = (await row()).webhook_expires_at!;
    await advance(HOUR_S);
    const renewed = (await gql(RENEW, { id: providerId })).renewCalendarWebhook;
    expect(renewed).toMatchObject({ status: 'ACTIVE', consecutiveFailures: 0 });
    expect(new Date((await row()).webhook_expires_at!).getTime()).toBeGreaterThan(new Date(before).getTime());
  });

  if (type === 'GOOGLE') {
    it('accepts notifications on the old channel during the overlap and refuses them once it is stopped', async () => {
      const oldId = (await row()).webhook_subscription_id;
      const old = h.google.control.channels().find((c) => c.id === oldId)!;
      await maintenance().renewNow(h.tenant.tenantId, providerId);
      const current = (await row()).webhook_subscription_id!;
      expect(current).not.toBe(old.id);
      const notify = (n: string) =>
        h.t.app.inject({
          method: 'POST',
          url: '/api/calendar/webhooks/google',
          headers: { 'x-goog-channel-id': old.id, 'x-goog-channel-token': old.token!, 'x-goog-resource-id': old.resourceId, 'x-goog-resource-state': 'exists', 'x-goog-message-number': n },
        });
      expect((await notify('900001')).statusCode).toBe(200);
      expect(liveIds()).toEqual(expect.arrayContaining([old.id, current]));
      // Within the overlap a run leaves it alone; after it, the run stops it and forgets it.
      await maintenance(60_000).run();
      expect(liveIds()).toContain(old.id);
      await maintenance(11 * 60_000).run();
      expect(liveIds()).not.toContain(old.id);
      // The API process hears of the stop through NOTIFY (webhook-owners.ts), a moment after the commit.
      let n = 900002;
      await waitFor(async () => (await notify(String(n++))).statusCode === 404, 'the stopped channel to be refused', 2000);
    });
  }

  if (type === 'MICROSOFT') {
    it('recreates a subscription that is gone when renewing (404)', async () => {
      const old = (await row()).webhook_subscription_id!;
      h.microsoft.control.expireSubscription(old);
      await gql(RENEW, { id: providerId });
      const current = (await row()).webhook_subscription_id!;
      expect(current).not.toBe(old);
      expect(liveIds()).toContain(current);
    });

    it('handles lifecycle events: reauthorizationRequired → renew + catch-up; subscriptionRemoved → recreate + resync; missed → resync', async () => {
      const sub = (await row()).webhook_subscription_id!;
      let runs = await syncRuns();
      h.microsoft.control.sendLifecycleEvent(sub, 'reauthorizationRequired');
      await waitFor(async () => !h.microsoft.control.subscriptions().find((s) => s.id === sub)!.needsReauthorization && (await syncRuns()) > runs, 'reauthorized and caught up', 5000);
      runs = await syncRuns();
      h.microsoft.control.sendLifecycleEvent(sub, 'subscriptionRemoved');
      await waitFor(async () => (await row()).webhook_subscription_id !== sub && (await syncRuns()) > runs, 'recreated and resynced', 5000);
      expect(liveIds()).toEqual([(await row()).webhook_subscription_id]);
      runs = await syncRuns();
      h.microsoft.control.sendLifecycleEvent((await row()).webhook_subscription_id!, 'missed');
      await waitFor(async () => (await syncRuns()) > runs, 'resynced after missed notifications', 5000);
    });

    it('falls back to polling when the tenant refuses subscriptions, and says so in the health', async () => {
      h.microsoft.control.refuseSubscriptions(true);
      h.microsoft.control.expireSubscription((await row()).webhook_subscription_id!);
      const expiresAt = new Date((await row()).webhook_expires_at!).getTime();
      // Renewal (20 hours before expiry) gets 404, creation 403: no subscription, a sync queued by each run instead.
      await webhookMaintenanceServices(h.t.runtime.deps, () => new Date(expiresAt - 20 * 3_600_000)).maintenance.run();
      expect((await row()).webhook_subscription_id).toBeNull();
      const runs = await syncRuns();
      await maintenance().run();
      await waitFor(async () => (await syncRuns()) > runs, 'a polling sync', 5000);
      const shown = await health();
      expect(shown.status).toBe('CONNECTED');
      expect(shown.webhookHealth).toMatchObject({ status: 'FAILING', polling: true, consecutiveFailures: 0 });
      expect(shown.webhookHealth.lastError).toMatch(/polling/);
      h.microsoft.control.refuseSubscriptions(false);
      await maintenance().run();
      expect((await health()).webhookHealth).toMatchObject({ status: 'ACTIVE', polling: false, lastError: null });
    });
  }

  it('stops the watch when the provider is deactivated and creates it again when reactivated', async () => {
    const old = (await row()).webhook_subscription_id!;
    await gql(UPDATE, { id: providerId, input: { active: false } });
    await waitFor(async () => (await row()).webhook_subscription_id === null, 'the watch stopped', 5000);
    expect(liveIds()).not.toContain(old);
    expect((await health()).webhookHealth.status).toBe('NONE');
    await gql(UPDATE, { id: providerId, input: { active: true } });
    await waitFor(async () => (await row()).webhook_subscription_id !== null, 'the watch created again', 5000);
    expect(liveIds()).toContain((await row()).webhook_subscription_id);
  });

  if (type === 'GOOGLE') {
    it('runs one maintenance run at a time: a run that starts while another holds the lock skips', async () => {
      const expiresAt = new Date((await row()).webhook_expires_at!).getTime();
      const nearExpiry = webhookMaintenanceServices(h.t.runtime.deps, () => new Date(expiresAt - 20 * 3_600_000)).maintenance;
      h.google.control.setLatency(300);
      try {
        const reports = await Promise.all([nearExpiry.run(), nearExpiry.run()]);
        expect(reports.filter((report) => report === null)).toHaveLength(1);
        expect(reports.find((report) => report !== null)!.actions).toEqual({ renew: 1 });
      } finally {
        h.google.control.setLatency(0);
      }
    });
  }

  it('replaces the watch when another calendar is chosen (and back)', async () => {
    const other = type === 'GOOGLE'
      ? (h.google.control.createCalendar(GOOGLE_USER, { summary: 'Dispatch' }) as { id: string }).id
      : h.microsoft.control.createCalendar(MICROSOFT_USER, { name: 'Dispatch' }).id;
    const watchedCalendar = (id: string) =>
      type === 'GOOGLE' ? h.google.control.channels().find((c) => c.id === id)?.calendarId : h.microsoft.control.subscriptions().find((s) => s.id === id)?.resource;
    for (const [to, from] of [[other, calendarId], [calendarId, other]]) {
      const old = (await row()).webhook_subscription_id!;
      await gql(UPDATE, { id: providerId, input: { calendarId: to } });
      await waitFor(async () => ![null, old].includes((await row()).webhook_subscription_id), `a watch on ${to}`, 5000);
      const current = (await row()).webhook_subscription_id!;
      expect(liveIds()).toEqual([current]);
      expect(watchedCalendar(current)).toContain(to);
      expect(watchedCalendar(current)).not.toContain(from);
    }
  });

  // Last but two: afterwards the simulators' clocks are ten days ahead of ours.
  it('keeps the calendar covered for 10 simulated days of maintenance runs, renewing within a day of expiry', async () => {
    const renewalsBefore = (await health()).webhookHealth.lastRenewalAt;
    const seen = new Set<string>();
    for (let step = 0; step < 40; step += 1) {
      await advance(6 * HOUR_S);
      const current = (await row()).webhook_subscription_id!;
      expect({ step, covered: liveIds().includes(current) }).toEqual({ step, covered: true });
      await maintenance().run();
      const renewed = (await row()).webhook_subscription_id!;
      seen.add(renewed);
      expect({ step, covered: liveIds().includes(renewed) }).toEqual({ step, covered: true });
    }
    if (type === 'GOOGLE') {
      // One roll (day 6): a new channel; the old one was stopped by a run after the overlap.
      expect(seen.size).toBeGreaterThanOrEqual(2);
      expect(liveIds()).toEqual([(await row()).webhook_subscription_id]);
    } else {
      const patches = h.microsoft.control.requestLog().filter((entry) => entry.method === 'PATCH' && entry.path.includes('/subscriptions/'));
      expect(patches.length).toBeGreaterThanOrEqual(3);
      expect(seen.size).toBe(1);
    }
    const after = await health();
    expect(after.webhookHealth.status).toBe('ACTIVE');
    expect(after.webhookHealth.lastRenewalAt).not.toBe(renewalsBefore);
    // Still the webhook path: a change now arrives as a notification on the current watch.
    const before = await inboxCount();
    remote.create(calendarId, `After ten days ${type}`, daysAhead(4, 10), daysAhead(4, 11));
    await waitFor(async () => (await inboxCount()) > before, 'a notification after ten simulated days', 2000);
  });

  it('marks the provider ERROR with the reason after 3 renewals failed in a row', async () => {
    if (type === 'GOOGLE') h.google.control.injectFault({ match: { method: 'POST', pathPrefix: '/calendar/v3/calendars' }, status: 500, times: 100 });
    else h.microsoft.control.injectFault({ match: { method: 'PATCH', pathPrefix: '/v1.0/subscriptions' }, status: 500, times: 100 });
    const expiresAt = new Date((await row()).webhook_expires_at!).getTime();
    // A clock 20 hours before expiry: inside the renewal window.
    const nearExpiry = webhookMaintenanceServices(h.t.runtime.deps, () => new Date(expiresAt - 20 * 3_600_000)).maintenance;
    await nearExpiry.run();
    expect((await health()).webhookHealth).toMatchObject({ status: 'FAILING', consecutiveFailures: 1 });
    expect((await row()).status).toBe('connected');
    await nearExpiry.run();
    await nearExpiry.run();
    const failed = await row();
    expect(failed.status).toBe('error');
    expect(failed.last_error).toMatch(/3 times in a row: .*500/);
    expect((await health()).webhookHealth).toMatchObject({ status: 'FAILING', consecutiveFailures: 3 });
    if (type === 'GOOGLE') h.google.control.clearFaults();
    else h.microsoft.control.clearFaults();
    // Runs leave an ERROR provider alone; an admin's renewal that succeeds ends the ERROR this job set.
    await maintenance().renewNow(h.tenant.tenantId, providerId);
    expect(await row()).toMatchObject({ status: 'connected', last_error: null });
    expect((await health()).webhookHealth).toMatchObject({ consecutiveFailures: 0 });
  });

  it('counts renewals on /metrics', async () => {
    const metrics = (await h.t.app.inject({ method: 'GET', url: '/metrics' })).body;
    const ok = new RegExp(`calendar_webhook_renewals\\{provider_type="${type.toLowerCase()}",outcome="ok"\\} (\\d+)`).exec(metrics);
    const failed = new RegExp(`calendar_webhook_renewals\\{provider_type="${type.toLowerCase()}",outcome="failed"\\} (\\d+)`).exec(metrics);
    expect(Number(ok?.[1])).toBeGreaterThan(1);
    expect(Number(failed?.[1])).toBeGreaterThanOrEqual(3);
  });

  it('stops every channel (an overlapping one too) before the provider is deleted', async () => {
    await maintenance().renewNow(h.tenant.tenantId, providerId);
    // Google: the current channel and those rolled over by the renewals just before, still in their overlap.
    expect(liveIds().length).toBe(type === 'GOOGLE' ? 3 : 1);
    await gql('mutation ($id: ID!) { deleteCalendarProvider(id: $id) }', { id: providerId });
    expect(liveIds()).toEqual([]);
    const left = await queryDatabase(h.t.db.url, 'select 1 from calendar_webhook_channels where provider_id = $1', [providerId]);
    expect(left).toEqual([]);
  });
});
