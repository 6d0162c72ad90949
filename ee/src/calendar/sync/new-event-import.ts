import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { resolveEntryFields, type ScheduleEntryInput } from '../../../../src/schedule/schedule-entry-input';
import type { ScheduleEntryService } from '../../../../src/schedule/schedule-entry.service';
import type { ExternalEvent } from '../adapters/calendar-adapter';
import type { CalendarProviderRecord } from '../calendar-provider.repository';
import { fromExternalEvent } from './entry-event-translation';
import { EventMappingRepository } from './event-mapping.repository';
import { ExpandedInstanceRepository } from './expanded-instance.repository';
import { remoteState } from './remote-change-applier';
import { decidePull } from './sync-decision';
import { SyncLogRepository } from './sync-log.repository';
import { policyOf, syncActor } from './sync-context';

const BULK_MIN_EVENTS = 5;

export interface ImportResult {
  imported: number;
  /** Events this path does not take, in listed order: the caller applies them one by one. */
  rest: ExternalEvent[];
}

/**
 * The bulk path of a page: plain events (no series, none of ours) that the decision table would create locally
 * become entries, mappings and log rows with a handful of statements for the whole page, in one transaction.
 * A first sync of a large calendar is almost only these. Anything else, or anything that would not translate,
 * takes the one-by-one path, which decides, handles and logs each case.
 */
export class NewEventImport {
  private readonly mappings = new EventMappingRepository();
  private readonly log = new SyncLogRepository();
  private readonly expanded = new ExpandedInstanceRepository();

  constructor(private readonly entries: Pick<ScheduleEntryService, 'createMany'>) {}

  async importNew(em: EntityManager, provider: CalendarProviderRecord, events: readonly ExternalEvent[], runId: string): Promise<ImportResult> {
    const plain = events.filter(isPlain);
    // A handful (an incremental run) costs fewer statements one by one than the bulk path's own lookups.
    if (plain.length < BULK_MIN_EVENTS) return { imported: 0, rest: [...events] };
    const ids = plain.map((event) => event.id);
    const mapped = await this.mappings.mappedExternalIds(em, provider.tenantId, provider.id, ids);
    // Graph's delta never expands our extended property: the occurrences of a series written as single events
    // look like anyone's plain events, and only their rows say otherwise (the one-by-one path skips them).
    for (const id of await this.expanded.expandedExternalIds(em, provider.tenantId, provider.id, ids)) mapped.add(id);
    const policy = policyOf(provider);
    const taken = new Map<string, { event: ExternalEvent; input: ScheduleEntryInput }>();
    for (const event of plain) {
      if (mapped.has(event.id) || decidePull(policy, remoteState(event), null, null).kind !== 'create_local') continue;
      const input = translatable(event, provider.ownerUserId);
      if (input) taken.set(event.id, { event, input });
    }
    if (taken.size === 0) return { imported: 0, rest: [...events] };
    const batch = [...taken.values()];
    try {
      await this.write(em, provider, batch, runId);
    } catch (error) {
      // A push mapped one of these meanwhile (Graph lists our new events before the push commits, without our
      // id): nothing was written; the one-by-one path sorts out which.
      if (error instanceof UniqueConstraintViolationException) return { imported: 0, rest: [...events] };
      throw error;
    }
    return { imported: taken.size, rest: events.filter((event) => !taken.has(event.id)) };
  }

  private async write(em: EntityManager, provider: CalendarProviderRecord, batch: ReadonlyArray<{ event: ExternalEvent; input: ScheduleEntryInput }>, runId: string): Promise<void> {
    await em.transactional(async (tx) => {
      const created = await this.entries.createMany(syncActor(provider), batch.map((item) => item.input), tx);
      const synced = created.map((entry, index) => {
        const { event } = batch[index]!;
        return { entryId: entry.id, externalEventId: event.id, externalVersion: event.version, localVersion: entry.version };
      });
      await this.mappings.insertSynced(tx, provider.tenantId, provider.id, synced);
      await this.log.appendMany(tx, provider.tenantId, provider.id, synced.map((row) => ({
        runId, direction: 'pull', action: 'create_local', scheduleEntryId: row.entryId, externalEventId: row.externalEventId, outcome: 'ok', reason: null,
      })));
    });
  }
}

function isPlain(event: ExternalEvent): boolean {
  return event.status === 'confirmed' && !event.seriesId && !event.switchboardEntryId && !(event.recurrence?.length);
}

/** The entry input, or null when it would be refused (the one-by-one path then records why). */
function translatable(event: ExternalEvent, ownerUserId: string): ScheduleEntryInput | null {
  try {
    const input = { ...fromExternalEvent(event, 'UTC'), assigneeIds: [ownerUserId] };
    resolveEntryFields(undefined, input);
    return input;
  } catch {
    return null;
  }
}
