import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createOrm, type Orm } from '../../src/db/orm';
import { runMigrations } from '../../src/db/migrate';
import { HookRegistry } from '../../src/edition/extension-registry';
import { appendDomainEvent, OutboxRelay } from '../../src/events';
import { createLogger } from '../../src/observability/logger';
import { coreMigrations } from '../../migrations';
import { REDIS_URL, TEST_SECRET_KEYS } from '../support/services';
import { spawnTs, startServer, type SpawnedProcess } from '../support/spawn-process';
import { startTestApp, type TestApp } from '../support/test-app';
import { createTestDatabase, queryDatabase } from '../support/test-database';
import { waitFor } from '../support/wait-for';

jest.setTimeout(120_000);

const silent = createLogger('silent');
const appendWith = (orm: Orm, tenantId: string, aggregateId: string, n: number) =>
  orm.em.fork().transactional((em) =>
    appendDomainEvent(em, { tenantId, type: 'schedule_entry.updated', aggregateId, payload: { before: { n: n - 1 }, after: { n } } }),
  );
const startRelayChild = async (env: NodeJS.ProcessEnv): Promise<SpawnedProcess> => {
  const child = spawnTs('test/support/outbox-relay-child.ts', env);
  await child.waitForOutput(/relay ready/);
  return child;
};

describe('outbox relays in separate processes', () => {
  let t: TestApp;
  let tenantId: string;
  const children: SpawnedProcess[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    tenantId = (await t.createTenant('Relays')).tenantId;
    await queryDatabase(
      t.db.url,
      `create table outbox_test_deliveries (
         handled_seq bigserial primary key, event_id uuid not null, tenant_id uuid not null, aggregate_id uuid not null,
         n int not null, relay text not null, attempt int not null)`,
    );
  });
  afterAll(async () => {
    await Promise.all(children.map((child) => child.stop('SIGKILL')));
    await t.close();
  });
  beforeEach(async () => {
    await queryDatabase(t.db.url, 'delete from domain_events; delete from outbox_test_deliveries');
  });
  const append = (aggregateId: string, n: number) => appendWith(t.runtime.deps.orm, tenantId, aggregateId, n);

  it('redelivers an event whose relay was killed after the commit and before publishing', async () => {
    const leaseMs = 4000;
    const blocked = await startRelayChild({ DATABASE_URL: t.db.url, MODE: 'block', LEASE_MS: String(leaseMs) });
    children.push(blocked);
    const id = await append(randomUUID(), 1);
    await blocked.waitForOutput(new RegExp(`delivering ${id}`));
    expect(await blocked.stop('SIGKILL')).toBeNull();
    const [orphan] = await queryDatabase(t.db.url, 'select published_at, attempts, lease_token is not null as leased from domain_events where id = $1', [id]);
    expect(orphan).toEqual({ published_at: null, attempts: 1, leased: true });

    const received: Array<{ eventId: string; attempt: number }> = [];
    const hooks = new HookRegistry();
    hooks.on('schedule.entryChanged', (_event, delivery) => void received.push(delivery));
    const restarted = new OutboxRelay({ orm: t.runtime.deps.orm, hooks, logger: silent, options: { pollIntervalMs: 100 } });
    expect(await restarted.drainOnce()).toEqual({ claimed: 0, delivered: 0, failed: 0 }); // the dead relay's lease still holds
    await restarted.start();
    try {
      await waitFor(() => received.length > 0, 'the redelivery after the lease expired', leaseMs + 5000, 50);
      expect(received).toEqual([{ eventId: id, attempt: 2 }]);
      await waitFor(async () => (await queryDatabase(t.db.url, 'select 1 from domain_events where id = $1 and published_at is not null', [id])).length === 1, 'publication');
    } finally {
      await restarted.stop();
    }
  });

  it('two relay processes share 1,000 events over 50 aggregates: each handled once, in order per aggregate', async () => {
    const aggregates = Array.from({ length: 50 }, () => randomUUID());
    // One writer per aggregate, all concurrently: commit order within an aggregate is n ascending.
    const write = (from: number, to: number) =>
      Promise.all(aggregates.map(async (aggregateId) => {
        for (let n = from; n <= to; n += 1) await append(aggregateId, n);
      }));
    // Half of them wait before the relays start (a backlog of 10 per aggregate), half arrive while they run.
    await write(1, 10);
    const relays = [];
    for (const name of ['relay-a', 'relay-b']) relays.push(await startRelayChild({ DATABASE_URL: t.db.url, RELAY_NAME: name }));
    children.push(...relays);
    await write(11, 20);
    const count = async () => Number((await queryDatabase<{ c: string }>(t.db.url, 'select count(*) as c from outbox_test_deliveries'))[0]!.c);
    await waitFor(async () => (await count()) >= 1000, '1,000 deliveries', 60_000, 200);
    await waitFor(async () => (await queryDatabase(t.db.url, 'select 1 from domain_events where published_at is null')).length === 0, 'all published', 10_000, 100);
    await new Promise((resolve) => setTimeout(resolve, 1500)); // room for a duplicate to show up, were there one

    const deliveries = await queryDatabase<{ event_id: string; aggregate_id: string; n: number; relay: string; attempt: number }>(
      t.db.url,
      'select event_id, aggregate_id, n, relay, attempt from outbox_test_deliveries order by handled_seq',
    );
    expect(deliveries).toHaveLength(1000);
    expect(new Set(deliveries.map((delivery) => delivery.event_id)).size).toBe(1000);
    expect(deliveries.every((delivery) => delivery.attempt === 1)).toBe(true);
    for (const aggregateId of aggregates) {
      const order = deliveries.filter((delivery) => delivery.aggregate_id === aggregateId).map((delivery) => delivery.n);
      expect(order).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
    }
    const byRelay = (name: string) => deliveries.filter((delivery) => delivery.relay === name).length;
    expect(byRelay('relay-a')).toBeGreaterThan(0);
    expect(byRelay('relay-b')).toBeGreaterThan(0);
    for (const relay of relays) expect(await relay.stop()).toBe(0);
  });
});

