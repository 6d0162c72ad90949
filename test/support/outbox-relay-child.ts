import { createOrm } from '../../src/db/orm';
import { HookRegistry } from '../../src/edition/extension-registry';
import { OutboxRelay } from '../../src/events';
import { createLogger } from '../../src/observability/logger';

/**
 * An outbox relay in a process of its own, for the outbox process tests. MODE=record: the subscriber inserts
 * every delivery into `outbox_test_deliveries` (the test creates it), so duplicates across processes show up.
 * MODE=block: the subscriber prints the event id and never returns, so the test can SIGKILL it mid-delivery.
 */
async function main(): Promise<void> {
  const env = process.env;
  const url = env.DATABASE_URL!;
  const relayName = env.RELAY_NAME ?? `relay-${process.pid}`;
  const logger = createLogger(env.LOG_LEVEL ?? 'warn');
  const orm = await createOrm({ url, poolMax: 5, entities: [], logger });
  const hooks = new HookRegistry();
  hooks.on('schedule.entryChanged', async (event, delivery) => {
    if (env.MODE === 'block') {
      process.stdout.write(`delivering ${delivery.eventId}\n`);
      await new Promise(() => undefined);
    }
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
    const n = (event.payload.after as { n: number }).n;
    await orm.em.fork().execute(
      'insert into outbox_test_deliveries (event_id, tenant_id, aggregate_id, n, relay, attempt) values (?, ?, ?, ?, ?, ?)',
      [delivery.eventId, event.tenantId, event.aggregateId, n, relayName, delivery.attempt],
    );
  });
  const leaseMs = Number(env.LEASE_MS ?? 60_000);
  const relay = new OutboxRelay({ orm, hooks, logger, listenUrl: url, options: { leaseMs, pollIntervalMs: Number(env.POLL_MS ?? 1000) } });
  await relay.start();
  process.on('SIGTERM', () => {
    void relay
      .stop()
      .then(() => orm.close())
      .then(() => process.exit(0));
  });
  process.stdout.write(`relay ready ${relayName}\n`);
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
