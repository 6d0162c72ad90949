import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { coreMigrations } from '../migrations';
import { generateSecretKeys, parseKeyRing } from '../src/crypto/key-ring';
import { SecretBox } from '../src/crypto/secret-box';
import { runMigrations } from '../src/db/migrate';
import { createOrm, type Orm } from '../src/db/orm';
import { MICROSOFT_CONSUMERS } from '../src/edition/matrix';
import { BOUND_PROFILE_SQL, MicrosoftConsumerProfileResolver } from '../src/microsoft/consumer-profile-resolver';
import { profileSecretContext } from '../src/microsoft/profile-secret';
import { createLogger } from '../src/observability/logger';
import { createTestDatabase } from '../test/support/test-database';

/**
 * Resolutions per second of the cached consumer resolver vs. the one indexed SELECT it replaces, same database,
 * same run, same concurrency. Exits 1 when the cache is less than TARGET_RATIO times faster.
 */
const TENANTS = Number(process.env.BENCH_TENANTS ?? 200);
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 2000);
const CONCURRENCY = [1, 50];
const TARGET_RATIO = 20;
const POOL_MAX = 10;

type Key = [tenantId: string, consumer: string];
type Resolve = (key: Key) => Promise<unknown>;

/** One profile per tenant, all four consumers bound to it: every resolution is a hit, none a failure. */
async function seed(url: string, secretBox: SecretBox): Promise<Key[]> {
  const tenants = Array.from({ length: TENANTS }, () => randomUUID());
  const profiles = tenants.map(() => randomUUID());
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("insert into tenants (id, name) select id, 'bench' from unnest($1::uuid[]) as id", [tenants]);
    await client.query(
      `insert into microsoft_profiles (id, tenant_id, display_name, client_id, tenant_authority, client_secret)
       select p, t, 'Bench', gen_random_uuid()::text, 'organizations', s from unnest($1::uuid[], $2::uuid[], $3::text[]) as u(p, t, s)`,
      [profiles, tenants, profiles.map((id) => secretBox.encrypt(`secret-${id}`, profileSecretContext(id)))],
    );
    await client.query(
      `insert into microsoft_profile_consumer_bindings (tenant_id, consumer, profile_id, created_by, updated_by)
       select t, c, p, 'bench', 'bench' from unnest($1::uuid[], $2::uuid[]) as u(t, p) cross join unnest($3::text[]) as c`,
      [tenants, profiles, [...MICROSOFT_CONSUMERS]],
    );
    await client.query('analyze');
  } finally {
    await client.end();
  }
  return tenants.flatMap((tenantId) => MICROSOFT_CONSUMERS.map((consumer): Key => [tenantId, consumer]));
}

/** `concurrency` loops over the keys until the deadline; resolutions per second. */
async function measure(resolve: Resolve, keys: Key[], concurrency: number, durationMs: number): Promise<number> {
  let next = 0;
  let done = 0;
  const started = performance.now();
  const deadline = started + durationMs;
  const worker = async () => {
    while (performance.now() < deadline) {
      await resolve(keys[next++ % keys.length]!);
      done++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return done / ((performance.now() - started) / 1000);
}

interface Row {
  concurrency: number;
  cachedPerSec: number;
  baselinePerSec: number;
  ratio: number;
}

async function compare(orm: Orm, resolver: MicrosoftConsumerProfileResolver, keys: Key[]): Promise<Row[]> {
  const cached: Resolve = async ([tenantId, consumer]) => {
    const result = await resolver.resolveMicrosoftConsumerProfile(tenantId, consumer);
    if (!result.ok) throw new Error(`bench seed broken: ${consumer} of ${tenantId} resolved to ${result.reason}`);
  };
  // Exactly the query an uncached resolution runs (without even the decrypt): the baseline is not handicapped.
  const baseline: Resolve = ([tenantId, consumer]) => orm.em.fork().getConnection().execute(BOUND_PROFILE_SQL, [tenantId, consumer]);
  for (const key of keys) await cached(key); // fills the cache and proves every key resolves
  const rows: Row[] = [];
  for (const concurrency of CONCURRENCY) {
    await measure(baseline, keys, concurrency, 300); // warm pool connections and JIT for both paths
    await measure(cached, keys, concurrency, 300);
    const baselinePerSec = await measure(baseline, keys, concurrency, DURATION_MS);
    const cachedPerSec = await measure(cached, keys, concurrency, DURATION_MS);
    rows.push({ concurrency, cachedPerSec: Math.round(cachedPerSec), baselinePerSec: Math.round(baselinePerSec), ratio: cachedPerSec / baselinePerSec });
  }
  return rows;
}

function print(rows: Row[]): number {
  const fmt = (n: number) => n.toLocaleString('en-US').padStart(14);
  process.stdout.write(`resolve-binding: ${TENANTS} tenants x ${MICROSOFT_CONSUMERS.length} bindings, ${DURATION_MS} ms per figure, pool ${POOL_MAX}\n`);
  process.stdout.write(`${'in flight'.padEnd(10)}${'cached/s'.padStart(14)}${'SELECT/s'.padStart(14)}${'ratio'.padStart(10)}\n`);
  for (const row of rows) {
    process.stdout.write(`${String(row.concurrency).padEnd(10)}${fmt(row.cachedPerSec)}${fmt(row.baselinePerSec)}${`${row.ratio.toFixed(1)}x`.padStart(10)}\n`);
  }
  const worst = Math.min(...rows.map((row) => row.ratio));
  const pass = worst >= TARGET_RATIO;
  process.stdout.write(`min ratio ${worst.toFixed(1)}x, target >= ${TARGET_RATIO}x: ${pass ? 'PASS' : 'FAIL'}\n`);
  const summary = { bench: 'resolve-binding', tenants: TENANTS, targetRatio: TARGET_RATIO, pass, rows: rows.map((row) => ({ ...row, ratio: Number(row.ratio.toFixed(1)) })) };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  return pass ? 0 : 1;
}

async function main(): Promise<number> {
  const logger = createLogger('silent');
  const db = await createTestDatabase('bench');
  const closers: Array<() => Promise<unknown>> = [() => db.drop()];
  try {
    // CE migrations hold every table the resolver reads; the resolver runs as enterprise so all four consumers
    // reach the database path instead of short-circuiting on edition_unavailable.
    await runMigrations(db.url, [coreMigrations], logger);
    const secretBox = new SecretBox(parseKeyRing(generateSecretKeys('bench')));
    const keys = await seed(db.url, secretBox);
    const orm = await createOrm({ url: db.url, poolMax: POOL_MAX, entities: [], logger });
    closers.unshift(() => orm.close());
    const resolver = new MicrosoftConsumerProfileResolver({ orm, secretBox, edition: 'enterprise', logger, ttlMs: 10 * 60_000 });
    await resolver.start(db.url); // the LISTEN connection: without it the resolver bypasses its cache
    closers.unshift(() => resolver.close());
    return print(await compare(orm, resolver, keys));
  } finally {
    for (const close of closers) await close().catch((error) => process.stderr.write(`cleanup failed: ${(error as Error).message}\n`));
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`resolve-binding failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
