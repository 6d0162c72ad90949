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

/** Jobs of CALENDAR_WEBHOOK_MAINTENANCE_QUEUE; one processor dispatches by name. */
export const WEBHOOK_MAINTENANCE_JOB = 'webhook-maintenance';
export const WEBHOOK_LIFECYCLE_JOB = 'webhook-lifecycle';
export const WEBHOOK_ENSURE_JOB = 'webhook-ensure';

export type WebhookLifecycleEvent = 'reauthorizationRequired' | 'subscriptionRemoved' | 'missed';

/** A verified Graph lifecycle notification, queued by the webhook intake after it persisted it. */
export interface WebhookLifecycleJobData {
  tenantId: string;
  providerId: string;
  subscriptionId: string;
  lifecycleEvent: WebhookLifecycleEvent;
}

export function webhookLifecycleJob(data: WebhookLifecycleJobData): [string, WebhookLifecycleJobData, JobOptions] {
  return [WEBHOOK_LIFECYCLE_JOB, data, { jobId: `lifecycle:${data.providerId}:${data.lifecycleEvent}` }];
}

/** Brings one provider's channel/subscription in line with its row (create, replace, stop); idempotent. */
export interface WebhookEnsureJobData {
  tenantId: string;
  providerId: string;
}

export function webhookEnsureJob(tenantId: string, providerId: string): [string, WebhookEnsureJobData, JobOptions] {
  return [WEBHOOK_ENSURE_JOB, { tenantId, providerId }, { jobId: `webhook-ensure:${providerId}` }];
}
