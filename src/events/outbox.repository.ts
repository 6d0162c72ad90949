import type { Orm } from '../db/orm';
import type { DomainEvent, DomainEventType } from './domain-event';

/**
 * SQL for `domain_events` (hand-written: the ORM cannot say `FOR UPDATE SKIP LOCKED` claims). The writer side is
 * append-domain-event.ts, scoped by the caller's tenant. Every statement here belongs to the relay, a system
 * process serving all tenants: claims and stats read across tenants on purpose, and every per-event update
 * names the event by (tenant_id, id); the tenant travels in the delivered event.
 */
export interface ClaimedEvent {
  event: DomainEvent;
  /** 1 on the first delivery; counts every claim, including one whose relay died. */
  attempt: number;
  seq: bigint;
}

export interface OutboxStats {
  pending: number;
  /** Unpublished events whose last delivery failed (waiting for a retry). */
  retrying: number;
  /** Age of the oldest unpublished event; 0 when none. */
  lagSeconds: number;
}

interface DomainEventRow {
  id: string;
  seq: string;
  tenant_id: string;
  type: DomainEventType;
  aggregate_id: string;
  payload: DomainEvent['payload'];
  created_at: Date;
  attempts: number;
}

/**
 * Due heads only: the oldest unpublished event of each aggregate, not leased, not waiting for its retry. An
 * aggregate whose head is leased or backing off yields nothing (its later events wait), other aggregates go on.
 * SKIP LOCKED lets concurrent relays claim disjoint heads; the lease then keeps the event reserved after the
 * statement's row locks are gone.
 */
const CLAIM_DUE_HEADS_SQL = `
  with due as (
    select e.id from domain_events e
    where e.published_at is null
      and e.next_attempt_at <= now()
      and (e.lease_expires_at is null or e.lease_expires_at <= now())
      and not exists (
        select 1 from domain_events earlier
        where earlier.tenant_id = e.tenant_id and earlier.aggregate_id = e.aggregate_id
          and earlier.published_at is null and earlier.seq < e.seq)
    order by e.seq
    limit ?
    for update of e skip locked
  )
  update domain_events d
  set attempts = d.attempts + 1, lease_token = ?, lease_expires_at = now() + make_interval(secs => ?)
  from due where d.id = due.id
  returning d.id, d.seq, d.tenant_id, d.type, d.aggregate_id, d.payload, d.created_at, d.attempts`;

const MARK_PUBLISHED_SQL = `
  update domain_events d
  set published_at = now(), lease_token = null, lease_expires_at = null, last_error = null
  from jsonb_to_recordset(?::jsonb) as done(tenant_id uuid, id uuid)
  where d.tenant_id = done.tenant_id and d.id = done.id and d.lease_token = ?
  returning d.id`;

const RECORD_FAILURE_SQL = `
  update domain_events
  set lease_token = null, lease_expires_at = null, next_attempt_at = now() + make_interval(secs => ?), last_error = ?
  where tenant_id = ? and id = ? and lease_token = ?
  returning id`;

const PURGE_SQL = `
  delete from domain_events where id in (
    select id from domain_events
    where published_at < now() - make_interval(hours => ?)
    order by published_at
    limit ?
    for update skip locked)
  returning id`;

const STATS_SQL = `
  select count(*)::int as pending,
         (count(*) filter (where last_error is not null))::int as retrying,
         coalesce(extract(epoch from now() - min(created_at)), 0)::float8 as lag_seconds
  from domain_events where published_at is null`;

export class OutboxRepository {
  constructor(private readonly orm: Orm) {}

  /** Leases up to `limit` due heads under `leaseToken`, oldest first. */
  async claimDueHeads(limit: number, leaseToken: string, leaseMs: number): Promise<ClaimedEvent[]> {
    const rows = await this.query<DomainEventRow>(CLAIM_DUE_HEADS_SQL, [limit, leaseToken, leaseMs / 1000]);
    return rows.map(toClaimedEvent).sort((a, b) => (a.seq < b.seq ? -1 : 1));
  }

  /** Publishes the events still leased under `leaseToken`; returns the ids it published. */
  async markPublished(leaseToken: string, events: Array<Pick<DomainEvent, 'tenantId' | 'id'>>): Promise<string[]> {
    if (events.length === 0) return [];
    const done = JSON.stringify(events.map((event) => ({ tenant_id: event.tenantId, id: event.id })));
    const rows = await this.query<{ id: string }>(MARK_PUBLISHED_SQL, [done, leaseToken]);
    return rows.map((row) => row.id);
  }

  /** Releases the lease and schedules the retry; false when the lease was lost (another relay owns it now). */
  async recordFailure(leaseToken: string, event: Pick<DomainEvent, 'tenantId' | 'id'>, delayMs: number, error: string): Promise<boolean> {
    const rows = await this.query(RECORD_FAILURE_SQL, [delayMs / 1000, error, event.tenantId, event.id, leaseToken]);
    return rows.length > 0;
  }

  /** Deletes up to `batchSize` published events older than the retention window; returns how many. */
  async purgePublished(retentionHours: number, batchSize: number): Promise<number> {
    return (await this.query(PURGE_SQL, [retentionHours, batchSize])).length;
  }

  async stats(): Promise<OutboxStats> {
    const [row] = await this.query<{ pending: number; retrying: number; lag_seconds: number }>(STATS_SQL, []);
    return { pending: row?.pending ?? 0, retrying: row?.retrying ?? 0, lagSeconds: row?.lag_seconds ?? 0 };
  }

  private query<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.orm.em.fork().execute<T[]>(sql, params);
  }
}

function toClaimedEvent(row: DomainEventRow): ClaimedEvent {
  return {
    seq: BigInt(row.seq),
    attempt: row.attempts,
    event: {
      id: row.id,
      tenantId: row.tenant_id,
      type: row.type,
      aggregateId: row.aggregate_id,
      payload: row.payload,
      createdAt: new Date(row.created_at),
    },
  };
}
