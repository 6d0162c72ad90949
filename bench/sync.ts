import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/config/config';
import { createLogger } from '../src/observability/logger';
import { createRuntime, type Runtime } from '../src/runtime/runtime';
import { calendarServices } from '../ee/src/calendar/calendar.module';
import { choosePrimaryCalendar, connectedProvider, PUBLIC_URL, simulatorEnv, startCalendarHarness, type CalendarHarness } from '../ee/test/support/calendar-harness';
import { googleRemote, microsoftRemote, type RemoteCalendar } from '../ee/test/support/sync-remote';
import { PgStatementCounter } from '../test/support/pg-statement-counter';
import { REDIS_URL, TEST_SECRET_KEYS } from '../test/support/services';
import { spawn } from 'node:child_process';
import { buildForBench, PROJECT_ROOT, scriptCommand } from './support/server-process';
import { queryDatabase } from '../test/support/test-database';

/**
 * Initial sync of N remote events into the schedule by a worker process (`npm run workers:prod`, built first), per simulator:
 * events/s over the run (calendar_sync_runs started → finished) and the worker's peak RSS (VmHWM). Then one
 * remote edit and one incremental run (in this process, its SQL counted on the wire, provider calls counted by
 * the simulator), printed with the ratio of incremental to initial cost.
 * Targets: initial ≥ 1,000 events/s, RSS ≤ 250 MB, incremental ≤ 3 provider calls and ≤ 15 SQL statements.
 */
const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000);
const COUNT_INITIAL_SQL = process.env.BENCH_COUNT_INITIAL_SQL === '1';
const TARGETS = { eventsPerSecond: 1000, rssMb: 250, incrementalCalls: 3, incrementalStatements: 15 };

interface Figures {
  provider: string;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  rssMb: number;
  initialCalls: number;
  /** Only with BENCH_COUNT_INITIAL_SQL=1: the wire counter slows the worker, so the throughput run goes without it. */
  initialStatements: number | null;
  incrementalCalls: number;
  incrementalStatements: number;
  incrementalMs: number;
  pass: boolean;
}

const at = (index: number) => {
  // Spread over the next 300 days, inside the default window, several per day.
  const start = new Date(Date.now() + (1 + (index % 300)) * 86_400_000);
  start.setUTCHours(6 + Math.floor(index / 300) % 12, (index % 4) * 15, 0, 0);
  return [start.toISOString(), new Date(start.getTime() + 15 * 60_000).toISOString()] as const;
};

async function measure(type: 'GOOGLE' | 'MICROSOFT'): Promise<Figures> {
  const prefix = `sbbench-sync-${randomBytes(4).toString('hex')}`;
  const h: CalendarHarness = await startCalendarHarness({ env: { REDIS_URL, REDIS_PREFIX: prefix } });
  const workerCounter = await new PgStatementCounter().start();
  const runCounter = await new PgStatementCounter().start();
  let runtime: Runtime | undefined;
  try {
    const remote: RemoteCalendar = type === 'GOOGLE' ? googleRemote(h) : microsoftRemote(h);
    const providerId = await connectedProvider(h, type);
    // Choosing the calendar queues the first run; the worker, started below, takes it.
    const calendarId = await choosePrimaryCalendar(h, providerId);
    for (let i = 0; i < EVENTS; i++) remote.create(calendarId, `remote ${i}`, ...at(i));
    const log = () => (type === 'GOOGLE' ? h.google.control.requestLog() : h.microsoft.control.requestLog());
    const callsBefore = log().length;

    const env = {
      EDITION: 'enterprise', DATABASE_URL: COUNT_INITIAL_SQL ? workerCounter.proxied(h.t.db.url) : h.t.db.url, SECRET_KEYS: TEST_SECRET_KEYS, REDIS_URL, REDIS_PREFIX: prefix,
      LOG_LEVEL: 'warn', PUBLIC_URL, ...simulatorEnv(h.google, h.microsoft),
    };
    const worker = startWorker({ ...env, LOG_LEVEL: 'info', ...(process.env.BENCH_PAGE_SIZE ? { CALENDAR_SYNC_PAGE_SIZE: process.env.BENCH_PAGE_SIZE } : {}) });
    try {
      await worker.started;
      const run = await waitForRun(h, providerId);
      // The worker then relays the import's outbox events; each becomes a push that finds nothing to do.
      await waitForQuietOutbox(h);
      const rssMb = peakRssMb(worker.pid);
      const initialCalls = log().length - callsBefore;
      const initialStatements = COUNT_INITIAL_SQL ? workerCounter.statements : null;
      await worker.stop('SIGTERM');

      const seconds = (run.finished_at.getTime() - run.started_at.getTime()) / 1000;
      const eventId = remote.events(calendarId)[0]!.id;
      remote.editTitle(calendarId, eventId, 'edited remotely');
      runtime = await createRuntime(loadConfig({ ...env, DATABASE_URL: runCounter.proxied(h.t.db.url), LOG_LEVEL: 'silent', RUN_WORKERS: 'false' }), {
        logger: createLogger('silent'),
      });
      const { runner } = calendarServices(runtime.deps);
      const callsBeforeIncremental = log().length;
      runCounter.statements = 0;
      if (process.env.BENCH_SQL_TRACE) runCounter.trace = [];
      const started = performance.now();
      const result = await runner.run(h.tenant.tenantId, providerId);
      const incrementalMs = performance.now() - started;
      const incrementalStatements = runCounter.statements;
      const incrementalCalls = log().length - callsBeforeIncremental;
      for (const statement of runCounter.trace ?? []) process.stderr.write(`SQL ${statement.replace(/\s+/g, ' ').slice(0, 160)}\n`);
      if (result?.pulled !== 1) throw new Error(`incremental run pulled ${result?.pulled}, expected 1`);
      const figures = {
        provider: type,
        events: run.pulled,
        seconds,
        eventsPerSecond: run.pulled / seconds,
        rssMb,
        initialCalls,
        initialStatements,
        incrementalCalls,
        incrementalStatements,
        incrementalMs,
      };
      return {
        ...figures,
        pass:
          run.pulled === EVENTS &&
          figures.eventsPerSecond >= TARGETS.eventsPerSecond &&
          rssMb <= TARGETS.rssMb &&
          incrementalCalls <= TARGETS.incrementalCalls &&
          incrementalStatements <= TARGETS.incrementalStatements,
      };
    } finally {
      await worker.stop('SIGKILL');
    }
  } finally {
    await runtime?.close();
    await h.close();
    await workerCounter.stop();
    await runCounter.stop();
  }
}

