import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { rowMapper } from '../../../../src/db/sql-rows';
import { SYNC_ERROR_PREFIX } from './sync-failure-streak';

/**
 * Persistence: hand-written SQL. A run is also the lease that keeps one run per provider across every worker:
 * a partial unique index admits one `running` row per provider; a crashed worker's lease expires and the next
 * run takes over.
 */
export interface SyncRun {
  id: string;
  status: 'running' | 'succeeded' | 'failed';
  fullListing: boolean;
  startedAt: Date;
  finishedAt: Date | null;
  pulled: number;
  pushed: number;
  conflicts: number;
  errors: number;
  lastError: string | null;
  /** Set when the run starts: some failed mapping's backoff has passed (saves the look-up when none has). */
  retriesDue?: boolean;
}

export interface RunCounts {
  pulled: number;
  pushed: number;
  conflicts: number;
  errors: number;
}

const runs = rowMapper<Omit<SyncRun, 'retriesDue'>>(
  {
    id: 'id',
    status: 'status',
    fullListing: 'full_listing',
    startedAt: 'started_at',
    finishedAt: 'finished_at',
    pulled: 'pulled',
    pushed: 'pushed',
    conflicts: 'conflicts',
    errors: 'errors',
    lastError: 'last_error',
  },
  ['startedAt', 'finishedAt'],
);

export class SyncRunRepository {
  /** Takes the provider's lease, or undefined while another live run holds it. Expired leases are taken over. */
  async start(em: EntityManager, tenantId: string, providerId: string, leaseMs: number): Promise<SyncRun | undefined> {
    const taken = await this.insertRunning(em, tenantId, providerId, leaseMs);
    if (taken) return taken;
    // Someone holds it: if its lease ran out, its worker is gone; close that run and try once more.
    const expired = await em.execute<unknown[]>(
      `update calendar_sync_runs set status = 'failed', finished_at = now(), last_error = 'lease expired (worker gone)'
        where tenant_id = ? and provider_id = ? and status = 'running' and lease_until < now() returning id`,
      [tenantId, providerId],
    );
    return expired.length > 0 ? this.insertRunning(em, tenantId, providerId, leaseMs) : undefined;
  }

  private async insertRunning(em: EntityManager, tenantId: string, providerId: string, leaseMs: number): Promise<SyncRun | undefined> {
    const [row] = await em.execute<Array<Record<string, unknown>>>(
      `insert into calendar_sync_runs (id, tenant_id, provider_id, status, lease_until)
       values (?, ?, ?, 'running', now() + make_interval(secs => ?))
       on conflict (provider_id) where status = 'running' do nothing
       returning ${runs.selectList('calendar_sync_runs')},
         exists (select 1 from calendar_event_mappings m where m.tenant_id = ? and m.provider_id = ? and m.sync_status = 'error'
           and m.next_attempt_at <= now()) as "retriesDue"`,
      [randomUUID(), tenantId, providerId, leaseMs / 1000, tenantId, providerId],
    );
    return row ? { ...runs.map(row), retriesDue: row.retriesDue === true } : undefined;
  }

  /** Extends the lease; false when it was lost (expired and taken over), so the caller must stop. */
  async renew(em: EntityManager, tenantId: string, runId: string, leaseMs: number, fullListing: boolean): Promise<boolean> {
    const rows = await em.execute<unknown[]>(
      `update calendar_sync_runs set lease_until = now() + make_interval(secs => ?), full_listing = full_listing or ?
        where tenant_id = ? and id = ? and status = 'running' returning id`,
      [leaseMs / 1000, fullListing, tenantId, runId],
    );
    return rows.length > 0;
  }

  /**
   * The run's round is complete: in one statement, and only while the run still holds its lease, the run
   * succeeds, the provider's next round starts from `cursor`, and notifications received before the run started
   * (database clock) are marked processed, since what the run listed covers them. False: the lease was lost and
   * nothing was written.
   */
  async succeed(em: EntityManager, run: { tenantId: string; providerId: string; runId: string }, counts: RunCounts, cursor: string, fullListing: boolean): Promise<boolean> {
    const [row] = await em.execute<Array<{ completed: number }>>(
      `with run as (
         update calendar_sync_runs set status = 'succeeded', finished_at = now(), pulled = ?, pushed = ?, conflicts = ?, errors = ?,
           last_error = null, full_listing = full_listing or ?
          where tenant_id = ? and id = ? and status = 'running' returning started_at
       ), provider as (
         update calendar_providers set sync_cursor = ?, sync_checkpoint = null, last_sync_at = now(), updated_at = now(),
           -- Clears only what failed runs set: a webhook or grant problem is someone else's to clear.
           status = case when status = 'error' and starts_with(coalesce(last_error, ''), ?) then 'connected' else status end,
           last_error = case when starts_with(coalesce(last_error, ''), ?) then null else last_error end
          where tenant_id = ? and id = ? and exists (select 1 from run) returning id
       ), inbox as (
         update webhook_inbox set processed_at = now()
          where tenant_id = ? and provider_id in (select id from provider) and processed_at is null and received_at <= (select started_at from run)
          returning 1
       )
       select count(*)::int as completed from run`,
      [
        counts.pulled, counts.pushed, counts.conflicts, counts.errors, fullListing, run.tenantId, run.runId,
        cursor, SYNC_ERROR_PREFIX, SYNC_ERROR_PREFIX, run.tenantId, run.providerId, run.tenantId,
      ],
    );
    return Number(row?.completed) > 0;
  }

  async finish(em: EntityManager, tenantId: string, runId: string, counts: RunCounts, error: string | null): Promise<void> {
    await em.execute(
      `update calendar_sync_runs set status = ?, finished_at = now(), pulled = ?, pushed = ?, conflicts = ?, errors = ?, last_error = ?
        where tenant_id = ? and id = ?`,
      [error ? 'failed' : 'succeeded', counts.pulled, counts.pushed, counts.conflicts, counts.errors, error, tenantId, runId],
    );
  }

  /** Statuses of the provider's latest finished runs, newest first. */
  async recentStatuses(em: EntityManager, tenantId: string, providerId: string, limit: number): Promise<string[]> {
    const rows = await em.execute<Array<{ status: string }>>(
      `select status from calendar_sync_runs where tenant_id = ? and provider_id = ? and status <> 'running' order by started_at desc limit ${Number(limit)}`,
      [tenantId, providerId],
    );
    return rows.map((row) => row.status);
  }

  async latest(em: EntityManager, tenantId: string, providerId: string): Promise<{ last?: SyncRun; lastSuccess?: SyncRun }> {
    const rows = await em.execute<Array<Record<string, unknown>>>(
      `(select ${runs.selectList('r')} from calendar_sync_runs r where r.tenant_id = ? and r.provider_id = ? order by r.started_at desc limit 1)
       union all
       (select ${runs.selectList('r')} from calendar_sync_runs r where r.tenant_id = ? and r.provider_id = ? and r.status = 'succeeded'
         order by r.started_at desc limit 1)`,
      [tenantId, providerId, tenantId, providerId],
    );
    const [last, lastSuccess] = rows.map(runs.map);
    return { last, lastSuccess: last?.status === 'succeeded' ? last : lastSuccess };
  }
}
