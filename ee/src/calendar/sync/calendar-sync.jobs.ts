import type { JobOptions, JobProcessorDefinition } from '../../../../src/queue/job-queue';
import { PermanentJobError, RetryLaterError } from '../../../../src/queue/job-errors';
import { ProviderAuthError, ProviderRateLimitedError } from '../adapters/provider-errors';
import { CALENDAR_SYNC_QUEUE, type CalendarSyncJobData } from '../calendar-jobs';
import type { EntryPushService } from './entry-push.service';
import type { ProviderSyncRunner } from './provider-sync.runner';

export interface EntryPushJobData {
  tenantId: string;
  providerId: string;
  entryId: string;
}

/** One pending push per (entry, provider): a burst of edits to one entry coalesces into one provider write. */
export function entryPushJob(data: EntryPushJobData): [string, EntryPushJobData, JobOptions] {
  return ['entry-push', data, { jobId: `push:${data.providerId}:${data.entryId}` }];
}

/** The calendar-sync queue: provider runs (pull) and entry pushes, one processor dispatching by job name. */
export function calendarSyncProcessor(runner: ProviderSyncRunner, push: EntryPushService): JobProcessorDefinition {
  return {
    queue: CALENDAR_SYNC_QUEUE,
    concurrency: 4,
    process: async (job) => {
      try {
        if (job.name === 'provider-sync') {
          const { tenantId, providerId } = job.data as CalendarSyncJobData;
          await runner.run(tenantId, providerId);
        } else if (job.name === 'entry-push') {
          const { tenantId, providerId, entryId } = job.data as EntryPushJobData;
          await push.push(tenantId, providerId, entryId);
        } else {
          throw new PermanentJobError(`unknown calendar-sync job "${job.name}"`);
        }
      } catch (error) {
        throw asJobError(error);
      }
    },
  };
}

/** Provider throttling waits without spending an attempt; a dead grant never retries (REAUTH_REQUIRED is set). */
function asJobError(error: unknown): unknown {
  if (error instanceof ProviderRateLimitedError) return new RetryLaterError(error.retryAfterMs, error.message);
  if (error instanceof ProviderAuthError) return new PermanentJobError(error.message);
  return error;
}
