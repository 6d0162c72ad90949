import type { RequestContext } from '../../../../src/auth/request-context';
import type { Orm } from '../../../../src/db/orm';
import { isUuid } from '../../../../src/db/uuid';
import { badUserInput, notFound } from '../../../../src/errors/domain-errors';
import { ScheduleEntryService } from '../../../../src/schedule/schedule-entry.service';
import type { CalendarProviderService } from '../calendar-provider.service';
import { adapterFor, type ProviderAdapterDeps } from '../provider-adapter';
import { pushable, type EntryPushService } from './entry-push.service';
import { EventMappingRepository } from './event-mapping.repository';
import { RemoteChangeApplier } from './remote-change-applier';
import { SyncConflictRepository, type SyncConflictRecord } from './sync-conflict.repository';
import { scheduleEntries, SYNC_VIEWER } from './sync-context';

export interface ConflictResolutionDeps extends ProviderAdapterDeps {
  orm: Orm;
  providers: CalendarProviderService;
  push: EntryPushService;
}

/** resolveCalendarConflict: one side overwrites the other, the mapping is synced again, the conflict closed. */
export class ConflictResolutionService {
  private readonly conflicts = new SyncConflictRepository();
  private readonly mappings = new EventMappingRepository();
  private readonly applier: RemoteChangeApplier;

  constructor(private readonly deps: ConflictResolutionDeps) {
    this.applier = new RemoteChangeApplier(new ScheduleEntryService({ orm: deps.orm }), deps.push);
  }

  async resolve(auth: RequestContext, conflictId: string, resolution: 'keep_local' | 'keep_remote'): Promise<SyncConflictRecord> {
    if (!isUuid(conflictId)) throw notFound('Calendar sync conflict');
    const em = this.deps.orm.em.fork();
    const conflict = await this.conflicts.find(em, auth.tenantId, conflictId);
    if (!conflict) throw notFound('Calendar sync conflict');
    // Same visibility as the provider itself: users resolve their own providers' conflicts.
    const provider = await this.deps.providers.getAccessible(auth, conflict.providerId);
    if (conflict.resolvedAt) return conflict;
    if (!pushable(provider)) throw badUserInput('The provider must be connected with a calendar chosen to resolve its conflicts.', { field: 'conflictId' });
    const mapping = conflict.mappingId ? await this.mappings.findByExternalId(em, auth.tenantId, provider.id, conflict.externalEventId ?? '') : undefined;
    const entry = mapping ? await scheduleEntries.findVisible(em, auth.tenantId, mapping.scheduleEntryId, SYNC_VIEWER) : undefined;
    if (mapping && entry) {
      const adapter = adapterFor(this.deps, provider);
      if (resolution === 'keep_local') await this.deps.push.update(em, provider, adapter, entry, mapping, true);
      else await this.applier.overwriteLocal(em, provider, mapping, entry, await adapter.getEvent(provider.calendarId!, mapping.externalEventId));
    }
    await this.conflicts.resolve(em, auth.tenantId, conflict.id, resolution);
    return (await this.conflicts.find(em, auth.tenantId, conflict.id))!;
  }
}
