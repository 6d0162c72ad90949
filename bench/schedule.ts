import { performance } from 'node:perf_hooks';
import { ApiKeyService } from '../src/auth/api-key.service';
import { TenantService } from '../src/tenants/tenant.service';
import { ScheduleEntryService } from '../src/schedule/schedule-entry.service';
import { ScheduleQueryService } from '../src/schedule/schedule-query.service';
import { UserService } from '../src/users/user.service';
import type { RequestContext } from '../src/auth/request-context';
import { startBenchApp, type BenchApp } from './support/bench-app';
import { expandWithLibraryAlone, SERIES_TIME_ZONE } from './support/library-expansion';

/**
 * 1. `scheduleEntries(first: 500)` with assignees for 10 and for 500 entries: SQL statements per request,
 *    counted on the wire (must not grow with N; ≤ 5 at both).
 * 2. `scheduleOccurrences` over one year for 1,000 weekly series (month by month: one query may hold at most
 *    5,000 occurrences): occurrences/s through GraphQL against expanding the same rules with the library alone,
 *    same run. Target ≥ 0.5×.
 */
const SIZES = [10, 500];
const SERIES = Number(process.env.BENCH_SERIES ?? 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const STATEMENT_LIMIT = 5;
const TARGET_RATIO = 0.5;
const YEAR_START = Date.UTC(2027, 0, 1);

const LIST = '{ scheduleEntries(first: 500) { totalCount edges { node { id title assignees { id email displayName } } } } }';
const OCCURRENCES = `query ($start: DateTime!, $end: DateTime!) { scheduleOccurrences(range: { start: $start, end: $end }) {
  startsAt endsAt originalStartsAt isException entry { id } } }`;

interface Tenant {
  auth: RequestContext;
  apiKey: string;
}

async function tenantWithAssignees(bench: BenchApp, name: string): Promise<Tenant & { userIds: string[] }> {
  const orm = bench.runtime.deps.orm;
  const created = await new TenantService(orm, new ApiKeyService(orm)).createWithAdmin({ name, adminEmail: `admin@${name}.example` });
  const users = new UserService(orm);
  const userIds: string[] = [];
  for (let n = 0; n < 5; n++) userIds.push((await users.upsert(created.tenantId, { externalId: `tech-${n}`, email: `tech${n}@${name}.example` })).id);
  return { auth: { tenantId: created.tenantId, userId: created.userId, role: 'admin', via: 'api_key' }, apiKey: created.apiKey, userIds };
}

async function statementsPerList(bench: BenchApp, size: number): Promise<{ size: number; statements: number; ms: number }> {
  const tenant = await tenantWithAssignees(bench, `list${size}`);
  const entries = new ScheduleEntryService({ orm: bench.runtime.deps.orm });
  for (let n = 0; n < size; n++) {
    const startsAt = new Date(YEAR_START + n * 3_600_000);
    await entries.create(tenant.auth, {
      title: `Job ${n}`,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 1_800_000),
      assigneeIds: [tenant.userIds[n % 5]!, tenant.userIds[(n + 1) % 5]!],
    });
  }
  await bench.gql(LIST, tenant.apiKey); // warm: schema caches, pool connections, last_used_at bookkeeping
  const before = bench.counter.statements;
  const started = performance.now();
  const data = await bench.gql(LIST, tenant.apiKey);
  const ms = performance.now() - started;
  if (data.scheduleEntries.edges.length !== size) throw new Error(`expected ${size} entries, got ${data.scheduleEntries.edges.length}`);
  return { size, statements: bench.counter.statements - before, ms };
}

function monthRanges(): Array<{ start: string; end: string }> {
  return Array.from({ length: 12 }, (_unused, month) => ({
    start: new Date(Date.UTC(2027, month, 1)).toISOString(),
    end: new Date(Date.UTC(2027, month + 1, 1)).toISOString(),
  }));
}

