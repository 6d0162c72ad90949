import type { EntityManager } from '@mikro-orm/postgresql';
import { rowMapper } from '../../../../src/db/sql-rows';

/** Persistence: hand-written SQL on calendar_sync_conflicts (reads and resolution; opening is SyncConflicts). */
export interface SyncConflictRecord {
  id: string;
  tenantId: string;
  providerId: string;
  mappingId: string | null;
  scheduleEntryId: string | null;
  externalEventId: string | null;
  localVersion: number | null;
  externalVersion: string | null;
  externalTitle: string | null;
  detectedAt: Date;
  resolvedAt: Date | null;
  resolution: 'keep_local' | 'keep_remote' | null;
}

const conflicts = rowMapper<SyncConflictRecord>(
  {
    id: 'id',
    tenantId: 'tenant_id',
    providerId: 'provider_id',
    mappingId: 'mapping_id',
    scheduleEntryId: 'schedule_entry_id',
    externalEventId: 'external_event_id',
    localVersion: 'local_version',
    externalVersion: 'external_version',
    externalTitle: "($alias.external_snapshot->>'title')",
    detectedAt: 'detected_at',
    resolvedAt: 'resolved_at',
    resolution: 'resolution',
  },
  ['detectedAt', 'resolvedAt'],
);
const SELECT = `select ${conflicts.selectList('c')} from calendar_sync_conflicts c`;

export class SyncConflictRepository {
  async listOpen(em: EntityManager, tenantId: string, providerId: string): Promise<SyncConflictRecord[]> {
    const rows = await em.execute<Array<Record<string, unknown>>>(`${SELECT} where c.tenant_id = ? and c.provider_id = ? and c.resolved_at is null order by c.detected_at, c.id`, [
      tenantId,
      providerId,
    ]);
    return rows.map(conflicts.map);
  }

  async countOpen(em: EntityManager, tenantId: string, providerId: string): Promise<number> {
    const [row] = await em.execute<Array<{ n: string }>>('select count(*) as n from calendar_sync_conflicts where tenant_id = ? and provider_id = ? and resolved_at is null', [
      tenantId,
      providerId,
    ]);
    return Number(row!.n);
  }

  async find(em: EntityManager, tenantId: string, id: string): Promise<SyncConflictRecord | undefined> {
    const [row] = await em.execute<Array<Record<string, unknown>>>(`${SELECT} where c.tenant_id = ? and c.id = ?`, [tenantId, id]);
    return row ? conflicts.map(row) : undefined;
  }

  async resolve(em: EntityManager, tenantId: string, id: string, resolution: 'keep_local' | 'keep_remote'): Promise<void> {
    await em.execute('update calendar_sync_conflicts set resolved_at = now(), resolution = ? where tenant_id = ? and id = ?', [resolution, tenantId, id]);
  }
}
