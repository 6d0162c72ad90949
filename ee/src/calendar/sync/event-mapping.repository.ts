import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { inBatches, pgArray, rowMapper } from '../../../../src/db/sql-rows';
import { BACKOFF_JITTER } from '../../../../src/queue/job-queue';
import type { MappingStatus } from './sync-decision';

/** Persistence: hand-written SQL (upserts keyed by two unique indexes). Every statement filters on tenant_id. */
export interface EventMapping {
  id: string;
  tenantId: string;
  providerId: string;
  scheduleEntryId: string;
  externalEventId: string;
  externalVersion: string | null;
  localVersion: number;
  lastSyncedAt: Date | null;
  status: MappingStatus;
  lastError: string | null;
  attempts: number;
  nextAttemptAt: Date | null;
}

const mappings = rowMapper<EventMapping>(
  {
    id: 'id',
    tenantId: 'tenant_id',
    providerId: 'provider_id',
    scheduleEntryId: 'schedule_entry_id',
    externalEventId: 'external_event_id',
    externalVersion: 'external_version',
    localVersion: 'local_version',
    lastSyncedAt: 'last_synced_at',
    status: 'sync_status',
    lastError: 'last_error',
    attempts: 'attempts',
    nextAttemptAt: 'next_attempt_at',
  },
  ['lastSyncedAt', 'nextAttemptAt'],
);
const SELECT = `select ${mappings.selectList('m')} from calendar_event_mappings m`;
const RETRY_BASE_SECONDS = 60;
const RETRY_MAX_SECONDS = 6 * 3600;

export interface SyncedState {
  externalEventId: string;
  externalVersion: string | null;
  localVersion: number;
}

export class EventMappingRepository {
  async findByEntry(em: EntityManager, tenantId: string, providerId: string, entryId: string): Promise<EventMapping | undefined> {
    return this.one(em, `${SELECT} where m.tenant_id = ? and m.provider_id = ? and m.schedule_entry_id = ?`, [tenantId, providerId, entryId]);
  }

  async findByExternalId(em: EntityManager, tenantId: string, providerId: string, externalEventId: string): Promise<EventMapping | undefined> {
    return this.one(em, `${SELECT} where m.tenant_id = ? and m.provider_id = ? and m.external_event_id = ?`, [tenantId, providerId, externalEventId]);
  }

  async listByProvider(em: EntityManager, tenantId: string, providerId: string): Promise<EventMapping[]> {
    return (await em.execute<Array<Record<string, unknown>>>(`${SELECT} where m.tenant_id = ? and m.provider_id = ?`, [tenantId, providerId])).map(mappings.map);
  }

  async listByEntry(em: EntityManager, tenantId: string, entryIds: readonly string[]): Promise<EventMapping[]> {
    if (entryIds.length === 0) return [];
    const rows = await em.execute<Array<Record<string, unknown>>>(`${SELECT} where m.tenant_id = ? and m.schedule_entry_id in (${entryIds.map(() => '?').join(', ')})`, [
      tenantId,
      ...entryIds,
    ]);
    return rows.map(mappings.map);
  }

  /**
   * Entries assigned to the owner that this provider has never received (no mapping), not yet over: what a first
   * or full run pushes. Exceptions travel with their series, so they are left out.
   */
  async unmappedOwnerEntryIds(em: EntityManager, tenantId: string, providerId: string, ownerUserId: string, since: Date): Promise<string[]> {
    const rows = await em.execute<Array<{ id: string }>>(
      `select e.id from schedule_entries e
         join schedule_entry_assignees a on a.tenant_id = e.tenant_id and a.entry_id = e.id and a.user_id = ?::uuid
        where e.tenant_id = ? and e.status = 'scheduled' and e.series_id is null
          and (e.recurrence_ends_at is null or e.recurrence_ends_at > ?)
          and not exists (select 1 from calendar_event_mappings m where m.tenant_id = e.tenant_id and m.provider_id = ? and m.schedule_entry_id = e.id)
        order by e.starts_at, e.id`,
      [ownerUserId, tenantId, since.toISOString(), providerId],
    );
    return rows.map((row) => row.id);
  }

