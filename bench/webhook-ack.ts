import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { calendarServices } from '../ee/src/calendar/calendar.module';
import { webhookSecretContext } from '../ee/src/calendar/calendar-tokens-secret';
import { loadConfig } from '../src/config/config';
import { generateSecretKeys } from '../src/crypto/key-ring';
import { createLogger } from '../src/observability/logger';
import { createRuntime } from '../src/runtime/runtime';
import { ApiKeyService } from '../src/auth/api-key.service';
import { TenantService } from '../src/tenants/tenant.service';
import { REDIS_URL } from '../test/support/services';
import { createTestDatabase, queryDatabase } from '../test/support/test-database';
import { PROJECT_ROOT, startServerProcess, type Command, type ServerProcess } from './support/server-process';
import type { LoadJob, LoadResult } from './support/webhook-load-child';

/**
 * Webhook acknowledgements (Google push, Graph batches of 1 and 10 items) of the real app against a floor (bare
 * Fastify doing one indexed SELECT, one INSERT and one BullMQ add), same box, same run, same Redis and database.
 * Both servers run as their own processes with the same node flags; the load runs in a third (a child): an evenly
 * paced open loop for latency at the fixed rate (support/paced-load.ts), autocannon for the highest rate.
 */
const RATE = Number(process.env.BENCH_RATE ?? 1000);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 20);
const MAX_S = Number(process.env.BENCH_MAX_S ?? 4);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
/** Lets both processes' JIT settle on the case's path before anything is measured. */
const WARMUP_S = 2;
const TARGET_P99_MS = 10;
const TARGET_RATIO = 0.7;
const run = promisify(execFile);
const LOAD_CHILD = path.join(PROJECT_ROOT, 'bench/support/webhook-load-child.ts');

interface Case {
  name: string;
  kind: 'google' | 'microsoft';
  items: number;
}
const ALL_CASES: Case[] = [
  { name: 'google', kind: 'google', items: 1 },
  { name: 'microsoft x1', kind: 'microsoft', items: 1 },
  { name: 'microsoft x10', kind: 'microsoft', items: 10 },
];
/** BENCH_CASES=google,microsoft x10 runs only those. */
const CASES = process.env.BENCH_CASES ? ALL_CASES.filter((c) => process.env.BENCH_CASES!.split(',').includes(c.name)) : ALL_CASES;

interface Channel {
  channel: string;
  secret: string;
  resourceId: string;
}

/** A tenant with one Google and one Microsoft provider, each watched by a channel/subscription whose secret we know. */
async function seed(databaseUrl: string, secretKeys: string): Promise<Record<'google' | 'microsoft', Channel>> {
  const config = loadConfig({ EDITION: 'enterprise', DATABASE_URL: databaseUrl, SECRET_KEYS: secretKeys, LOG_LEVEL: 'silent', RUN_WORKERS: 'false' });
  const runtime = await createRuntime(config, { migrate: true, logger: createLogger('silent') });
  try {
    const tenant = await new TenantService(runtime.deps.orm, new ApiKeyService(runtime.deps.orm)).createWithAdmin({ name: 'Bench', adminEmail: 'bench@example.com' });
    const ctx = { tenantId: tenant.tenantId, userId: tenant.userId, role: 'admin' as const, via: 'api_key' as const };
    const channels = {} as Record<'google' | 'microsoft', Channel>;
    for (const type of ['google', 'microsoft'] as const) {
      // Created as Google and retyped: a Microsoft provider would need a CALENDAR binding the ack path never reads.
      const provider = await calendarServices(runtime.deps).providers.create(ctx, { name: `${type} bench`, providerType: 'google', syncDirection: 'bidirectional' });
      const channel = { channel: randomUUID(), secret: randomUUID(), resourceId: `res-${randomUUID()}` };
      await queryDatabase(
        databaseUrl,
        `update calendar_providers set provider_type = $2, webhook_subscription_id = $3, webhook_resource_id = $4, webhook_client_state = $5,
           webhook_expires_at = now() + interval '1 day', status = 'connected' where id = $1`,
        [provider.id, type, channel.channel, type === 'google' ? channel.resourceId : null, runtime.deps.secretBox.encrypt(channel.secret, webhookSecretContext(provider.id))],
      );
      channels[type] = channel;
    }
    return channels;
  } finally {
    await runtime.close();
  }
}

/** start:prod's node flags and NODE_ENV, loading TypeScript through tsx (no build step: the bench also runs on a tree mid-edit). */
function nodeCommand(script: string): Command {
  // BENCH_CPU_PROF=<dir>: both servers write a V8 CPU profile there on exit (for finding where an ack's time goes).
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  return { argv: [process.execPath, '--max-semi-space-size=32', ...profile, '--import', 'tsx', script], env: { NODE_ENV: 'production' } };
}

