import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ScheduleEntryRecord } from '../../../../src/schedule/schedule-entry';
import type { ExternalEvent } from '../adapters/calendar-adapter';
import type { CalendarProviderRecord } from '../calendar-provider.repository';
import { EventMappingRepository, type EventMapping } from './event-mapping.repository';

/**
 * Persistence: hand-written SQL on calendar_sync_conflicts. A conflict keeps both versions as they were when it
 * was detected, and parks the mapping (status `conflict`) so neither direction writes until it is resolved.
 */
export class SyncConflicts {
  private readonly mappings = new EventMappingRepository();

  async open(em: EntityManager, provider: CalendarProviderRecord, mapping: EventMapping, local: ScheduleEntryRecord, remote: ExternalEvent | null): Promise<void> {
    await em.transactional(async (tx) => {
      const [existing] = await tx.execute<Array<{ id: string }>>(
        'select id from calendar_sync_conflicts where tenant_id = ? and mapping_id = ? and resolved_at is null',
        [provider.tenantId, mapping.id],
      );
      const values = [JSON.stringify(local), remote ? JSON.stringify(remote) : null, local.version, remote?.version ?? null];
      if (existing) {
        await tx.execute(
          'update calendar_sync_conflicts set local_snapshot = ?, external_snapshot = ?, local_version = ?, external_version = ?, detected_at = now() where tenant_id = ? and id = ?',
          [...values, provider.tenantId, existing.id],
        );
      } else {
        await tx.execute(
          `insert into calendar_sync_conflicts (id, tenant_id, provider_id, mapping_id, schedule_entry_id, external_event_id,
             local_snapshot, external_snapshot, local_version, external_version) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [randomUUID(), provider.tenantId, provider.id, mapping.id, local.id, mapping.externalEventId, ...values],
        );
      }
      await this.mappings.markStatus(tx, provider.tenantId, mapping.id, 'conflict', 'both sides changed since the last sync');
    });
  }
}
