import type { JobOptions } from '../../../src/queue/job-queue';

/** Queue names of DESIGN.md §6. */
export const CALENDAR_SYNC_QUEUE = 'calendar-sync';
export const CALENDAR_WEBHOOK_MAINTENANCE_QUEUE = 'calendar-webhook-maintenance';

/**
 * One kind of sync job per provider. Whether it lists everything or only changes is decided by the processor
 * from the provider's stored cursor (none after connect/reconnect or a 410), so a burst of triggers of any
 * origin coalesces into one job without a "full" request being swallowed by an "incremental" one.
 */
export interface CalendarSyncJobData {
  tenantId: string;
  providerId: string;
}

export function providerSyncJob(tenantId: string, providerId: string): [string, CalendarSyncJobData, JobOptions] {
  return ['provider-sync', { tenantId, providerId }, { jobId: `sync:${providerId}` }];
}
