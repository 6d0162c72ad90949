import { isDeepStrictEqual } from 'node:util';
import { coreMigrations } from '../migrations';
import { generateSecretKeys } from '../src/crypto/key-ring';
import { runMigrations } from '../src/db/migrate';
import { createLogger } from '../src/observability/logger';
import { PgStatementCounter } from '../test/support/pg-statement-counter';
import { createTestDatabase } from '../test/support/test-database';
import { seedGraphqlBench, type GraphqlBenchSeed } from './support/graphql-seed';
import { compareUnderLoad, type LoadFigures, type Operation } from './support/graphql-load';
import { buildForBench, scriptCommand, startServerProcess, type ServerProcess } from './support/server-process';

/**
 * The GraphQL request path against the database floor, same box, same run. The app runs as its own process from
 * compiled JavaScript (`npm run start:prod`); the floor (bare Fastify + pg, bench/support/floor-server.ts) in
 * another, doing the SQL the app runs on a cache miss. autocannon drives both from this process.
 */
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 8);
const READY_RUNS = Number(process.env.BENCH_READY_RUNS ?? 3);
const COUNTED_REQUESTS = 200;

const SCHEDULE_QUERY = `query ($first: Int!) { scheduleEntries(first: $first) { totalCount pageInfo { hasNextPage endCursor }
  edges { cursor node { id title startsAt endsAt status assignees { id email displayName } } } } }`;
const UPSERT_MUTATION = 'mutation ($input: UpsertUserInput!) { upsertUser(input: $input) { id externalId email role } }';

function operations(seed: GraphqlBenchSeed): Operation[] {
  let next = 0;
  return [
    { name: 'edition', query: '{ edition }', variables: () => ({}), targetRatio: 0.5, maxP99Ms: 10, maxStatements: 0 },
    { name: 'scheduleEntries', query: SCHEDULE_QUERY, variables: () => ({ first: 50 }), targetRatio: 0.3 },
    {
      name: 'upsertUser',
      query: UPSERT_MUTATION,
      // Existing users in turn: the steady-state update path, and no two connections queue on one row lock.
      variables: () => {
        const externalId = seed.upsertTargets[next++ % seed.upsertTargets.length]!;
        return { input: { externalId, email: `${externalId}@bench.example`, role: 'USER' } };
      },
    },
  ];
}

/** Both the generous limits (nothing is refused) and the limiter itself (every request is still counted) stay on. */
function appEnv(databaseUrl: string, secretKeys: string): NodeJS.ProcessEnv {
  return {
    DATABASE_URL: databaseUrl,
    SECRET_KEYS: secretKeys,
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
    RUN_WORKERS: 'false',
    RATE_LIMIT_GRAPHQL_PER_MINUTE: '100000000',
    RATE_LIMIT_GRAPHQL_ANON_PER_MINUTE: '100000000',
    ...(process.env.BENCH_REDIS_URL ? { REDIS_URL: process.env.BENCH_REDIS_URL, REDIS_PREFIX: `bench-${process.pid}` } : {}),
  };
}

async function timeToReady(script: string, env: NodeJS.ProcessEnv): Promise<number> {
  const runs: number[] = [];
  for (let run = 0; run < READY_RUNS; run++) {
    const server = await startServerProcess(scriptCommand(script), env);
    runs.push(server.readyMs);
    await server.stop();
  }
  return runs.sort((a, b) => a - b)[Math.floor(runs.length / 2)]!;
}

async function post(baseUrl: string, path: string, apiKey: string, operation: Operation): Promise<any> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    body: JSON.stringify({ query: operation.query, variables: operation.variables() }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: unknown };
  if (response.status !== 200 || body.errors) throw new Error(`${operation.name} at ${path}: ${response.status} ${JSON.stringify(body).slice(0, 500)}`);
  return body.data;
}

/** SQL statements per request of each operation, on the wire, after a warm-up (cache filled, bookkeeping written). */
async function statementsPerRequest(databaseUrl: string, secretKeys: string, seed: GraphqlBenchSeed, ops: Operation[]): Promise<Record<string, number>> {
  const counter = await new PgStatementCounter().start();
  const app = await startServerProcess(scriptCommand('start:prod'), appEnv(counter.proxied(databaseUrl), secretKeys));
  try {
    const perRequest: Record<string, number> = {};
    for (const operation of ops) {
      for (let n = 0; n < 20; n++) await post(app.baseUrl, '/graphql', seed.apiKey, operation);
      await new Promise((resolve) => setTimeout(resolve, 1500)); // lets write-behind bookkeeping of the warm-up land first
      const before = counter.statements;
      for (let n = 0; n < COUNTED_REQUESTS; n++) await post(app.baseUrl, '/graphql', seed.apiKey, operation);
      perRequest[operation.name] = (counter.statements - before) / COUNTED_REQUESTS;
    }
    return perRequest;
  } finally {
    await app.stop();
    await counter.stop();
  }
}

/** The app must answer what the floor answers, or the comparison is meaningless. */
async function sameAnswers(app: ServerProcess, floor: ServerProcess, seed: GraphqlBenchSeed, ops: Operation[]): Promise<void> {
  for (const operation of ops.filter((op) => op.name !== 'upsertUser')) {
    const [fromApp, fromFloor] = [await post(app.baseUrl, '/graphql', seed.apiKey, operation), await post(floor.baseUrl, `/floor/${operation.name}`, seed.apiKey, operation)];
    if (!isDeepStrictEqual(fromApp, fromFloor)) throw new Error(`${operation.name}: app and floor answer differently:\n${JSON.stringify(fromApp).slice(0, 300)}\n${JSON.stringify(fromFloor).slice(0, 300)}`);
  }
}

