import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { calendarServices } from '../../src/calendar/calendar.module';
import { webhookSecretContext } from '../../src/calendar/calendar-tokens-secret';
import { STABLE_ROUTES } from '../../../src/http/stable-routes';
import { queryDatabase } from '../../../test/support/test-database';
import { waitFor } from '../../../test/support/wait-for';
import { startTestApp, type TestApp } from '../../../test/support/test-app';
import type { CreatedTenant } from '../../../src/tenants/tenant.service';

describe('stable calendar URLs in the enterprise edition', () => {
  let t: TestApp;
  let tenant: CreatedTenant;

  beforeAll(async () => {
    t = await startTestApp({ edition: 'enterprise', env: { APP_URL: 'https://psa.example' } });
    tenant = await t.createTenant('Webhooks');
  });
  afterAll(() => t.close());

  const ctx = () => ({ tenantId: tenant.tenantId, userId: tenant.userId, role: 'admin' as const, via: 'api_key' as const });
  const inboxRows = (providerId: string) =>
    queryDatabase<{ kind: string; payload: Record<string, unknown> }>(t.db.url, 'select kind, payload from webhook_inbox where provider_id = $1 order by received_at, kind, id', [providerId]);
  const queuedSyncs = async () => (await t.runtime.deps.queue.counts())['calendar-sync']?.waiting ?? 0;
  const queuedMaintenance = async () => (await t.runtime.deps.queue.counts())['calendar-webhook-maintenance']?.waiting ?? 0;

  /** A provider with a registered channel/subscription, as webhook maintenance will leave it. */
  async function watchedProvider(type: 'google' | 'microsoft') {
    const { providers } = calendarServices(t.runtime.deps);
    // Created as Google and retyped below: a Microsoft provider would need a CALENDAR binding this test does not use.
    const provider = await providers.create(ctx(), { name: `${type} cal`, providerType: 'google', syncDirection: 'bidirectional' });
    const subscriptionId = randomUUID();
    const secret = randomUUID();
    await queryDatabase(
      t.db.url,
      `update calendar_providers set provider_type = $2, webhook_subscription_id = $3, webhook_resource_id = $4, webhook_client_state = $5,
         webhook_expires_at = now() + interval '1 day', status = 'connected' where id = $1`,
      [provider.id, type, subscriptionId, type === 'google' ? `res-${subscriptionId}` : null, t.runtime.deps.secretBox.encrypt(secret, webhookSecretContext(provider.id))],
    );
    return { providerId: provider.id, subscriptionId, secret, resourceId: `res-${subscriptionId}` };
  }

  describe.each(Object.entries(STABLE_ROUTES))('%s', (_id, url) => {
    it('answers CORS preflight for the PSA origin only', async () => {
      const response = await t.app.inject({ method: 'OPTIONS', url, headers: { origin: 'https://psa.example', 'access-control-request-method': 'POST' } });
      expect(response.statusCode).toBe(204);
      expect(response.headers['access-control-allow-origin']).toBe('https://psa.example');
    });

    it('refuses methods it does not serve with 405 JSON', async () => {
      const response = await t.app.inject({ method: 'PUT', url });
      expect(response.statusCode).toBe(405);
      expect(response.json()).toEqual({ success: false, error: 'Method not allowed.' });
    });
  });

  it('OAuth callbacks answer GET themselves (no 501 in enterprise)', async () => {
    for (const url of [STABLE_ROUTES['calendar.google.callback'], STABLE_ROUTES['calendar.microsoft.callback']]) {
      const response = await t.app.inject({ method: 'GET', url: `${url}?code=x`, headers: { accept: 'application/json' } });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual({ success: false, error: 'invalid_state' });
      expect((await t.app.inject({ method: 'POST', url })).statusCode).toBe(405);
    }
  });

  describe('Google push notifications', () => {
    const notify = (headers: Record<string, string>) => t.app.inject({ method: 'POST', url: STABLE_ROUTES['calendar.google.webhook'], headers });

    it('acknowledges the sync ping without side effects and persists + queues changes, coalescing bursts', async () => {
      const { providerId, subscriptionId, secret, resourceId } = await watchedProvider('google');
      const base = { 'x-goog-channel-id': subscriptionId, 'x-goog-channel-token': secret, 'x-goog-resource-id': resourceId };
      const queuedBefore = await queuedSyncs();
      expect((await notify({ ...base, 'x-goog-resource-state': 'sync', 'x-goog-message-number': '1' })).statusCode).toBe(200);
      expect(await inboxRows(providerId)).toEqual([]);
      for (const number of ['3', '7', '8']) {
        expect((await notify({ ...base, 'x-goog-resource-state': 'exists', 'x-goog-message-number': number })).statusCode).toBe(200);
      }
      expect((await inboxRows(providerId)).map((row) => [row.kind, row.payload.messageNumber])).toEqual([
        ['google.exists', '3'],
        ['google.exists', '7'],
        ['google.exists', '8'],
      ]);
      expect(await queuedSyncs()).toBe(queuedBefore + 1);
    });

    it('ignores unknown channels, wrong tokens and foreign resource ids with 404 and no side effect', async () => {
      const { providerId, subscriptionId, secret, resourceId } = await watchedProvider('google');
      const cases: Array<Record<string, string>> = [
        { 'x-goog-channel-id': randomUUID(), 'x-goog-channel-token': secret, 'x-goog-resource-id': resourceId },
        { 'x-goog-channel-id': subscriptionId, 'x-goog-channel-token': 'wrong', 'x-goog-resource-id': resourceId },
        { 'x-goog-channel-id': subscriptionId, 'x-goog-resource-id': resourceId },
        { 'x-goog-channel-id': subscriptionId, 'x-goog-channel-token': secret, 'x-goog-resource-id': 'other' },
      ];
      const queuedBefore = await queuedSyncs();
      for (const headers of cases) expect((await notify({ ...headers, 'x-goog-resource-state': 'exists' })).statusCode).toBe(404);
      expect(await inboxRows(providerId)).toEqual([]);
      expect(await queuedSyncs()).toBe(queuedBefore);
      expect((await notify({ 'x-goog-resource-state': 'exists' })).statusCode).toBe(400);
    });
  });

  describe('Microsoft Graph notifications', () => {
    const post = (payload: unknown, query = '') =>
      t.app.inject({ method: 'POST', url: `${STABLE_ROUTES['calendar.microsoft.webhook']}${query}`, headers: { 'content-type': 'application/json' }, payload: payload as object });

    it('echoes validation tokens as text/plain', async () => {
      const token = 'Validation: Testing client application reachability for subscription Request-Id: 1234';
      const viaPost = await t.app.inject({ method: 'POST', url: `${STABLE_ROUTES['calendar.microsoft.webhook']}?validationToken=${encodeURIComponent(token)}`, headers: { 'content-type': 'text/plain' }, payload: '' });
      expect(viaPost.statusCode).toBe(200);
      expect(viaPost.headers['content-type']).toMatch(/^text\/plain/);
      expect(viaPost.body).toBe(token);
      const viaGet = await t.app.inject({ method: 'GET', url: `${STABLE_ROUTES['calendar.microsoft.webhook']}?validationToken=abc` });
      expect(viaGet.body).toBe('abc');
    });

    it('persists verified items of a batch with one sync and one lifecycle job, skips the rest, and answers 202', async () => {
      const { providerId, subscriptionId, secret } = await watchedProvider('microsoft');
      const [syncsBefore, maintenanceBefore] = [await queuedSyncs(), await queuedMaintenance()];
      const response = await post({
        value: [
          { subscriptionId, clientState: secret, changeType: 'updated', resourceData: { id: 'evt-1' } },
          { subscriptionId, clientState: 'forged', changeType: 'deleted', resourceData: { id: 'evt-2' } },
          { subscriptionId: randomUUID(), clientState: secret, changeType: 'created' },
          { subscriptionId, clientState: secret, lifecycleEvent: 'reauthorizationRequired' },
        ],
      });
      expect(response.statusCode).toBe(202);
      expect((await inboxRows(providerId)).map((row) => [row.kind, row.payload.eventId])).toEqual([
        ['microsoft.change', 'evt-1'],
        ['microsoft.lifecycle.reauthorizationRequired', null],
      ]);
      expect(await queuedSyncs()).toBe(syncsBefore + 1);
      expect(await queuedMaintenance()).toBe(maintenanceBefore + 1);
    });

    it('answers 404 when nothing in the batch is ours, 400 for a malformed body', async () => {
      const { providerId, subscriptionId } = await watchedProvider('microsoft');
      const [syncsBefore, maintenanceBefore] = [await queuedSyncs(), await queuedMaintenance()];
      expect((await post({ value: [{ subscriptionId, clientState: 'nope', changeType: 'updated' }] })).statusCode).toBe(404);
      expect((await post({ value: [{ subscriptionId, clientState: 'nope', lifecycleEvent: 'missed' }] })).statusCode).toBe(404);
      expect(await inboxRows(providerId)).toEqual([]);
      expect([await queuedSyncs(), await queuedMaintenance()]).toEqual([syncsBefore, maintenanceBefore]);
      expect((await post({ something: 'else' })).statusCode).toBe(400);
    });

    it('answers 503 when it cannot persist, so Graph (and Google) retry', async () => {
      const { subscriptionId, secret } = await watchedProvider('microsoft');
      const google = await watchedProvider('google');
      await queryDatabase(t.db.url, 'alter table webhook_inbox rename to webhook_inbox_offline');
      try {
        const response = await post({ value: [{ subscriptionId, clientState: secret, changeType: 'updated' }] });
        expect(response.statusCode).toBe(503);
        expect(response.json()).toEqual({ success: false, error: 'The notifications could not be stored; retry later.' });
        const push = await t.app.inject({
          method: 'POST',
          url: STABLE_ROUTES['calendar.google.webhook'],
          headers: { 'x-goog-channel-id': google.subscriptionId, 'x-goog-channel-token': google.secret, 'x-goog-resource-id': google.resourceId, 'x-goog-resource-state': 'exists' },
        });
        expect(push.statusCode).toBe(503);
        expect(push.json()).toEqual({ success: false, error: 'The notification could not be stored; retry later.' });
      } finally {
        await queryDatabase(t.db.url, 'alter table webhook_inbox_offline rename to webhook_inbox');
      }
    });
  });
  it('does not hold acks behind a hung insert: cancelled after 2 s, answered 503, the next one stored', async () => {
    const w = await watchedProvider('google');
    const push = (n: string) =>
      t.app.inject({
        method: 'POST',
        url: STABLE_ROUTES['calendar.google.webhook'],
        headers: { 'x-goog-channel-id': w.subscriptionId, 'x-goog-channel-token': w.secret, 'x-goog-resource-id': w.resourceId, 'x-goog-resource-state': 'exists', 'x-goog-message-number': n },
      });
    expect((await push('1')).statusCode).toBe(200);
    // The inbox row's foreign key check waits for this lock on the provider row, as long as it is held.
    const holder = new Client({ connectionString: t.db.url });
    await holder.connect();
    try {
      await holder.query('begin');
      await holder.query('select 1 from calendar_providers where id = $1 for update', [w.providerId]);
      const started = Date.now();
      const answer = await Promise.race([push('2'), new Promise<null>((resolve) => setTimeout(() => resolve(null), 4000))]);
      expect(answer?.statusCode).toBe(503);
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      await holder.query('rollback');
      await holder.end();
    }
    expect((await push('3')).statusCode).toBe(200);
    expect((await inboxRows(w.providerId)).map((row) => row.payload.messageNumber)).toEqual(['1', '3']);
  });

  describe('verified channel owners (kept per process, dropped on change)', () => {
    const notify = (w: { subscriptionId: string; resourceId: string }, token: string, n: number) =>
      t.app.inject({
        method: 'POST',
        url: STABLE_ROUTES['calendar.google.webhook'],
        headers: { 'x-goog-channel-id': w.subscriptionId, 'x-goog-channel-token': token, 'x-goog-resource-id': w.resourceId, 'x-goog-resource-state': 'exists', 'x-goog-message-number': String(n) },
      });
    let message = 0;
    const status = async (w: { subscriptionId: string; resourceId: string }, token: string) => (await notify(w, token, ++message)).statusCode;
    /** Changes the row without firing its triggers (no NOTIFY): what the process then answers is what it kept. */
    async function updateSilently(sql: string, params: unknown[]): Promise<void> {
      const client = new Client({ connectionString: t.db.url });
      await client.connect();
      try {
        await client.query('set session_replication_role = replica');
        await client.query(sql, params);
      } finally {
        await client.end();
      }
    }

    it('keeps what it verified: a change nobody announced is not seen until a NOTIFY names the channel', async () => {
      const w = await watchedProvider('google');
      // A forged token first: refused, and it neither warms nor poisons what the process keeps.
      expect(await status(w, 'forged')).toBe(404);
      expect(await status(w, w.secret)).toBe(200);
      const next = randomUUID();
      await updateSilently('update calendar_providers set webhook_client_state = $2 where id = $1', [
        w.providerId,
        t.runtime.deps.secretBox.encrypt(next, webhookSecretContext(w.providerId)),
      ]);
      expect(await status(w, w.secret)).toBe(200);
      await queryDatabase(t.db.url, 'select pg_notify($1, $2)', ['switchboard_webhook_owners', `google:${w.subscriptionId}`]);
      await waitFor(async () => (await status(w, w.secret)) === 404, 'the announced change to be seen', 2000);
      expect(await status(w, next)).toBe(200);
    });

    it('any writer’s change reaches it through the database triggers: deactivation, a new secret, a deletion', async () => {
      const w = await watchedProvider('google');
      expect(await status(w, w.secret)).toBe(200);
      await queryDatabase(t.db.url, 'update calendar_providers set active = false where id = $1', [w.providerId]);
      await waitFor(async () => (await status(w, w.secret)) === 404, 'a deactivated provider to be refused', 2000);

      const rotated = await watchedProvider('google');
      expect(await status(rotated, rotated.secret)).toBe(200);
      await queryDatabase(t.db.url, 'update calendar_providers set webhook_client_state = $2 where id = $1', [
        rotated.providerId,
        t.runtime.deps.secretBox.encrypt(randomUUID(), webhookSecretContext(rotated.providerId)),
      ]);
      await waitFor(async () => (await status(rotated, rotated.secret)) === 404, 'the old secret to be refused', 2000);

      const deleted = await watchedProvider('google');
      expect(await status(deleted, deleted.secret)).toBe(200);
      await queryDatabase(t.db.url, 'delete from calendar_providers where id = $1', [deleted.providerId]);
      await waitFor(async () => (await status(deleted, deleted.secret)) === 404, 'a deleted provider to be refused', 2000);
      expect(await inboxRows(deleted.providerId)).toEqual([]);
    });
  });
});
