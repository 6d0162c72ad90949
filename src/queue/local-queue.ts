import { randomUUID } from 'node:crypto';
import type { Logger } from '../observability/logger';
import { PermanentJobError, RetryLaterError } from './job-errors';
import {
  DEFAULT_ATTEMPTS,
  DEFAULT_BACKOFF_MS,
  backoffDelay,
  followUpJobId,
  type JobOptions,
  type JobProcessorDefinition,
  type JobQueue,
  type JobSchedule,
  type QueueCounts,
} from './job-queue';

interface LocalJob {
  id: string;
  queue: string;
  name: string;
  data: unknown;
  attemptsMade: number;
  attempts: number;
  backoffMs: number;
  state: 'waiting' | 'delayed' | 'active';
  timer?: NodeJS.Timeout;
}

/**
 * In-process driver for the single-node quick start: same contract as BullMQ (job-id de-duplication while
 * pending, retries with exponential backoff, delays, Retry-After), but jobs live in memory. Jobs added before
 * workers start wait for them.
 */
export class LocalJobQueue implements JobQueue {
  readonly driver = 'local' as const;
  private readonly jobs = new Map<string, LocalJob>();
  private readonly processors = new Map<string, JobProcessorDefinition>();
  private readonly running = new Map<string, number>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly failedCount = new Map<string, number>();
  private readonly scheduleTimers: NodeJS.Timeout[] = [];
  private closed = false;

  constructor(private readonly logger: Logger) {}

  async add<T>(queue: string, name: string, data: T, options: JobOptions = {}): Promise<void> {
    if (this.closed) throw new Error('queue is closed');
    const id = this.coalescedId(options.jobId ?? randomUUID());
    if (id === undefined) return;
    const job: LocalJob = {
      id,
      queue,
      name,
      data,
      attemptsMade: 0,
      attempts: options.attempts ?? DEFAULT_ATTEMPTS,
      backoffMs: options.backoffMs ?? DEFAULT_BACKOFF_MS,
      state: 'waiting',
    };
    this.jobs.set(id, job);
    if (options.delayMs && options.delayMs > 0) this.delay(job, options.delayMs);
    else this.pump(queue);
  }

  /** The id to add under, or undefined when a pending job with this key already covers the work. */
  private coalescedId(jobId: string): string | undefined {
    for (const candidate of [jobId, followUpJobId(jobId)]) {
      const existing = this.jobs.get(candidate);
      if (!existing) return candidate;
      if (existing.state !== 'active') return undefined;
    }
    return undefined;
  }

  async startWorkers(processors: JobProcessorDefinition[]): Promise<void> {
    for (const processor of processors) {
      this.processors.set(processor.queue, processor);
      this.pump(processor.queue);
      for (const schedule of processor.schedules ?? []) this.startSchedule(processor.queue, schedule);
    }
  }

  /** Like a BullMQ scheduler: one job per period, coalesced with one still pending. */
  private startSchedule(queue: string, schedule: JobSchedule): void {
    const tick = () => void this.add(queue, schedule.name, schedule.data ?? {}, { jobId: `schedule:${queue}:${schedule.name}` }).catch(() => undefined);
    // BullMQ adds a scheduler's first job at once; so does this.
    setImmediate(tick);
    const timer = setInterval(tick, schedule.everyMs);
    timer.unref();
    this.scheduleTimers.push(timer);
  }

  async counts(): Promise<Record<string, QueueCounts>> {
    const result: Record<string, QueueCounts> = {};
    const row = (queue: string) => (result[queue] ??= { waiting: 0, active: 0, delayed: 0, failed: this.failedCount.get(queue) ?? 0 });
    for (const job of this.jobs.values()) row(job.queue)[job.state] += 1;
    for (const queue of this.failedCount.keys()) row(queue);
    return result;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.scheduleTimers.splice(0)) clearInterval(timer);
    for (const job of this.jobs.values()) clearTimeout(job.timer);
    await Promise.allSettled([...this.inFlight]);
    this.processors.clear();
  }

  private delay(job: LocalJob, ms: number): void {
    job.state = 'delayed';
    job.timer = setTimeout(() => {
      job.state = 'waiting';
      this.pump(job.queue);
    }, ms);
    job.timer.unref();
  }

  private pump(queue: string): void {
    const processor = this.processors.get(queue);
    if (!processor || this.closed) return;
    const limit = processor.concurrency ?? 1;
    for (const job of this.jobs.values()) {
      if ((this.running.get(queue) ?? 0) >= limit) return;
      if (job.queue === queue && job.state === 'waiting') this.runJob(job, processor);
    }
  }

  private runJob(job: LocalJob, processor: JobProcessorDefinition): void {
    job.state = 'active';
    job.attemptsMade += 1;
    this.running.set(job.queue, (this.running.get(job.queue) ?? 0) + 1);
    const run = processor
      .process({ id: job.id, queue: job.queue, name: job.name, data: job.data, attempt: job.attemptsMade })
      .then(
        () => {
          this.jobs.delete(job.id);
        },
        (error: unknown) => this.handleFailure(job, error),
      )
      .finally(() => {
        this.running.set(job.queue, (this.running.get(job.queue) ?? 1) - 1);
        this.inFlight.delete(run);
        this.pump(job.queue);
      });
    this.inFlight.add(run);
  }

  private handleFailure(job: LocalJob, error: unknown): void {
    if (this.closed) return;
    if (error instanceof RetryLaterError) {
      job.attemptsMade -= 1;
      this.delay(job, error.delayMs);
      return;
    }
    const permanent = error instanceof PermanentJobError;
    if (permanent || job.attemptsMade >= job.attempts) {
      this.jobs.delete(job.id);
      this.failedCount.set(job.queue, (this.failedCount.get(job.queue) ?? 0) + 1);
      this.logger.error({ err: error, jobId: job.id, queue: job.queue, name: job.name, attempts: job.attemptsMade }, 'job failed');
      return;
    }
    this.logger.warn({ err: error, jobId: job.id, queue: job.queue, attempt: job.attemptsMade }, 'job attempt failed; retrying');
    this.delay(job, backoffDelay(job.backoffMs, job.attemptsMade));
  }
}