interface Row {
  operation: string;
  app: LoadFigures;
  floor: LoadFigures;
  ratio: number;
  statements: number;
  pass: boolean;
}

function judge(operation: Operation, app: LoadFigures, floor: LoadFigures, statements: number): Row {
  const ratio = app.requestsPerSec / floor.requestsPerSec;
  const pass =
    (operation.targetRatio === undefined || ratio >= operation.targetRatio) &&
    (operation.maxP99Ms === undefined || app.p99Ms <= operation.maxP99Ms) &&
    (operation.maxStatements === undefined || statements <= operation.maxStatements);
  return { operation: operation.name, app, floor, ratio, statements, pass };
}

const rounded = (figures: LoadFigures): LoadFigures => ({
  requestsPerSec: Math.round(figures.requestsPerSec),
  p50Ms: Number(figures.p50Ms.toFixed(1)),
  p99Ms: Number(figures.p99Ms.toFixed(1)),
});

function print(rows: Row[], ops: Operation[], ready: Record<string, number>): number {
  const num = (n: number, width = 9) => Math.round(n).toLocaleString('en-US').padStart(width);
  process.stdout.write(`graphql: ${CONNECTIONS} connections x ${DURATION_S} s per figure; app = npm run start:prod, floor = bare Fastify + pg\n`);
  process.stdout.write(`${'operation'.padEnd(17)}${'app req/s'.padStart(10)}${'p50'.padStart(6)}${'p99'.padStart(6)}${'floor req/s'.padStart(12)}${'p50'.padStart(6)}${'p99'.padStart(6)}${'ratio'.padStart(8)}${'SQL/req'.padStart(9)}  target\n`);
  for (const row of rows) {
    const op = ops.find((candidate) => candidate.name === row.operation)!;
    const target = [op.targetRatio !== undefined && `>= ${op.targetRatio}x`, op.maxP99Ms !== undefined && `p99 <= ${op.maxP99Ms} ms`, op.maxStatements !== undefined && `SQL <= ${op.maxStatements}`].filter(Boolean).join(', ');
    process.stdout.write(
      `${row.operation.padEnd(17)}${num(row.app.requestsPerSec, 10)}${num(row.app.p50Ms, 6)}${num(row.app.p99Ms, 6)}${num(row.floor.requestsPerSec, 12)}${num(row.floor.p50Ms, 6)}${num(row.floor.p99Ms, 6)}` +
        `${`${row.ratio.toFixed(2)}x`.padStart(8)}${row.statements.toFixed(2).padStart(9)}  ${target ? `${target}: ${row.pass ? 'PASS' : 'FAIL'}` : '(reported)'}\n`,
    );
  }
  process.stdout.write(`time to /readyz 200 (median of ${READY_RUNS}): npm start ${num(ready.start!, 0)} ms, npm run start:prod ${num(ready['start:prod']!, 0)} ms\n`);
  const pass = rows.every((row) => row.pass);
  process.stdout.write(`${pass ? 'PASS' : 'FAIL'}\n`);
  const summary = {
    bench: 'graphql',
    connections: CONNECTIONS,
    durationS: DURATION_S,
    pass,
    rows: rows.map((row) => ({ ...row, app: rounded(row.app), floor: rounded(row.floor), ratio: Number(row.ratio.toFixed(3)) })),
    timeToReadyMs: { start: Math.round(ready.start!), startProd: Math.round(ready['start:prod']!) },
  };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  return pass ? 0 : 1;
}

async function main(): Promise<number> {
  const db = await createTestDatabase('benchgql');
  const closers: Array<() => Promise<unknown>> = [() => db.drop()];
  try {
    buildForBench();
    await runMigrations(db.url, [coreMigrations], createLogger('silent'));
    const secretKeys = generateSecretKeys('bench');
    const seed = await seedGraphqlBench(db.url, { entries: 200, upsertTargets: 1000 });
    const ops = operations(seed);
    const ready = { start: await timeToReady('start', appEnv(db.url, secretKeys)), 'start:prod': await timeToReady('start:prod', appEnv(db.url, secretKeys)) };
    const statements = await statementsPerRequest(db.url, secretKeys, seed, ops);
    const app = await startServerProcess(scriptCommand('start:prod'), appEnv(db.url, secretKeys));
    closers.unshift(() => app.stop());
    // The floor runs with start:prod's node flags and environment (NODE_ENV, heap settings) too.
    const prod = scriptCommand('start:prod');
    const floorArgv = [...prod.argv.slice(0, -1), '--import', 'tsx', 'bench/support/floor-server.ts'];
    const floor = await startServerProcess({ argv: floorArgv, env: prod.env }, { DATABASE_URL: db.url });
    closers.unshift(() => floor.stop());
    await sameAnswers(app, floor, seed, ops);
    const rows: Row[] = [];
    for (const operation of ops) {
      const floorTarget = { baseUrl: floor.baseUrl, path: `/floor/${operation.name}` };
      const figures = await compareUnderLoad(floorTarget, { baseUrl: app.baseUrl, path: '/graphql' }, operation, {
        apiKey: seed.apiKey,
        connections: CONNECTIONS,
        durationS: DURATION_S,
      });
      rows.push(judge(operation, figures.app, figures.floor, statements[operation.name]!));
    }
    return print(rows, ops, ready);
  } finally {
    for (const close of closers) await close().catch((error) => process.stderr.write(`cleanup failed: ${(error as Error).message}\n`));
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`graphql bench failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
