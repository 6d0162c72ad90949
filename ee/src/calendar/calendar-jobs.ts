import type { JobOptions } from '../../../src/queue/job-queue';

/** Queue names of DESIGN.md §6. */
export const CALENDAR_SYNC_QUEUE = 'calendar-sync';
export const CALENDAR_WEBHOOK_MAINTENANCE_QUEUE = 'calendar-webhook-maintenance';

export interface CalendarSyncJobData {
  tenantId: string;
  providerId: string;
  mode: 'full' | 'incremental';
}

/** One pending sync per provider: a burst of triggers coalesces into the job already waiting. */
export function initialSyncJob(tenantId: string, providerId: string): [string, CalendarSyncJobData, JobOptions] {
  return ['provider-sync', { tenantId, providerId, mode: 'full' }, { jobId: `sync:${providerId}` }];
}

export function incrementalSyncJob(tenantId: string, providerId: string): [string, CalendarSyncJobData, JobOptions] {
  return ['provider-sync', { tenantId, providerId, mode: 'incremental' }, { jobId: `sync:${providerId}` }];
}
