import { SignJWT } from 'jose';
import { ApiKeyService } from '../../src/auth/api-key.service';
import { coreEntities } from '../../src/db/entities';
import { runMigrations } from '../../src/db/migrate';
import { createOrm, type Orm } from '../../src/db/orm';
import { createLogger } from '../../src/observability/logger';
import { TenantService, type CreatedTenant } from '../../src/tenants/tenant.service';
import { coreMigrations } from '../../migrations';
import { PgStatementCounter } from '../support/pg-statement-counter';
import { runCli } from '../support/server-boot-contract';
import { TEST_SECRET_KEYS } from '../support/services';
import { startServer, type SpawnedProcess } from '../support/spawn-process';
import { createTestDatabase, queryDatabase, type TestDatabase } from '../support/test-database';
import { waitFor } from '../support/wait-for';

jest.setTimeout(120_000);

const JWT_SECRET = 'a-test-secret-that-is-long-enough-for-hs256!';
const UPSERT = 'mutation ($input: UpsertUserInput!) { upsertUser(input: $input) { id role } }';
const PROPAGATION_LIMIT_MS = 1000;

type Server = SpawnedProcess & { baseUrl: string };

async function post(server: Server, query: string, bearer: string, variables?: Record<string, unknown>): Promise<any> {
  const response = await fetch(`${server.baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
    body: JSON.stringify({ query, variables }),
  });
  return response.json();
}

/** Polls until `settled` holds and returns how long after `since` that was; fails beyond twice the limit. */
async function msUntil(since: number, settled: () => Promise<boolean>): Promise<number> {
  while (Date.now() - since < 2 * PROPAGATION_LIMIT_MS) {
    if (await settled()) return Date.now() - since;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`not settled within ${2 * PROPAGATION_LIMIT_MS} ms`);
}

/**
 * Two API processes on one database. Process B reaches PostgreSQL through a statement counter, so the test first
 * proves B answers from its cache (0 statements); the change is then made through process A (or the CLI) and B
 * must follow within 1 s.
 */
describe('credential changes across processes', () => {
  let db: TestDatabase;
  let counter: PgStatementCounter;
  let orm: Orm;
  let tenant: CreatedTenant;
  let a: Server;
  let b: Server;
  let n = 0;

  beforeAll(async () => {
    db = await createTestDatabase('authrevoke');
    await runMigrations(db.url, [coreMigrations], createLogger('silent'));
    orm = await createOrm({ url: db.url, poolMax: 2, entities: coreEntities, logger: createLogger('silent') });
    tenant = await new TenantService(orm, new ApiKeyService(orm)).createWithAdmin({ name: 'Two processes', adminEmail: 'admin@two.example' });
    counter = await new PgStatementCounter().start();
    const env = { DATABASE_URL: db.url, SECRET_KEYS: TEST_SECRET_KEYS, JWT_SECRET, RUN_WORKERS: 'false' };
    [a, b] = await Promise.all([startServer(env), startServer({ ...env, DATABASE_URL: counter.proxied(db.url) })]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await counter?.stop();
    await orm?.close();
    await db?.drop();
  });

  const statementsOnB = async (work: () => Promise<unknown>) => {
    const before = counter.statements;
    await work();
    return counter.statements - before;
  };
  const roleOnB = async (bearer: string) => (await post(b, '{ viewer { role } }', bearer)).data?.viewer?.role;
  const refusedOnB = async (bearer: string) => (await post(b, '{ edition }', bearer)).errors?.[0]?.extensions?.code === 'UNAUTHENTICATED';
  /** An admin user provisioned through A, with an admin key; its first use on B (and B's bookkeeping) is behind us. */
  const adminUser = async () => {
    const externalId = `psa-${++n}`;
    const user = (await post(a, UPSERT, tenant.apiKey, { input: { externalId, email: `${externalId}@two.example`, role: 'ADMIN' } })).data.upsertUser;
    const key = await new ApiKeyService(orm).create(tenant.tenantId, user.id, { name: 'e2e', role: 'admin' });
    expect(await roleOnB(key.apiKey)).toBe('ADMIN');
    const lastUsed = () => queryDatabase(db.url, 'select 1 from api_keys where id = $1 and last_used_at is not null', [key.row.id]);
    await waitFor(async () => (await lastUsed()).length === 1, "B's write-behind of last_used_at");
    return { id: user.id as string, externalId, keyId: key.row.id, apiKey: key.apiKey };
  };

  it('a key revoked through process A is refused by process B within 1 s', async () => {
    const user = await adminUser();
    expect(await statementsOnB(async () => expect(await refusedOnB(user.apiKey)).toBe(false))).toBe(0);
    const revoked = await post(a, 'mutation ($id: ID!) { revokeApiKey(id: $id) { revokedAt } }', tenant.apiKey, { id: user.keyId });
    const at = Date.now();
    expect(revoked.data.revokeApiKey.revokedAt).toEqual(expect.any(String));
    expect(await msUntil(at, () => refusedOnB(user.apiKey))).toBeLessThan(PROPAGATION_LIMIT_MS);
  });

  it('a user demoted through process A (upsertUser role USER) acts as USER in process B within 1 s, by key and by JWT', async () => {
    const user = await adminUser();
    const jwt = await new SignJWT({ tid: tenant.tenantId, sub: user.externalId, role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(JWT_SECRET));
    expect(await roleOnB(jwt)).toBe('ADMIN');
    expect(await statementsOnB(async () => expect([await roleOnB(user.apiKey), await roleOnB(jwt)]).toEqual(['ADMIN', 'ADMIN']))).toBe(0);
    const demoted = await post(a, UPSERT, tenant.apiKey, { input: { externalId: user.externalId, email: `${user.externalId}@two.example`, role: 'USER' } });
    const at = Date.now();
    expect(demoted.data.upsertUser.role).toBe('USER');
    const byKey = await msUntil(at, async () => (await roleOnB(user.apiKey)) === 'USER');
    const byJwt = await msUntil(at, async () => (await roleOnB(jwt)) === 'USER');
    expect(Math.max(byKey, byJwt)).toBeLessThan(PROPAGATION_LIMIT_MS);
  });

  it('a key revoked with the CLI (a third process) is refused by both within 1 s', async () => {
    const user = await adminUser();
    expect((await post(a, '{ edition }', user.apiKey)).data).toEqual({ edition: 'COMMUNITY' });
    expect(await statementsOnB(async () => expect(await refusedOnB(user.apiKey)).toBe(false))).toBe(0);
    const cli = await runCli({ DATABASE_URL: db.url, SECRET_KEYS: TEST_SECRET_KEYS }, 'api-key', 'revoke', '--tenant', tenant.tenantId, '--id', user.keyId);
    const at = Date.now();
    expect(cli.code).toBe(0);
    const onA = msUntil(at, async () => (await post(a, '{ edition }', user.apiKey)).errors?.[0]?.extensions?.code === 'UNAUTHENTICATED');
    expect(Math.max(await onA, await msUntil(at, () => refusedOnB(user.apiKey)))).toBeLessThan(PROPAGATION_LIMIT_MS);
  });
});
