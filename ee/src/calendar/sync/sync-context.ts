import type { RequestContext } from '../../../../src/auth/request-context';
import { ScheduleEntryRepository, type Viewer } from '../../../../src/schedule/schedule-entry.repository';
import type { ScheduleEntryRecord } from '../../../../src/schedule/schedule-entry';
import type { CalendarProviderRecord } from '../calendar-provider.repository';
import type { LocalState, MappingState, ProviderPolicy } from './sync-decision';
import type { EventMapping } from './event-mapping.repository';

/** Sync reads every entry of the tenant; what it may touch is decided by the mapping and the owner. */
export const SYNC_VIEWER: Viewer = { admin: true, userId: null };

/** Sync writes schedule entries on behalf of the provider's owner, with the rights to assign and unassign them. */
export function syncActor(provider: Pick<CalendarProviderRecord, 'tenantId' | 'ownerUserId' | 'id'>): RequestContext {
  return { tenantId: provider.tenantId, userId: provider.ownerUserId, role: 'admin', via: 'system', origin: syncOrigin(provider.id) };
}

/** The origin a provider's own sync writes under: its push subscriber does not echo those changes back to it. */
export const syncOrigin = (providerId: string) => `calendar:${providerId}`;

export function policyOf(provider: CalendarProviderRecord): ProviderPolicy {
  return {
    direction: provider.syncDirection,
    importPolicy: provider.importPolicy,
    importTag: provider.importTag,
    conflictPolicy: provider.conflictPolicy,
  };
}

export function localStateOf(entry: ScheduleEntryRecord | undefined, provider: Pick<CalendarProviderRecord, 'ownerUserId'>): LocalState | null {
  if (!entry) return null;
  return {
    version: entry.version,
    ownerAssigned: entry.assigneeIds.includes(provider.ownerUserId),
    cancelled: entry.status === 'cancelled',
    exception: entry.seriesId !== null,
  };
}

export function mappingStateOf(mapping: EventMapping | undefined): MappingState | null {
  return mapping ? { localVersion: mapping.localVersion, externalVersion: mapping.externalVersion, status: mapping.status } : null;
}

export const scheduleEntries = new ScheduleEntryRepository();