async function load(server: ServerProcess, path: string, c: Case, channel: Channel, durationS: number, rate: number): Promise<LoadResult> {
  const job: LoadJob = { url: server.baseUrl, path, kind: c.kind, items: c.items, ...channel, connections: CONNECTIONS, durationS, rate };
  const { stdout } = await run(process.execPath, ['--import', 'tsx', LOAD_CHILD, JSON.stringify(job)], { cwd: PROJECT_ROOT, maxBuffer: 1 << 20 });
  const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as LoadResult;
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
    throw new Error(`${c.name} at ${server.baseUrl}${path}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
  }
  return result;
}

interface Row {
  name: string;
  app: { rate: number; p50: number; p99: number; max: number };
  floor: { rate: number; p50: number; p99: number; max: number };
  ratio: number;
  pass: boolean;
}

const perSec = (results: LoadResult[]) => results.reduce((sum, r) => sum + r.requests, 0) / results.reduce((sum, r) => sum + r.durationS, 0);

/** Fixed rate for latency; then the highest sustained rate as floor, app, app, floor (drift lands on both). */
async function measure(app: ServerProcess, floor: ServerProcess, c: Case, channel: Channel): Promise<Row> {
  const appPath = `/api/calendar/webhooks/${c.kind}`;
  const floorPath = `/floor/${c.kind}`;
  await load(floor, floorPath, c, channel, WARMUP_S, 0);
  await load(app, appPath, c, channel, WARMUP_S, 0);
  const appFixed = await load(app, appPath, c, channel, DURATION_S, RATE);
  const floorFixed = await load(floor, floorPath, c, channel, Math.max(1, Math.round(DURATION_S / 2)), RATE);
  const half = Math.max(1, MAX_S / 2);
  const floorMax = [await load(floor, floorPath, c, channel, half, 0)];
  const appMax = [await load(app, appPath, c, channel, half, 0), await load(app, appPath, c, channel, half, 0)];
  floorMax.push(await load(floor, floorPath, c, channel, half, 0));
  const row = {
    name: c.name,
    app: { rate: perSec([appFixed]), p50: appFixed.p50Ms, p99: appFixed.p99Ms, max: perSec(appMax) },
    floor: { rate: perSec([floorFixed]), p50: floorFixed.p50Ms, p99: floorFixed.p99Ms, max: perSec(floorMax) },
  };
  const ratio = row.app.max / row.floor.max;
  return { ...row, ratio, pass: row.app.p99 <= TARGET_P99_MS && ratio >= TARGET_RATIO };
}

function print(rows: Row[]): number {
  const num = (n: number, width: number) => Math.round(n).toLocaleString('en-US').padStart(width);
  const ms = (n: number, width: number) => n.toFixed(n < 10 ? 1 : 0).padStart(width);
  process.stdout.write(
    `webhook-ack: ${RATE} req/s evenly paced for ${DURATION_S} s (floor ${Math.round(DURATION_S / 2)} s), then max rate (autocannon) ${MAX_S} s each, ${CONNECTIONS} connections; load in a child process\n`,
  );
  process.stdout.write(`${'case'.padEnd(15)}${'app req/s'.padStart(10)}${'p50'.padStart(6)}${'p99'.padStart(6)}${'floor req/s'.padStart(12)}${'p50'.padStart(6)}${'p99'.padStart(6)}${'app max/s'.padStart(11)}${'floor max/s'.padStart(12)}${'ratio'.padStart(8)}  target\n`);
  for (const row of rows) {
    process.stdout.write(
      `${row.name.padEnd(15)}${num(row.app.rate, 10)}${ms(row.app.p50, 6)}${ms(row.app.p99, 6)}${num(row.floor.rate, 12)}${ms(row.floor.p50, 6)}${ms(row.floor.p99, 6)}` +
        `${num(row.app.max, 11)}${num(row.floor.max, 12)}${`${row.ratio.toFixed(2)}x`.padStart(8)}  p99 <= ${TARGET_P99_MS} ms, >= ${TARGET_RATIO}x: ${row.pass ? 'PASS' : 'FAIL'}\n`,
    );
  }
  const pass = rows.every((row) => row.pass);
  process.stdout.write(`${pass ? 'PASS' : 'FAIL'}\n`);
  process.stdout.write(`${JSON.stringify({ bench: 'webhook-ack', rate: RATE, durationS: DURATION_S, maxS: MAX_S, connections: CONNECTIONS, pass, rows })}\n`);
  return pass ? 0 : 1;
}

async function dropRedisKeys(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
}

async function main(): Promise<number> {
  const db = await createTestDatabase('benchwebhook');
  const prefix = `bench-webhook-${process.pid}`;
  const closers: Array<() => Promise<unknown>> = [() => db.drop(), () => dropRedisKeys(prefix)];
  try {
    const secretKeys = generateSecretKeys('bench');
    const channels = await seed(db.url, secretKeys);
    const shared = { DATABASE_URL: db.url, REDIS_URL, REDIS_PREFIX: prefix };
    const app = await startServerProcess(nodeCommand('src/server.ts'), {
      ...shared,
      EDITION: 'enterprise',
      SECRET_KEYS: secretKeys,
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
      RUN_WORKERS: 'false',
      // The limiter stays on (every request is counted) with a limit nothing reaches.
      RATE_LIMIT_WEBHOOKS_PER_MINUTE: '100000000',
    });
    closers.unshift(() => app.stop());
    const floor = await startServerProcess(nodeCommand('bench/support/webhook-floor-server.ts'), shared);
    closers.unshift(() => floor.stop());
    const rows: Row[] = [];
    for (const c of CASES) rows.push(await measure(app, floor, c, channels[c.kind]));
    return print(rows);
  } finally {
    for (const close of closers) await close().catch((error) => process.stderr.write(`cleanup failed: ${(error as Error).message}\n`));
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`webhook-ack failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
