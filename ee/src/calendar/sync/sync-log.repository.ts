import type { EntityManager } from '@mikro-orm/postgresql';
import { inBatches, rowMapper } from '../../../../src/db/sql-rows';

/** Persistence: hand-written SQL (append-only log, keyset pages by its bigserial id). Tenant-scoped. */
export interface SyncLogEntry {
  id: string;
  at: Date;
  direction: 'push' | 'pull';
  action: string;
  scheduleEntryId: string | null;
  externalEventId: string | null;
  outcome: 'ok' | 'skipped' | 'failed';
  reason: string | null;
}

export type NewSyncLogEntry = Omit<SyncLogEntry, 'id' | 'at'> & { runId?: string | null };

const log = rowMapper<SyncLogEntry>(
  {
    id: '($alias.id::text)',
    at: 'at',
    direction: 'direction',
    action: 'action',
    scheduleEntryId: 'schedule_entry_id',
    externalEventId: 'external_event_id',
    outcome: 'outcome',
    reason: 'reason',
  },
  ['at'],
);

export class SyncLogRepository {
  async append(em: EntityManager, tenantId: string, providerId: string, entry: NewSyncLogEntry): Promise<void> {
    await em.execute(
      `insert into calendar_sync_log (tenant_id, provider_id, run_id, direction, action, schedule_entry_id, external_event_id, outcome, reason)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [tenantId, providerId, entry.runId ?? null, entry.direction, entry.action, entry.scheduleEntryId, entry.externalEventId, entry.outcome, entry.reason],
    );
  }

  /** Many entries (an import), a batch of rows per statement. */
  async appendMany(em: EntityManager, tenantId: string, providerId: string, entries: readonly NewSyncLogEntry[]): Promise<void> {
    for (const batch of inBatches(entries)) await this.appendBatch(em, tenantId, providerId, batch);
  }

  private async appendBatch(em: EntityManager, tenantId: string, providerId: string, entries: readonly NewSyncLogEntry[]): Promise<void> {
    const rows = entries.map((entry) => ({
      run_id: entry.runId ?? null, direction: entry.direction, action: entry.action, schedule_entry_id: entry.scheduleEntryId,
      external_event_id: entry.externalEventId, outcome: entry.outcome, reason: entry.reason,
    }));
    await em.execute(
      `insert into calendar_sync_log (tenant_id, provider_id, run_id, direction, action, schedule_entry_id, external_event_id, outcome, reason)
       select ?, ?, r.run_id, r.direction, r.action, r.schedule_entry_id, r.external_event_id, r.outcome, r.reason
         from jsonb_to_recordset(?::jsonb) as r(run_id uuid, direction text, action text, schedule_entry_id uuid, external_event_id text, outcome text, reason text)`,
      [tenantId, providerId, JSON.stringify(rows)],
    );
  }

  /** Newest first; `beforeId` continues a page. */
  async list(em: EntityManager, tenantId: string, providerId: string, limit: number, beforeId?: string): Promise<SyncLogEntry[]> {
    const rows = await em.execute<Array<Record<string, unknown>>>(
      `select ${log.selectList('l')} from calendar_sync_log l where l.tenant_id = ? and l.provider_id = ?${beforeId ? ' and l.id < ?' : ''}
       order by l.id desc limit ${Number(limit)}`,
      [tenantId, providerId, ...(beforeId ? [beforeId] : [])],
    );
    return rows.map(log.map);
  }
}
