import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { inBatches, pgArray } from '../db/sql-rows';
import { isUuid } from '../db/uuid';
import { DOMAIN_EVENTS_CHANNEL, isDomainEventType, type AppendDomainEventInput } from './domain-event';

/** Namespace (first key) of the per-aggregate advisory locks; the two-key space never meets single-key locks. */
export const AGGREGATE_LOCK_NAMESPACE = 0x0b0e;

/**
 * Inserts the row through `em` so it commits or rolls back with the caller's transaction. Returns the event id.
 *
 * Call it after writing the aggregate's own row. Before inserting it takes a transaction-scoped advisory lock on
 * the aggregate: a second transaction appending to the same aggregate waits until this one ends, so `seq` order
 * is commit order per aggregate and a relay never sees event N+1 committed while event N is still invisible.
 * The NOTIFY is queued in the same transaction, so Postgres sends it on commit and never on rollback.
 */
export async function appendDomainEvent(em: EntityManager, input: AppendDomainEventInput): Promise<string> {
  assertAppendable(em, input);
  const id = randomUUID();
  const payload = JSON.stringify(payloadOf(input));
  await em.execute('select pg_advisory_xact_lock(?, hashtext(?)), pg_notify(?, ?)', [
    AGGREGATE_LOCK_NAMESPACE,
    input.aggregateId,
    DOMAIN_EVENTS_CHANNEL,
    '',
  ]);
  await em.execute('insert into domain_events (id, tenant_id, type, aggregate_id, payload) values (?, ?, ?, ?, ?::jsonb)', [
    id,
    input.tenantId,
    input.type,
    input.aggregateId,
    payload,
  ]);
  return id;
}

/**
 * Many events (an import), a batch of rows per statement: the same locks and NOTIFY as appendDomainEvent, taken
 * in aggregate order so two bulk writers never wait on each other in a cycle.
 */
export async function appendDomainEvents(em: EntityManager, inputs: readonly AppendDomainEventInput[]): Promise<void> {
  if (inputs.length === 0) return;
  for (const input of inputs) assertAppendable(em, input);
  const aggregates = [...new Set(inputs.map((input) => input.aggregateId))].sort();
  await em.execute(
    `select pg_notify(?, '') from (select count(pg_advisory_xact_lock(?, hashtext(a))) from (select unnest(?::text[]) as a order by 1) ordered) locked`,
    [DOMAIN_EVENTS_CHANNEL, AGGREGATE_LOCK_NAMESPACE, pgArray(aggregates)],
  );
  for (const batch of inBatches(inputs)) {
    const rows = batch.map((input) => ({ id: randomUUID(), tenant_id: input.tenantId, type: input.type, aggregate_id: input.aggregateId, payload: payloadOf(input) }));
    await em.execute(
      `insert into domain_events (id, tenant_id, type, aggregate_id, payload)
       select r.id, r.tenant_id, r.type, r.aggregate_id, r.payload from jsonb_to_recordset(?::jsonb) as r(id uuid, tenant_id uuid, type text, aggregate_id uuid, payload jsonb)`,
      [JSON.stringify(rows)],
    );
  }
}

function payloadOf(input: AppendDomainEventInput): AppendDomainEventInput['payload'] {
  const { before, after, origin } = input.payload;
  return { before: before ?? null, after: after ?? null, ...(origin ? { origin } : {}) };
}

/** Programming errors, not user input: an event written outside a transaction would defeat the outbox. */
function assertAppendable(em: EntityManager, input: AppendDomainEventInput): void {
  if (!em.isInTransaction()) {
    throw new Error('appendDomainEvent must run inside the write transaction (em.transactional) of the change it records');
  }
  if (!isDomainEventType(input.type)) throw new Error(`appendDomainEvent: unknown event type "${String(input.type)}"`);
  if (!isUuid(input.tenantId)) throw new Error('appendDomainEvent: tenantId must be a uuid');
  if (!isUuid(input.aggregateId)) throw new Error('appendDomainEvent: aggregateId must be a uuid');
}
