import type { JobProcessorDefinition } from '../../../../src/queue/job-queue';
import { PermanentJobError } from '../../../../src/queue/job-errors';
import type { Logger } from '../../../../src/observability/logger';
import {
  CALENDAR_WEBHOOK_MAINTENANCE_QUEUE,
  WEBHOOK_ENSURE_JOB,
  WEBHOOK_LIFECYCLE_JOB,
  WEBHOOK_MAINTENANCE_JOB,
  type WebhookEnsureJobData,
  type WebhookLifecycleJobData,
} from '../calendar-jobs';
import type { WebhookMaintenanceService } from './webhook-maintenance.service';

const LIFECYCLE_EVENTS = new Set(['reauthorizationRequired', 'subscriptionRemoved', 'missed']);

/** One processor for the queue: the periodic run, per-provider ensure jobs and Graph lifecycle events. */
export function webhookMaintenanceProcessor(service: WebhookMaintenanceService, intervalMs: number, logger: Logger): JobProcessorDefinition {
  return {
    queue: CALENDAR_WEBHOOK_MAINTENANCE_QUEUE,
    concurrency: 1,
    schedules: [{ name: WEBHOOK_MAINTENANCE_JOB, everyMs: intervalMs }],
    process: async (job) => {
      if (job.name === WEBHOOK_MAINTENANCE_JOB) {
        const report = await service.run();
        logger.info({ report }, report ? 'calendar webhook maintenance run' : 'calendar webhook maintenance already running elsewhere: skipped');
      } else if (job.name === WEBHOOK_ENSURE_JOB) {
        const data = job.data as WebhookEnsureJobData;
        await service.ensure(data.tenantId, data.providerId);
      } else if (job.name === WEBHOOK_LIFECYCLE_JOB) {
        const data = job.data as WebhookLifecycleJobData;
        if (!LIFECYCLE_EVENTS.has(data.lifecycleEvent)) throw new PermanentJobError(`unknown lifecycle event "${String(data.lifecycleEvent)}"`);
        await service.lifecycle(data);
      } else throw new PermanentJobError(`unknown ${CALENDAR_WEBHOOK_MAINTENANCE_QUEUE} job "${job.name}"`);
    },
  };
}
