import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { HookRegistry } from '../../src/edition/extension-registry';
import { appendDomainEvent, DOMAIN_EVENTS_CHANNEL, OutboxRelay, type DomainEvent, type OutboxRelayOptions } from '../../src/events';
import { createLogger } from '../../src/observability/logger';
import { startTestApp, type TestApp } from '../support/test-app';
import { queryDatabase } from '../support/test-database';
import { waitFor } from '../support/wait-for';

interface Handled {
  aggregateId: string;
  n: number;
  eventId: string;
  attempt: number;
  ok: boolean;
}

describe('transactional outbox', () => {
  let t: TestApp;
  let tenantId: string;
  const relays: OutboxRelay[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    tenantId = (await t.createTenant('Outbox')).tenantId;
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    await queryDatabase(t.db.url, 'delete from domain_events');
  });
  afterEach(async () => {
    await Promise.all(relays.splice(0).map((relay) => relay.stop()));
  });

  const sql = <T = Record<string, any>>(text: string, params: unknown[] = []) => queryDatabase<T>(t.db.url, text, params);
  const append = (aggregateId: string, n: number, tenant = tenantId) =>
    t.runtime.deps.orm.em.fork().transactional((em) =>
      appendDomainEvent(em, { tenantId: tenant, type: 'schedule_entry.updated', aggregateId, payload: { before: { n: n - 1 }, after: { n } } }),
    );
  const newRelay = (hooks: HookRegistry, options: Partial<OutboxRelayOptions> = {}, extra: { listenUrl?: string; lines?: string[] } = {}) => {
    const logger = extra.lines ? createLogger('debug', { write: (line: string) => extra.lines!.push(line) }) : createLogger('silent');
    const relay = new OutboxRelay({ orm: t.runtime.deps.orm, hooks, logger, listenUrl: extra.listenUrl, options });
    relays.push(relay);
    return relay;
  };
  /** A subscriber recording every delivery; `failures` says how many times to throw per aggregate before succeeding. */
  const recorder = (failures: Record<string, number> = {}) => {
    const handled: Handled[] = [];
    const hooks = new HookRegistry();
    hooks.on('schedule.entryChanged', (event: DomainEvent, delivery) => {
      const ok = (failures[event.aggregateId] ?? 0) <= 0;
      handled.push({ aggregateId: event.aggregateId, n: (event.payload.after as { n: number }).n, eventId: delivery.eventId, attempt: delivery.attempt, ok });
      if (!ok) {
        failures[event.aggregateId]! -= 1;
        throw new Error('calendar provider unavailable');
      }
    });
    return { hooks, handled, failures };
  };
  const drainUntilIdle = async (relay: OutboxRelay) => {
    while ((await relay.drainOnce()).claimed > 0);
  };
  const row = async (id: string) =>
    (
      await sql<{ published_at: Date | null; attempts: number; last_error: string | null; retry_in_ms: number }>(
        'select published_at, attempts, last_error, (extract(epoch from next_attempt_at - now()) * 1000)::float8 as retry_in_ms from domain_events where id = $1',
        [id],
      )
    )[0]!;
  const makeDue = (id: string) => sql('update domain_events set next_attempt_at = now() where id = $1', [id]);

  describe('appendDomainEvent', () => {
    it('writes nothing and notifies nobody when the transaction rolls back', async () => {
      const listener = new Client({ connectionString: t.db.url });
      await listener.connect();
      const notifications: string[] = [];
      listener.on('notification', (message) => notifications.push(message.channel));
      await listener.query(`listen ${DOMAIN_EVENTS_CHANNEL}`);
      try {
        const rolledBack = randomUUID();
        await expect(
          t.runtime.deps.orm.em.fork().transactional(async (em) => {
            await appendDomainEvent(em, { tenantId, type: 'schedule_entry.created', aggregateId: rolledBack, payload: { before: null, after: { n: 1 } } });
            throw new Error('the schedule write failed');
          }),
        ).rejects.toThrow('the schedule write failed');
        const committed = randomUUID();
        const committedId = await append(committed, 1);
        // Notifications arrive in commit order: once the committed one is here, a rolled-back one would be too.
        await waitFor(() => notifications.length > 0, 'the notification of the committed event');
        expect(notifications).toEqual([DOMAIN_EVENTS_CHANNEL]);
        expect(await sql('select aggregate_id from domain_events')).toEqual([{ aggregate_id: committed }]);

        const { hooks, handled } = recorder();
        await drainUntilIdle(newRelay(hooks));
        expect(handled.map((entry) => entry.eventId)).toEqual([committedId]);
      } finally {
        await listener.end();
      }
    });

    it('refuses to write outside a transaction', async () => {
      const input = { tenantId, type: 'schedule_entry.created' as const, aggregateId: randomUUID(), payload: { before: null, after: { n: 1 } } };
      await expect(appendDomainEvent(t.runtime.deps.orm.em.fork(), input)).rejects.toThrow(/inside the write transaction/);
      expect(await sql('select id from domain_events')).toEqual([]);
    });

    it('stores the tenant, type, aggregate and before/after payload the subscriber receives', async () => {
      const aggregateId = randomUUID();
      const id = await t.runtime.deps.orm.em.fork().transactional((em) =>
        appendDomainEvent(em, { tenantId, type: 'schedule_entry.deleted', aggregateId, payload: { before: { title: 'Standup' }, after: null } }),
      );
      const received: Array<[DomainEvent, { eventId: string; attempt: number }]> = [];
      const hooks = new HookRegistry();
      hooks.on('schedule.entryChanged', (event, delivery) => void received.push([event, delivery]));
      await drainUntilIdle(newRelay(hooks));
      expect(received).toEqual([
        [
          { id, tenantId, type: 'schedule_entry.deleted', aggregateId, payload: { before: { title: 'Standup' }, after: null }, createdAt: expect.any(Date) },
          { eventId: id, attempt: 1 },
        ],
      ]);
    });
    it('makes a second append to the same aggregate wait for the first transaction, so events never become visible out of order', async () => {
      const aggregateId = randomUUID();
      let commitFirst: (() => void) | undefined;
      const first = t.runtime.deps.orm.em.fork().transactional(async (em) => {
        const id = await appendDomainEvent(em, { tenantId, type: 'schedule_entry.created', aggregateId, payload: { before: null, after: { n: 1 } } });
        await new Promise<void>((resolve) => (commitFirst = resolve));
        return id;
      });
      await waitFor(() => commitFirst !== undefined, 'the first append');
      let secondCommitted = false;
      const second = append(aggregateId, 2).then((id) => ((secondCommitted = true), id));
      const { hooks, handled } = recorder();
      const relay = newRelay(hooks);
      try {
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(secondCommitted).toBe(false);
        expect(await relay.drainOnce()).toEqual({ claimed: 0, delivered: 0, failed: 0 });
      } finally {
        commitFirst!();
      }
      const ids = [await first, await second];
      await drainUntilIdle(relay);
      expect(handled.map((entry) => entry.eventId)).toEqual(ids);
    });
  });

  describe('relay', () => {
    it('delivers in order per aggregate, retries a failure with capped backoff, and holds back only that aggregate', async () => {
      const [a, b] = [randomUUID(), randomUUID()];
      const a1 = await append(a, 1);
      await append(b, 1);
      await append(a, 2);
      await append(b, 2);
      await append(a, 3);
      const { hooks, handled, failures } = recorder({ [a]: 99 });
      const lines: string[] = [];
      const relay = newRelay(hooks, { retryBaseMs: 1000, retryMaxMs: 4000 }, { lines });

      await drainUntilIdle(relay);
      // a1 failed and waits; a2 and a3 are held back behind it while b goes on.
      expect(handled.map((h) => `${h.aggregateId === a ? 'a' : 'b'}${h.n}${h.ok ? '' : '!'}`)).toEqual(['a1!', 'b1', 'b2']);
      const pendingA = await sql<{ n: number; attempts: number }>(
        "select (payload->'after'->>'n')::int as n, attempts from domain_events where aggregate_id = $1 and published_at is null order by seq",
        [a],
      );
      expect(pendingA).toEqual([{ n: 1, attempts: 1 }, { n: 2, attempts: 0 }, { n: 3, attempts: 0 }]);
      expect(await row(a1)).toMatchObject({ published_at: null, attempts: 1, last_error: 'calendar provider unavailable' });

      const delays: number[] = [(await row(a1)).retry_in_ms];
      for (let attempt = 2; attempt <= 4; attempt += 1) {
        await makeDue(a1); // stands in for the wait: the delay under test is the one recorded in the row
        expect(await relay.drainOnce()).toEqual({ claimed: 1, delivered: 0, failed: 1 });
        delays.push((await row(a1)).retry_in_ms);
      }
      const expected = [1000, 2000, 4000, 4000];
      delays.forEach((delay, index) => {
        expect(delay).toBeGreaterThan(expected[index]! - 500);
        expect(delay).toBeLessThanOrEqual(expected[index]!);
      });
      expect(lines.filter((line) => line.includes('retrying at the backoff cap')).map((line) => JSON.parse(line))).toEqual([
        expect.objectContaining({ level: 50, eventId: a1, attempt: 3 }),
        expect.objectContaining({ level: 50, eventId: a1, attempt: 4 }),
      ]);

      failures[a] = 0;
      await makeDue(a1);
      await drainUntilIdle(relay);
      expect(handled.slice(-3).map((h) => [h.aggregateId, h.n, h.attempt])).toEqual([
        [a, 1, 5],
        [a, 2, 1],
        [a, 3, 1],
      ]);
      expect(await sql('select id from domain_events where published_at is null')).toEqual([]);
    });

    it('does not deliver a retry before its backoff has elapsed', async () => {
      const a = randomUUID();
      const a1 = await append(a, 1);
      const { hooks, handled } = recorder({ [a]: 1 });
      const relay = newRelay(hooks, { retryBaseMs: 60_000 });
      expect(await relay.drainOnce()).toEqual({ claimed: 1, delivered: 0, failed: 1 });
      expect(await relay.drainOnce()).toEqual({ claimed: 0, delivered: 0, failed: 0 });
      await makeDue(a1);
      expect(await relay.drainOnce()).toEqual({ claimed: 1, delivered: 1, failed: 0 });
      expect(handled.map((h) => h.ok)).toEqual([false, true]);
    });

    it('once started, wakes on NOTIFY without waiting for a poll', async () => {
      const { hooks, handled } = recorder();
      await newRelay(hooks, { pollIntervalMs: 600_000 }, { listenUrl: t.db.url }).start();
      const id = await append(randomUUID(), 1);
      await waitFor(() => handled.length === 1, 'the NOTIFY-woken delivery', 3000);
      expect(handled[0]!.eventId).toBe(id);
      await waitFor(async () => (await row(id)).published_at !== null, 'the event to be published');
    });

    it('without LISTEN (embedded mode), polls and retries on its own after the backoff', async () => {
      const aggregate = randomUUID();
      const { hooks, handled } = recorder({ [aggregate]: 1 });
      await newRelay(hooks, { pollIntervalMs: 100, retryBaseMs: 300 }).start();
      const id = await append(aggregate, 1);
      await waitFor(() => handled.some((h) => h.ok), 'the retried delivery', 5000);
      expect(handled.map((h) => [h.eventId, h.attempt, h.ok])).toEqual([
        [id, 1, false],
        [id, 2, true],
      ]);
      await waitFor(async () => (await row(id)).published_at !== null, 'the event to be published');
    });

    it('counts a subscriber that does not answer within the delivery timeout as a failed attempt', async () => {
      const id = await append(randomUUID(), 1);
      const hooks = new HookRegistry();
      hooks.on('schedule.entryChanged', () => new Promise<void>(() => undefined));
      expect(await newRelay(hooks, { deliveryTimeoutMs: 200, retryBaseMs: 60_000 }).drainOnce()).toEqual({ claimed: 1, delivered: 0, failed: 1 });
      expect(await row(id)).toMatchObject({ published_at: null, attempts: 1, last_error: expect.stringMatching(/did not answer within 200 ms/) });
      expect((await sql('select lease_token from domain_events where id = $1', [id]))[0]).toEqual({ lease_token: null });
    });

    it('does not let a relay whose lease expired publish over the relay that took the event over', async () => {
      const id = await append(randomUUID(), 1);
      const blockingHooks = () => {
        const hooks = new HookRegistry();
        const gate: { release?: () => void; attempt?: number } = {};
        hooks.on('schedule.entryChanged', (_event, delivery) => new Promise<void>((resolve) => Object.assign(gate, { release: resolve, attempt: delivery.attempt })));
        return { hooks, gate };
      };
      const lines: string[] = [];
      const slow = blockingHooks();
      const slowRound = newRelay(slow.hooks, { leaseMs: 300, deliveryTimeoutMs: 30_000 }, { lines }).drainOnce();
      await waitFor(() => slow.gate.release !== undefined, 'the slow delivery to start');
      await new Promise((resolve) => setTimeout(resolve, 500)); // its lease runs out
      const takeover = blockingHooks();
      const takeoverRound = newRelay(takeover.hooks).drainOnce();
      await waitFor(() => takeover.gate.release !== undefined, 'the takeover delivery to start');
      expect(takeover.gate.attempt).toBe(2);

      slow.gate.release!();
      expect(await slowRound).toEqual({ claimed: 1, delivered: 0, failed: 0 });
      expect((await row(id)).published_at).toBeNull();
      expect(lines.some((line) => line.includes('lease expired during delivery') && line.includes(id))).toBe(true);
      takeover.gate.release!();
      expect(await takeoverRound).toEqual({ claimed: 1, delivered: 1, failed: 0 });
      expect((await row(id)).published_at).not.toBeNull();
    });

    it('publishes events nobody subscribes to (Community Edition)', async () => {
      expect(t.runtime.deps.hooks.count('schedule.entryChanged')).toBe(0);
      const ids = [await append(randomUUID(), 1), await append(randomUUID(), 1)];
      expect(await newRelay(t.runtime.deps.hooks).drainOnce()).toEqual({ claimed: 2, delivered: 2, failed: 0 });
      const published = await sql<{ id: string }>('select id from domain_events where published_at is not null order by seq');
      expect(published.map((entry) => entry.id)).toEqual(ids);
    });
  });

  describe('purge', () => {
    it('deletes only published events older than the retention window, in batches', async () => {
      const ids = await Promise.all(Array.from({ length: 9 }, (_, index) => append(randomUUID(), index + 1)));
      const [recentPublished, oldUnpublished, ...oldPublished] = ids;
      await sql("update domain_events set published_at = now() - interval '169 hours' where id = any($1)", [oldPublished]);
      await sql("update domain_events set published_at = now() - interval '167 hours' where id = $1", [recentPublished]);
      await sql("update domain_events set created_at = now() - interval '500 hours' where id = $1", [oldUnpublished]);
      const relay = newRelay(new HookRegistry(), { retentionHours: 168, purgeBatchSize: 3 });
      expect(await relay.purgeOnce()).toBe(7);
      const left = await sql<{ id: string }>('select id from domain_events');
      expect(left.map((entry) => entry.id).sort()).toEqual([recentPublished, oldUnpublished].sort());
    });
  });

  describe('metrics', () => {
    const scrape = async () => (await t.app.inject({ method: 'GET', url: '/metrics' })).body;
    const value = (body: string, name: string) => Number(body.match(new RegExp(`^${name} (\\S+)$`, 'm'))?.[1]);

    it('reports pending events, the age of the oldest, retries and delivery outcomes', async () => {
      const failing = randomUUID();
      const oldest = await append(randomUUID(), 1);
      await append(failing, 1);
      await append(randomUUID(), 1);
      await sql("update domain_events set created_at = now() - interval '1 hour' where id = $1", [oldest]);
      const before = await scrape();
      expect(value(before, 'outbox_pending')).toBe(3);
      expect(value(before, 'outbox_lag_seconds')).toBeGreaterThanOrEqual(3600);
      expect(value(before, 'outbox_lag_seconds')).toBeLessThan(3660);
      expect(value(before, 'outbox_retrying')).toBe(0);
      const delivered = (body: string, outcome: string) => Number(body.match(new RegExp(`^outbox_deliveries_total\\{outcome="${outcome}"\\} (\\S+)$`, 'm'))?.[1] ?? 0);

      const { hooks } = recorder({ [failing]: 1 });
      expect(await newRelay(hooks, { retryBaseMs: 60_000 }).drainOnce()).toEqual({ claimed: 3, delivered: 2, failed: 1 });
      const after = await scrape();
      expect(value(after, 'outbox_pending')).toBe(1);
      expect(value(after, 'outbox_retrying')).toBe(1);
      expect(value(after, 'outbox_lag_seconds')).toBeLessThan(60);
      expect(delivered(after, 'delivered') - delivered(before, 'delivered')).toBe(2);
      expect(delivered(after, 'failed') - delivered(before, 'failed')).toBe(1);

      await sql('update domain_events set published_at = now()');
      const empty = await scrape();
      expect([value(empty, 'outbox_pending'), value(empty, 'outbox_lag_seconds'), value(empty, 'outbox_retrying')]).toEqual([0, 0, 0]);
    });
  });
});