  /** Records a successful sync of (entry, event): the versions both sides now have. */
  async markSynced(em: EntityManager, tenantId: string, providerId: string, entryId: string, state: SyncedState): Promise<void> {
    await em.execute(
      `insert into calendar_event_mappings (id, tenant_id, provider_id, schedule_entry_id, external_event_id, external_version, local_version,
         last_synced_at, sync_status, last_error, attempts, next_attempt_at)
       values (?, ?, ?, ?, ?, ?, ?, now(), 'synced', null, 0, null)
       on conflict (provider_id, schedule_entry_id) do update set external_event_id = excluded.external_event_id,
         external_version = excluded.external_version, local_version = excluded.local_version, last_synced_at = now(),
         sync_status = 'synced', last_error = null, error_direction = null, attempts = 0, next_attempt_at = null`,
      [randomUUID(), tenantId, providerId, entryId, state.externalEventId, state.externalVersion, state.localVersion],
    );
  }

  /** Mappings of new events, many at once (an import): a batch of rows per statement. */
  async insertSynced(em: EntityManager, tenantId: string, providerId: string, synced: ReadonlyArray<SyncedState & { entryId: string }>): Promise<void> {
    for (const batch of inBatches(synced)) await this.insertSyncedBatch(em, tenantId, providerId, batch);
  }

  private async insertSyncedBatch(em: EntityManager, tenantId: string, providerId: string, synced: ReadonlyArray<SyncedState & { entryId: string }>): Promise<void> {
    const rows = synced.map((state) => ({
      id: randomUUID(), schedule_entry_id: state.entryId, external_event_id: state.externalEventId, external_version: state.externalVersion, local_version: state.localVersion,
    }));
    await em.execute(
      `insert into calendar_event_mappings (id, tenant_id, provider_id, schedule_entry_id, external_event_id, external_version, local_version,
         last_synced_at, sync_status, attempts)
       select r.id, ?, ?, r.schedule_entry_id, r.external_event_id, r.external_version, r.local_version, now(), 'synced', 0
         from jsonb_to_recordset(?::jsonb) as r(id uuid, schedule_entry_id uuid, external_event_id text, external_version text, local_version integer)`,
      [tenantId, providerId, JSON.stringify(rows)],
    );
  }

  /** Which of these external ids this provider has mapped. */
  async mappedExternalIds(em: EntityManager, tenantId: string, providerId: string, externalIds: readonly string[]): Promise<Set<string>> {
    if (externalIds.length === 0) return new Set();
    const rows = await em.execute<Array<{ external_event_id: string }>>(
      'select external_event_id from calendar_event_mappings where tenant_id = ? and provider_id = ? and external_event_id = any(?::text[])',
      [tenantId, providerId, pgArray(externalIds)],
    );
    return new Set(rows.map((row) => row.external_event_id));
  }

  /**
   * A write of this mapping's event failed (bad event, provider refused it): the mapping says why and which way,
   * and a later run retries it after an exponential, jittered delay (1 min doubling per failure, at most 6 h).
   */
  async markFailed(em: EntityManager, tenantId: string, mappingId: string, direction: 'push' | 'pull', error: string): Promise<void> {
    await em.execute(
      `update calendar_event_mappings set sync_status = 'error', last_error = ?, error_direction = ?, attempts = attempts + 1,
         next_attempt_at = now() + make_interval(secs => least(?, ? * power(2, attempts)) * (1 - ? * random()))
       where tenant_id = ? and id = ?`,
      [error, direction, RETRY_MAX_SECONDS, RETRY_BASE_SECONDS, BACKOFF_JITTER, tenantId, mappingId],
    );
  }

  /** Failed mappings whose retry is due, oldest first. */
  async dueForRetry(em: EntityManager, tenantId: string, providerId: string, limit: number): Promise<Array<EventMapping & { errorDirection: 'push' | 'pull' }>> {
    const rows = await em.execute<Array<Record<string, unknown>>>(
      `select ${mappings.selectList('m')}, m.error_direction as "errorDirection" from calendar_event_mappings m
        where m.tenant_id = ? and m.provider_id = ? and m.sync_status = 'error' and m.next_attempt_at <= now() and m.error_direction is not null
        order by m.next_attempt_at limit ${Number(limit)}`,
      [tenantId, providerId],
    );
    return rows.map((row) => ({ ...mappings.map(row), errorDirection: row.errorDirection as 'push' | 'pull' }));
  }

