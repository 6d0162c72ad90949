/** Job queue port. Two drivers implement it: BullMQ over Redis (production) and an in-process local driver. */

export interface JobOptions {
  /**
   * Coalescing key. While a job with this id waits, adding it again is a no-op (a burst of webhooks becomes one
   * sync). While one runs, exactly one follow-up is queued, so a change that arrives mid-run is never lost.
   */
  jobId?: string;
  delayMs?: number;
  /** Total attempts including the first. Default 5. */
  attempts?: number;
  /** Base of the exponential backoff between attempts. Default 1000 ms. */
  backoffMs?: number;
}

export interface JobInfo<T = unknown> {
  id: string;
  queue: string;
  name: string;
  data: T;
  /** 1 on the first run. */
  attempt: number;
}

export type JobProcessor<T = any> = (job: JobInfo<T>) => Promise<void>;

/** A job added on a fixed period by the queue itself, however many processes consume the queue. */
export interface JobSchedule {
  /** Job name; also names the schedule, so re-declaring it (every process does at start) replaces it. */
  name: string;
  everyMs: number;
  data?: unknown;
}

export interface JobProcessorDefinition<T = any> {
  queue: string;
  process: JobProcessor<T>;
  concurrency?: number;
  /**
   * Periodic jobs of this queue. BullMQ keeps one scheduler per name in Redis (one job per period across all
   * workers); the local driver runs a timer. Overlap is the processor's concern (a lease or lock).
   */
  schedules?: JobSchedule[];
}

export interface QueueCounts {
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
}

export interface JobQueue {
  readonly driver: 'bullmq' | 'local';
  add<T>(queue: string, name: string, data: T, options?: JobOptions): Promise<void>;
  /** Starts consuming the given processors in this process. */
  startWorkers(processors: JobProcessorDefinition[]): Promise<void>;
  counts(): Promise<Record<string, QueueCounts>>;
  /** Stops taking new jobs, waits for running ones, closes connections. */
  close(): Promise<void>;
}

export const DEFAULT_ATTEMPTS = 5;
export const DEFAULT_BACKOFF_MS = 1000;

/**
 * The share of each backoff delay that is random. Retries of many jobs that failed together (a provider outage)
 * spread out instead of hitting the provider again in lockstep.
 */
export const BACKOFF_JITTER = 0.5;

/** Exponential backoff with jitter: uniformly within the top half of base * 2^(attempts - 1). */
export function backoffDelay(baseMs: number, attemptsMade: number, random: () => number = Math.random): number {
  const ceiling = baseMs * 2 ** Math.max(0, attemptsMade - 1);
  return Math.floor(ceiling * (1 - BACKOFF_JITTER) + random() * ceiling * BACKOFF_JITTER);
}

/** The id of the single follow-up queued behind a running job with `jobId`. */
export const followUpJobId = (jobId: string) => `${jobId}~next`;
