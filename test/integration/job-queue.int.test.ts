import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { createLogger } from '../../src/observability/logger';
import { BullmqJobQueue } from '../../src/queue/bullmq-queue';
import { PermanentJobError, RetryLaterError } from '../../src/queue/job-errors';
import type { JobInfo, JobQueue } from '../../src/queue/job-queue';
import { LocalJobQueue } from '../../src/queue/local-queue';
import { REDIS_URL } from '../support/services';
import { waitFor } from '../support/wait-for';

const logger = createLogger('silent');
const prefixes: string[] = [];

const drivers: Array<[string, () => JobQueue]> = [
  ['local', () => new LocalJobQueue(logger)],
  [
    'bullmq',
    () => {
      const prefix = `sbtest-q-${randomBytes(4).toString('hex')}`;
      prefixes.push(prefix);
      return new BullmqJobQueue({ redisUrl: REDIS_URL, prefix, logger });
    },
  ],
];

afterAll(async () => {
  const redis = new Redis(REDIS_URL);
  for (const prefix of prefixes) {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
  }
  await redis.quit();
});

describe.each(drivers)('%s job queue driver', (_name, createQueue) => {
  let queue: JobQueue;
  const runs: Array<JobInfo & { at: number }> = [];
  const record = (job: JobInfo) => runs.push({ ...job, at: Date.now() });

  beforeEach(() => {
    queue = createQueue();
    runs.length = 0;
  });
  afterEach(() => queue.close());

  it('runs jobs added before the workers started, with their data', async () => {
    await queue.add('q', 'greet', { who: 'a' });
    await queue.startWorkers([{ queue: 'q', process: async (job) => void record(job) }]);
    await queue.add('q', 'greet', { who: 'b' });
    await waitFor(() => runs.length === 2, 'two jobs');
    expect(runs.map((run) => [run.name, run.data, run.attempt])).toEqual([
      ['greet', { who: 'a' }, 1],
      ['greet', { who: 'b' }, 1],
    ]);
  });

  it('retries failures with exponential backoff until success', async () => {
    await queue.startWorkers([
      {
        queue: 'q',
        process: async (job) => {
          record(job);
          if (job.attempt < 3) throw new Error('transient');
        },
      },
    ]);
    await queue.add('q', 'flaky', {}, { attempts: 4, backoffMs: 100 });
    await waitFor(() => runs.length === 3, 'three attempts');
    expect(runs.map((run) => run.attempt)).toEqual([1, 2, 3]);
    // Jittered within the top half of 100 ms, then of 200 ms.
    expect(runs[1]!.at - runs[0]!.at).toBeGreaterThanOrEqual(45);
    expect(runs[2]!.at - runs[1]!.at).toBeGreaterThanOrEqual(95);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(runs).toHaveLength(3);
  });

  it('stops at once on a permanent failure', async () => {
    await queue.startWorkers([
      {
        queue: 'q',
        process: async (job) => {
          record(job);
          throw new PermanentJobError('revoked grant');
        },
      },
    ]);
    await queue.add('q', 'doomed', {}, { attempts: 5, backoffMs: 10 });
    await waitFor(() => runs.length === 1, 'one attempt');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(runs).toHaveLength(1);
  });

  it('honours Retry-After without spending an attempt', async () => {
    await queue.startWorkers([
      {
        queue: 'q',
        process: async (job) => {
          record(job);
          if (runs.length === 1) throw new RetryLaterError(150);
        },
      },
    ]);
    await queue.add('q', 'rate-limited', {}, { attempts: 1 });
    await waitFor(() => runs.length === 2, 'the delayed re-run');
    expect(runs[1]!.at - runs[0]!.at).toBeGreaterThanOrEqual(140);
    expect(runs.map((run) => run.attempt)).toEqual([1, 1]);
  });

  it('coalesces jobs with the same id while one is pending', async () => {
    for (let i = 0; i < 5; i++) await queue.add('q', 'sync', { i }, { jobId: 'sync:provider-1' });
    await queue.add('q', 'sync', { other: true }, { jobId: 'sync:provider-2' });
    expect((await queue.counts()).q?.waiting).toBe(2);
    await queue.startWorkers([{ queue: 'q', process: async (job) => void record(job) }]);
    await waitFor(() => runs.length === 2, 'two distinct jobs');
    expect(runs.map((run) => run.data)).toEqual([{ i: 0 }, { other: true }]);
    // Once done, the id is free for the next unit of work.
    await queue.add('q', 'sync', { i: 'next' }, { jobId: 'sync:provider-1' });
    await waitFor(() => runs.length === 3, 'the next job with a reused id');
  });

  it('queues exactly one follow-up when the same id is added while a job runs', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    await queue.startWorkers([
      {
        queue: 'q',
        process: async (job) => {
          record(job);
          if (runs.length === 1) await gate;
        },
      },
    ]);
    await queue.add('q', 'sync', { n: 1 }, { jobId: 'sync:p1' });
    await waitFor(async () => ((await queue.counts()).q?.active ?? 0) === 1, 'the first run to start');
    for (const n of [2, 3, 4]) await queue.add('q', 'sync', { n }, { jobId: 'sync:p1' });
    release();
    await waitFor(() => runs.length === 2, 'the follow-up');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(runs.map((run) => run.data)).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('does not let a failed job block its id', async () => {
    await queue.startWorkers([
      {
        queue: 'q',
        process: async (job) => {
          record(job);
          if (runs.length === 1) throw new PermanentJobError('first one fails');
        },
      },
    ]);
    await queue.add('q', 'sync', { n: 1 }, { jobId: 'sync:p2' });
    await waitFor(async () => ((await queue.counts()).q?.failed ?? 0) === 1, 'the failure to be recorded');
    await queue.add('q', 'sync', { n: 2 }, { jobId: 'sync:p2' });
    await waitFor(() => runs.length === 2, 'the second job with the same id');
  });

  it('delays jobs on request', async () => {
    await queue.startWorkers([{ queue: 'q', process: async (job) => void record(job) }]);
    const added = Date.now();
    await queue.add('q', 'later', {}, { delayMs: 200 });
    expect((await queue.counts()).q?.delayed).toBe(1);
    await waitFor(() => runs.length === 1, 'the delayed job');
    expect(runs[0]!.at - added).toBeGreaterThanOrEqual(190);
  });

  it('runs a scheduled job at once and then once per period', async () => {
    const schedule = { name: 'tick', everyMs: 300, data: { kind: 'maintenance' } };
    await queue.startWorkers([{ queue: 'q', process: async (job) => void record(job), schedules: [schedule] }]);
    await waitFor(() => runs.length >= 1, 'first scheduled job', 2_000);
    const first = runs[0]!.at;
    await waitFor(() => runs.length >= 3, 'three scheduled jobs', 3_000);
    expect(runs[0]).toMatchObject({ name: 'tick', data: { kind: 'maintenance' } });
    // Three jobs take two periods: not a burst.
    expect(runs[2]!.at - first).toBeGreaterThanOrEqual(500);
  });

  it('waits for running jobs on close', async () => {
    let finished = false;
    await queue.startWorkers([
      {
        queue: 'q',
        process: async () => {
          await new Promise((resolve) => setTimeout(resolve, 200));
          finished = true;
        },
      },
    ]);
    await queue.add('q', 'slow', {});
    await waitFor(async () => ((await queue.counts()).q?.active ?? 0) === 1, 'the job to start');
    await queue.close();
    expect(finished).toBe(true);
    queue = createQueue();
  });
});