async function occurrenceRates(bench: BenchApp) {
  const tenant = await tenantWithAssignees(bench, 'series');
  const entries = new ScheduleEntryService({ orm: bench.runtime.deps.orm });
  const seeds: Array<{ startsAt: Date; rule: string }> = [];
  for (let n = 0; n < SERIES; n++) {
    // Spread over the week and the day, all in one DST-observing zone so expansion does real zone work.
    const startsAt = new Date(YEAR_START + (n % 7) * 86_400_000 + (n % 10) * 3_600_000 + 8 * 3_600_000);
    const rule = 'RRULE:FREQ=WEEKLY';
    seeds.push({ startsAt, rule });
    await entries.create(tenant.auth, { title: `Series ${n}`, startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000), timeZone: SERIES_TIME_ZONE, recurrence: [rule] });
  }
  const ranges = monthRanges();
  const viaGraphql = async () => {
    let count = 0;
    for (const range of ranges) count += (await bench.gql(OCCURRENCES, tenant.apiKey, range)).scheduleOccurrences.length;
    return count;
  };
  const library = () => ranges.reduce((sum, range) => sum + expandWithLibraryAlone(seeds, new Date(range.start), new Date(range.end)), 0);
  const queries = new ScheduleQueryService({ orm: bench.runtime.deps.orm });
  const viaService = async () => {
    let count = 0;
    for (const range of ranges) count += (await queries.occurrences(tenant.auth, { start: new Date(range.start), end: new Date(range.end) })).length;
    return count;
  };
  const expected = library();
  const got = await viaGraphql();
  if (got !== expected) throw new Error(`scheduleOccurrences returned ${got} occurrences, the library alone ${expected}`);
  const rate = async (run: () => Promise<number> | number) => {
    const started = performance.now();
    let total = 0;
    for (let round = 0; round < ROUNDS; round++) total += await run();
    return total / ((performance.now() - started) / 1000);
  };
  const baselinePerSec = await rate(library);
  const servicePerSec = await rate(viaService);
  const graphqlPerSec = await rate(viaGraphql);
  return { series: SERIES, occurrencesPerYear: expected, graphqlPerSec, servicePerSec, baselinePerSec, ratio: graphqlPerSec / baselinePerSec };
}

async function main(): Promise<number> {
  const bench = await startBenchApp();
  try {
    const lists: Array<Awaited<ReturnType<typeof statementsPerList>>> = [];
    for (const size of SIZES) lists.push(await statementsPerList(bench, size));
    const occurrences = await occurrenceRates(bench);
    const flat = lists.every((row) => row.statements === lists[0]!.statements);
    const listPass = flat && lists.every((row) => row.statements <= STATEMENT_LIMIT);
    const ratePass = occurrences.ratio >= TARGET_RATIO;
    process.stdout.write('schedule: scheduleEntries(first: 500) with assignees\n');
    for (const row of lists) process.stdout.write(`  ${String(row.size).padStart(4)} entries: ${row.statements} SQL statements, ${row.ms.toFixed(1)} ms\n`);
    process.stdout.write(`  statements constant in N and <= ${STATEMENT_LIMIT}: ${listPass ? 'PASS' : 'FAIL'}\n`);
    process.stdout.write(`schedule: scheduleOccurrences, ${occurrences.series} weekly series over 2027 (12 monthly queries, ${occurrences.occurrencesPerYear} occurrences)\n`);
    process.stdout.write(`  ScheduleQueryService.occurrences (SQL + expansion, no HTTP/GraphQL) ${Math.round(occurrences.servicePerSec).toLocaleString('en-US')} occurrences/s (${(occurrences.servicePerSec / occurrences.baselinePerSec).toFixed(2)}x)\n`);
    process.stdout.write(`  GraphQL ${Math.round(occurrences.graphqlPerSec).toLocaleString('en-US')} occurrences/s, library alone ${Math.round(occurrences.baselinePerSec).toLocaleString('en-US')}/s, ratio ${occurrences.ratio.toFixed(2)}x (target >= ${TARGET_RATIO}x): ${ratePass ? 'PASS' : 'FAIL'}\n`);
    const summary = { bench: 'schedule', lists, occurrences: { ...occurrences, ratio: Number(occurrences.ratio.toFixed(3)) }, pass: listPass && ratePass };
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    return summary.pass ? 0 : 1;
  } finally {
    await bench.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`schedule bench failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