async function waitForRun(h: CalendarHarness, providerId: string) {
  const deadline = Date.now() + 600_000;
  while (Date.now() < deadline) {
    const [run] = await queryDatabase<{ status: string; started_at: Date; finished_at: Date; pulled: number; last_error: string | null }>(
      h.t.db.url,
      "select status, started_at, finished_at, pulled, last_error from calendar_sync_runs where provider_id = $1 and status <> 'running' order by started_at limit 1",
      [providerId],
    );
    if (run?.status === 'failed') throw new Error(`initial run failed: ${run.last_error}`);
    if (run) return run;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('initial run did not finish within 10 minutes');
}

async function waitForQuietOutbox(h: CalendarHarness) {
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    const [row] = await queryDatabase<{ n: string }>(h.t.db.url, 'select count(*) as n from domain_events where published_at is null');
    if (row && Number(row.n) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('outbox did not drain within 5 minutes');
}

/** The production worker (`npm run workers:prod`, compiled JavaScript), its output kept for failures. */
function startWorker(env: NodeJS.ProcessEnv) {
  const { argv, env: scriptEnv } = scriptCommand('workers:prod');
  const child = spawn(argv[0]!, argv.slice(1), { cwd: PROJECT_ROOT, env: { PATH: process.env.PATH, ...scriptEnv, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output = (output + chunk).slice(-20_000)));
  child.stderr.on('data', (chunk) => (output = (output + chunk).slice(-20_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const started = new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (output.includes('workers started')) resolve();
      else if (child.exitCode !== null) reject(new Error(`worker exited (${child.exitCode}):\n${output}`));
      else return;
      clearInterval(timer);
    }, 50);
  });
  return {
    pid: child.pid!,
    started,
    async stop(signal: NodeJS.Signals) {
      if (child.exitCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** VmHWM: the most resident memory the process ever had. */
function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1]);
  return kb / 1024;
}

const fmt = (value: number, digits = 0) => value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main(): Promise<void> {
  const only = process.env.BENCH_PROVIDERS?.split(',') ?? ['GOOGLE', 'MICROSOFT'];
  buildForBench();
  const rows: Figures[] = [];
  for (const type of only as Array<'GOOGLE' | 'MICROSOFT'>) rows.push(await measure(type));
  process.stdout.write(`sync: initial listing of ${fmt(EVENTS)} remote events by a worker process, then 1 remote edit and one incremental run\n`);
  process.stdout.write('provider     events/s   seconds  peak RSS MB   calls  SQL stmts | incr calls  incr SQL  incr ms | ratio calls  ratio time\n');
  for (const row of rows) {
    process.stdout.write(
      `${row.provider.padEnd(10)} ${fmt(row.eventsPerSecond).padStart(10)} ${fmt(row.seconds, 1).padStart(9)} ${fmt(row.rssMb).padStart(12)} ` +
        `${fmt(row.initialCalls).padStart(7)} ${(row.initialStatements === null ? '-' : fmt(row.initialStatements)).padStart(10)} | ` +
        `${fmt(row.incrementalCalls).padStart(10)} ${fmt(row.incrementalStatements).padStart(9)} ${fmt(row.incrementalMs, 1).padStart(8)} | ` +
        `${(row.incrementalCalls / row.initialCalls).toExponential(2).padStart(11)} ${(row.incrementalMs / (row.seconds * 1000)).toExponential(2).padStart(11)}\n`,
    );
  }
  const pass = rows.every((row) => row.pass);
  process.stdout.write(
    `targets: initial >= ${TARGETS.eventsPerSecond} events/s, RSS <= ${TARGETS.rssMb} MB, incremental <= ${TARGETS.incrementalCalls} calls and <= ${TARGETS.incrementalStatements} SQL: ${pass ? 'PASS' : 'FAIL'}\n`,
  );
  process.stdout.write(`${JSON.stringify({ bench: 'sync', events: EVENTS, targets: TARGETS, pass, rows })}\n`);
  process.exitCode = pass ? 0 : 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
