import type { JobProcessorDefinition } from '../../../../src/queue/job-queue';
import { PermanentJobError } from '../../../../src/queue/job-errors';
import type { WebhookInboxRetention } from './webhook-inbox.retention';
import type { WebhookInboxSweeper } from './webhook-inbox.sweeper';

export const CALENDAR_WEBHOOK_INBOX_QUEUE = 'calendar-webhook-inbox';
export const INBOX_SWEEP_JOB = 'inbox-sweep';
export const INBOX_PURGE_JOB = 'inbox-purge';
const PURGE_EVERY_MS = 3_600_000;

/** The inbox's own queue: the sweeper on the configured period, the retention purge hourly. */
export function webhookInboxProcessor(sweeper: WebhookInboxSweeper, retention: WebhookInboxRetention, sweepIntervalMs: number): JobProcessorDefinition {
  return {
    queue: CALENDAR_WEBHOOK_INBOX_QUEUE,
    concurrency: 1,
    schedules: [
      { name: INBOX_SWEEP_JOB, everyMs: sweepIntervalMs },
      { name: INBOX_PURGE_JOB, everyMs: PURGE_EVERY_MS },
    ],
    process: async (job) => {
      if (job.name === INBOX_SWEEP_JOB) await sweeper.sweep();
      else if (job.name === INBOX_PURGE_JOB) await retention.purge();
      else throw new PermanentJobError(`unknown ${CALENDAR_WEBHOOK_INBOX_QUEUE} job "${job.name}"`);
    },
  };
}
