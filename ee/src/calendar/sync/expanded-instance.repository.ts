import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArray, rowMapper } from '../../../../src/db/sql-rows';

/**
 * Persistence: hand-written SQL, like the event mappings it sits beside (one row per pushed occurrence of a
 * series written as single events). Every statement filters on tenant_id.
 */
export interface ExpandedInstance {
  tenantId: string;
  providerId: string;
  /** The series. */
  scheduleEntryId: string;
  occurrenceStart: Date;
  /** The series, or the exception whose fields the event carries. */
  sourceEntryId: string;
  externalEventId: string;
  externalVersion: string | null;
  localVersion: number;
}

const instances = rowMapper<ExpandedInstance>(
  {
    tenantId: 'tenant_id',
    providerId: 'provider_id',
    scheduleEntryId: 'schedule_entry_id',
    occurrenceStart: 'occurrence_start',
    sourceEntryId: 'source_entry_id',
    externalEventId: 'external_event_id',
    externalVersion: 'external_version',
    localVersion: 'local_version',
  },
  ['occurrenceStart'],
);
const SELECT = `select ${instances.selectList('x')} from calendar_expanded_instances x`;

export class ExpandedInstanceRepository {
  async listBySeries(em: EntityManager, tenantId: string, providerId: string, seriesId: string): Promise<ExpandedInstance[]> {
    const rows = await em.execute<Array<Record<string, unknown>>>(
      `${SELECT} where x.tenant_id = ? and x.provider_id = ? and x.schedule_entry_id = ? order by x.occurrence_start`,
      [tenantId, providerId, seriesId],
    );
    return rows.map(instances.map);
  }

  async existsForEvent(em: EntityManager, tenantId: string, providerId: string, externalEventId: string): Promise<boolean> {
    const rows = await em.execute<unknown[]>('select 1 from calendar_expanded_instances where tenant_id = ? and provider_id = ? and external_event_id = ? limit 1', [
      tenantId,
      providerId,
      externalEventId,
    ]);
    return rows.length > 0;
  }

  /** Which of these external ids are such events. */
  expandedExternalIds(em: EntityManager, tenantId: string, providerId: string, externalIds: readonly string[]): Promise<Set<string>> {
    if (externalIds.length === 0) return Promise.resolve(new Set());
    return em
      .execute<Array<{ external_event_id: string }>>(
        'select external_event_id from calendar_expanded_instances where tenant_id = ? and provider_id = ? and external_event_id = any(?::text[])',
        [tenantId, providerId, pgArray(externalIds)],
      )
      .then((rows) => new Set(rows.map((row) => row.external_event_id)));
  }

  /** Inserts or rewrites the row of one occurrence (a retried create lands on the row of its first attempt). */
  async upsert(em: EntityManager, row: ExpandedInstance): Promise<void> {
    await em.execute(
      `insert into calendar_expanded_instances (tenant_id, provider_id, schedule_entry_id, occurrence_start, source_entry_id, external_event_id,
         external_version, local_version)
       values (?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (provider_id, schedule_entry_id, occurrence_start) do update set source_entry_id = excluded.source_entry_id,
         external_event_id = excluded.external_event_id, external_version = excluded.external_version, local_version = excluded.local_version`,
      [row.tenantId, row.providerId, row.scheduleEntryId, row.occurrenceStart.toISOString(), row.sourceEntryId, row.externalEventId, row.externalVersion, row.localVersion],
    );
  }

  async delete(em: EntityManager, row: Pick<ExpandedInstance, 'tenantId' | 'providerId' | 'scheduleEntryId' | 'occurrenceStart'>): Promise<void> {
    await em.execute('delete from calendar_expanded_instances where tenant_id = ? and provider_id = ? and schedule_entry_id = ? and occurrence_start = ?', [
      row.tenantId,
      row.providerId,
      row.scheduleEntryId,
      row.occurrenceStart.toISOString(),
    ]);
  }

  /** Exception ids of a series (the schedule's repository reads each one as the sync viewer). */
  async exceptionIds(em: EntityManager, tenantId: string, seriesId: string): Promise<string[]> {
    const rows = await em.execute<Array<{ id: string }>>('select id from schedule_entries where tenant_id = ? and series_id = ? order by original_starts_at', [tenantId, seriesId]);
    return rows.map((row) => row.id);
  }
}