  async markStatus(em: EntityManager, tenantId: string, mappingId: string, status: MappingStatus, error: string | null, retryAt: Date | null = null): Promise<void> {
    await em.execute(
      `update calendar_event_mappings set sync_status = ?, last_error = ?, attempts = attempts + case when ? = 'error' then 1 else 0 end,
         next_attempt_at = ? where tenant_id = ? and id = ?`,
      [status, error, status, retryAt?.toISOString() ?? null, tenantId, mappingId],
    );
  }

  /** Mappings of this provider's series (entries with rules): what a look for instances removed without a name covers. */
  async listSeriesByProvider(em: EntityManager, tenantId: string, providerId: string): Promise<EventMapping[]> {
    const rows = await em.execute<Array<Record<string, unknown>>>(
      `${SELECT} join schedule_entries e on e.tenant_id = m.tenant_id and e.id = m.schedule_entry_id
        where m.tenant_id = ? and m.provider_id = ? and e.recurrence <> '{}' and e.status = 'scheduled'`,
      [tenantId, providerId],
    );
    return rows.map(mappings.map);
  }

  /** The provider moved the event's version without a change of ours to record (Graph: an instance edit bumps its master). */
  async updateExternalVersion(em: EntityManager, tenantId: string, mappingId: string, externalVersion: string | null): Promise<void> {
    await em.execute('update calendar_event_mappings set external_version = ? where tenant_id = ? and id = ?', [externalVersion, tenantId, mappingId]);
  }

  async delete(em: EntityManager, tenantId: string, mappingId: string): Promise<void> {
    await em.execute('delete from calendar_event_mappings where tenant_id = ? and id = ?', [tenantId, mappingId]);
  }

  /** Stamps the mappings of events a full listing showed, so the diff at its end survives a restart mid-listing. */
  async markListed(em: EntityManager, tenantId: string, providerId: string, listingId: string, externalIds: readonly string[]): Promise<void> {
    if (externalIds.length === 0) return;
    await em.execute(
      `update calendar_event_mappings set listed_in = ?::uuid
        where tenant_id = ? and provider_id = ? and external_event_id = any(?::text[]) and listed_in is distinct from ?::uuid`,
      [listingId, tenantId, providerId, pgArray([...new Set(externalIds)]), listingId],
    );
  }

  /**
   * External ids of mappings the full listing did not show, among entries it covered (overlapping its window):
   * those events vanished. An entry outside the window was simply not asked about, and a mapping made after the
   * listing began (a push meanwhile) may be of an event the listing had already passed.
   */
  async unlistedExternalIds(
    em: EntityManager,
    tenantId: string,
    providerId: string,
    listing: { id: string; startedAt: Date; window: { start: Date; end: Date } | null },
  ): Promise<string[]> {
    const { window } = listing;
    const inWindow = window ? ' and e.starts_at < ? and (e.recurrence_ends_at is null or e.recurrence_ends_at > ?)' : '';
    const rows = await em.execute<Array<{ external_event_id: string }>>(
      `select m.external_event_id from calendar_event_mappings m
         join schedule_entries e on e.tenant_id = m.tenant_id and e.id = m.schedule_entry_id
        where m.tenant_id = ? and m.provider_id = ? and m.listed_in is distinct from ?::uuid and m.created_at < ?${inWindow}`,
      [tenantId, providerId, listing.id, listing.startedAt.toISOString(), ...(window ? [window.end.toISOString(), window.start.toISOString()] : [])],
    );
    return rows.map((row) => row.external_event_id);
  }

  private async one(em: EntityManager, sql: string, params: unknown[]): Promise<EventMapping | undefined> {
    const [row] = await em.execute<Array<Record<string, unknown>>>(sql, params);
    return row ? mappings.map(row) : undefined;
  }
}
