import { DelayedError, Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from '../observability/logger';
import { throttledWarn } from '../observability/throttled-log';
import { PermanentJobError, RetryLaterError } from './job-errors';
import {
  BACKOFF_JITTER,
  DEFAULT_ATTEMPTS,
  DEFAULT_BACKOFF_MS,
  followUpJobId,
  type JobOptions,
  type JobProcessorDefinition,
  type JobQueue,
  type QueueCounts,
} from './job-queue';

export interface BullmqQueueOptions {
  redisUrl: string;
  prefix: string;
  logger: Logger;
}

/** Production driver: BullMQ over Redis, so any number of API and worker processes share the queues. */
export class BullmqJobQueue implements JobQueue {
  readonly driver = 'bullmq' as const;
  private readonly queues = new Map<string, Queue>();
  private readonly workers: Worker[] = [];
  private readonly workerConnections: Redis[] = [];
  private readonly connection: Redis;

  constructor(private readonly options: BullmqQueueOptions) {
    this.connection = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
    this.connection.on('error', throttledWarn(options.logger, 'queue redis connection error'));
  }

  async add<T>(queue: string, name: string, data: T, options: JobOptions = {}): Promise<void> {
    const target = this.queue(queue);
    const jobId = options.jobId === undefined ? undefined : await this.coalescedId(target, options.jobId);
    if (jobId === null) return;
    await target.add(name, data, {
      jobId,
      delay: options.delayMs,
      attempts: options.attempts ?? DEFAULT_ATTEMPTS,
      backoff: { type: 'exponential', delay: options.backoffMs ?? DEFAULT_BACKOFF_MS, jitter: BACKOFF_JITTER },
      removeOnComplete: true,
      // Failed jobs stay a week for inspection (and the failed-jobs metric); coalescedId clears one in the way.
      removeOnFail: { age: 7 * 24 * 3600, count: 1000 },
    });
  }

  /** The BullMQ id to add under, or null when a pending job with this key already covers the work. */
  private async coalescedId(queue: Queue, jobId: string): Promise<string | null> {
    for (const candidate of [jobId, followUpJobId(jobId)].map(encodeJobId)) {
      const existing = await queue.getJob(candidate);
      if (!existing) return candidate;
      const state = await existing.getState();
      if (state === 'completed' || state === 'failed' || state === 'unknown') {
        await existing.remove().catch(() => undefined);
        return candidate;
      }
      if (state !== 'active') return null;
    }
    return null;
  }

  async startWorkers(processors: JobProcessorDefinition[]): Promise<void> {
    for (const definition of processors) {
      // Opened here too so a worker-only process reports the depth of the queues it consumes (/metrics).
      this.queue(definition.queue);
      const connection = new Redis(this.options.redisUrl, { maxRetriesPerRequest: null });
      this.workerConnections.push(connection);
      const worker = new Worker(definition.queue, (job, token) => this.process(definition, job, token), {
        connection,
        prefix: this.options.prefix,
        concurrency: definition.concurrency ?? 1,
      });
      worker.on('failed', (job, error) =>
        this.options.logger.error({ err: error, jobId: job?.id, queue: definition.queue, attempts: job?.attemptsMade }, 'job failed'),
      );
      worker.on('error', (error) => this.options.logger.warn({ err: error, queue: definition.queue }, 'worker error'));
      this.workers.push(worker);
      await worker.waitUntilReady();
      for (const schedule of definition.schedules ?? []) {
        await this.queue(definition.queue).upsertJobScheduler(
          schedule.name,
          { every: schedule.everyMs },
          { name: schedule.name, data: schedule.data ?? {}, opts: { removeOnComplete: true, removeOnFail: { age: 7 * 24 * 3600, count: 1000 } } },
        );
      }
    }
  }

  async counts(): Promise<Record<string, QueueCounts>> {
    const result: Record<string, QueueCounts> = {};
    for (const [name, queue] of this.queues) {
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'prioritized');
      result[name] = {
        waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
        active: counts.active ?? 0,
        delayed: counts.delayed ?? 0,
        failed: counts.failed ?? 0,
      };
    }
    return result;
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.workers.map((worker) => worker.close()));
    await Promise.allSettled([...this.queues.values()].map((queue) => queue.close()));
    // BullMQ does not close connections it was given.
    await Promise.allSettled([...this.workerConnections, this.connection].map((connection) => connection.quit()));
  }

  /** Opens (once) the queue a producer writes to; producers need no worker. */
  queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.connection, prefix: this.options.prefix });
      this.queues.set(name, queue);
    }
    return queue;
  }

  private async process(definition: JobProcessorDefinition, job: Job, token?: string): Promise<void> {
    try {
      await definition.process({ id: decodeURIComponent(job.id ?? ''), queue: definition.queue, name: job.name, data: job.data, attempt: job.attemptsMade + 1 });
    } catch (error) {
      if (error instanceof PermanentJobError) throw new UnrecoverableError(error.message);
      if (error instanceof RetryLaterError && token) {
        await job.moveToDelayed(Date.now() + error.delayMs, token);
        throw new DelayedError();
      }
      throw error;
    }
  }
}

/** BullMQ reserves ':' in ids (its key separator); callers may use any string, so encode reversibly. */
function encodeJobId(jobId: string): string {
  return jobId.replaceAll('%', '%25').replaceAll(':', '%3A');
}