describe('where the relay runs', () => {
  const spawned: SpawnedProcess[] = [];
  const track = <T extends SpawnedProcess>(child: T): T => (spawned.push(child), child);
  afterEach(async () => {
    await Promise.all(spawned.splice(0).map((child) => child.stop('SIGKILL')));
  });
  const waitPublished = (url: string, id: string, timeoutMs = 10_000) =>
    waitFor(
      async () => (await queryDatabase(url, 'select 1 from domain_events where id = $1 and published_at is not null', [id])).length === 1,
      `event ${id} to be published`,
      timeoutMs,
      100,
    );

  it('npm start publishes events when RUN_WORKERS is on, and leaves them to the workers when it is off', async () => {
    const db = await createTestDatabase('outboxsrv');
    const env = { DATABASE_URL: db.url, SECRET_KEYS: TEST_SECRET_KEYS };
    let orm: Orm | undefined;
    try {
      const withoutWorkers = track(await startServer({ ...env, RUN_WORKERS: 'false' }));
      orm = await createOrm({ url: db.url, poolMax: 2, entities: [], logger: silent });
      const tenantId = randomUUID();
      await queryDatabase(db.url, "insert into tenants (id, name) values ($1, 'Boot')", [tenantId]);
      const id = await appendWith(orm, tenantId, randomUUID(), 1);
      await new Promise((resolve) => setTimeout(resolve, 2500)); // > one poll interval
      expect(await queryDatabase(db.url, 'select published_at from domain_events where id = $1', [id])).toEqual([{ published_at: null }]);
      expect(await withoutWorkers.stop()).toBe(0);

      const withWorkers = track(await startServer(env));
      await waitPublished(db.url, id);
      const next = await appendWith(orm, tenantId, randomUUID(), 1);
      await waitPublished(db.url, next, 3000);
      expect(await withWorkers.stop()).toBe(0);
    } finally {
      await orm?.close();
      await db.drop();
    }
  });

  it('npm run workers publishes events', async () => {
    const db = await createTestDatabase('outboxwrk');
    let orm: Orm | undefined;
    try {
      await runMigrations(db.url, [coreMigrations], silent);
      const workers = track(spawnTs('workers/main.ts', { DATABASE_URL: db.url, SECRET_KEYS: TEST_SECRET_KEYS, REDIS_URL, REDIS_PREFIX: `sbtest-outbox-${randomUUID()}`, LOG_LEVEL: 'info' }));
      await workers.waitForOutput(/workers started/);
      orm = await createOrm({ url: db.url, poolMax: 2, entities: [], logger: silent });
      const tenantId = randomUUID();
      await queryDatabase(db.url, "insert into tenants (id, name) values ($1, 'Workers')", [tenantId]);
      await waitPublished(db.url, await appendWith(orm, tenantId, randomUUID(), 1));
      expect(await workers.stop()).toBe(0);
    } finally {
      await orm?.close();
      await db.drop();
    }
  });

  it('embedded mode (PGlite, no DATABASE_URL): the server publishes by polling', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'sb-outbox-'));
    let orm: Orm | undefined;
    try {
      const server = track(await startServer({ DATA_DIR: dataDir }));
      const { port } = JSON.parse(await readFile(path.join(dataDir, 'pglite.lock.json'), 'utf8')) as { port: number };
      const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
      orm = await createOrm({ url, poolMax: 1, entities: [], logger: silent });
      const tenantId = randomUUID();
      await queryDatabase(url, "insert into tenants (id, name) values ($1, 'Embedded')", [tenantId]);
      await waitPublished(url, await appendWith(orm, tenantId, randomUUID(), 1));
      await orm.close();
      orm = undefined;
      expect(await server.stop()).toBe(0);
    } finally {
      await orm?.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
