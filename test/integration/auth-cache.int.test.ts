import { SignJWT } from 'jose';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app';
import { ApiKeyService } from '../../src/auth/api-key.service';
import { AuthCache } from '../../src/auth/auth-cache';
import { AuthChangeListener } from '../../src/auth/auth-change-listener';
import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/observability/logger';
import { createRuntime, type Runtime } from '../../src/runtime/runtime';
import { TenantService, type CreatedTenant } from '../../src/tenants/tenant.service';
import { PgStatementCounter } from '../support/pg-statement-counter';
import { testEnv } from '../support/test-app';
import { createTestDatabase, queryDatabase, type TestDatabase } from '../support/test-database';
import { waitFor } from '../support/wait-for';

const JWT_SECRET = 'a-test-secret-that-is-long-enough-for-hs256!';
const UPSERT = 'mutation ($input: UpsertUserInput!) { upsertUser(input: $input) { id role } }';
const sign = (claims: Record<string, unknown>, { secret = JWT_SECRET, expiresAt = '5m' }: { secret?: string; expiresAt?: string | number } = {}) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime(expiresAt).sign(new TextEncoder().encode(secret));

/** The real app, its database traffic counted on the wire: "0 statements" means the request never left memory. */
describe('credential cache (one process)', () => {
  let db: TestDatabase;
  let counter: PgStatementCounter;
  let runtime: Runtime;
  let app: FastifyInstance;
  let tenant: CreatedTenant;
  let n = 0;

  beforeAll(async () => {
    db = await createTestDatabase('authcache');
    counter = await new PgStatementCounter().start();
    const config = loadConfig(testEnv(db, { env: { DATABASE_URL: counter.proxied(db.url), JWT_SECRET } }));
    runtime = await createRuntime(config, { migrate: true, logger: createLogger('silent') });
    app = await buildApp(runtime);
    tenant = await new TenantService(runtime.deps.orm, new ApiKeyService(runtime.deps.orm)).createWithAdmin({ name: 'Cache', adminEmail: 'admin@cache.example' });
  });
  afterAll(async () => {
    await app.close();
    await runtime.close();
    await counter.stop();
    await db.drop();
  });

  const gql = async (query: string, bearer: string, variables?: Record<string, unknown>) => {
    const response = await app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
      payload: { query, variables },
    });
    return response.json() as { data?: any; errors?: Array<{ extensions?: { code?: string } }> };
  };
  const statementsOf = async (work: () => Promise<unknown>) => {
    const before = counter.statements;
    await work();
    return counter.statements - before;
  };
  const code = (result: { errors?: Array<{ extensions?: { code?: string } }> }) => result.errors?.[0]?.extensions?.code;
  /** A user of the tenant (upsertUser) holding an admin key; its first use is awaited until its bookkeeping landed. */
  const adminUser = async () => {
    const externalId = `tech-${++n}`;
    const user = (await gql(UPSERT, tenant.apiKey, { input: { externalId, email: `${externalId}@cache.example`, role: 'ADMIN' } })).data.upsertUser;
    const key = await new ApiKeyService(runtime.deps.orm).create(tenant.tenantId, user.id, { name: 'test', role: 'admin' });
    await warm(key.apiKey, key.row.id);
    return { id: user.id as string, externalId, keyId: key.row.id, apiKey: key.apiKey };
  };
  const warm = async (apiKey: string, keyId: string) => {
    expect((await gql('{ edition }', apiKey)).data).toEqual({ edition: 'COMMUNITY' });
    await waitFor(async () => (await queryDatabase(db.url, 'select 1 from api_keys where id = $1 and last_used_at is not null', [keyId])).length === 1, 'last_used_at');
  };
  const role = async (bearer: string) => (await gql('{ viewer { role } }', bearer)).data?.viewer?.role;
  const withoutTrigger = async (table: string, trigger: string, work: () => Promise<void>) => {
    await queryDatabase(db.url, `alter table ${table} disable trigger ${trigger}`);
    try {
      await work();
    } finally {
      await queryDatabase(db.url, `alter table ${table} enable trigger ${trigger}`);
    }
  };

  it('answers { edition } for a cached key with no SQL statement, and still records last use (write-behind)', async () => {
    const user = await adminUser();
    expect(await statementsOf(() => gql('{ edition }', user.apiKey))).toBe(0);
    expect(await statementsOf(() => gql('{ viewer { role } }', user.apiKey))).toBe(0);
  });

  it('checks the secret on every request: a wrong secret with a cached prefix is refused', async () => {
    const user = await adminUser();
    const tampered = user.apiKey.slice(0, -4) + (user.apiKey.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect(code(await gql('{ edition }', tampered))).toBe('UNAUTHENTICATED');
    expect((await gql('{ edition }', user.apiKey)).data).toEqual({ edition: 'COMMUNITY' });
  });

  // With the trigger off, no NOTIFY can explain what these two see: only this process's own announcement.
  it('refuses a key at once after revokeApiKey in this process, without waiting for the notification', async () => {
    const user = await adminUser();
    expect(await statementsOf(() => gql('{ edition }', user.apiKey))).toBe(0);
    await withoutTrigger('api_keys', 'api_keys_auth_change', async () => {
      const revoked = await gql('mutation ($id: ID!) { revokeApiKey(id: $id) { revokedAt } }', tenant.apiKey, { id: user.keyId });
      expect(revoked.data.revokeApiKey.revokedAt).toEqual(expect.any(String));
      expect(code(await gql('{ edition }', user.apiKey))).toBe('UNAUTHENTICATED');
    });
  });

  it('demotes a cached key at once after upsertUser(role: USER) in this process, without waiting for the notification', async () => {
    const user = await adminUser();
    expect(await role(user.apiKey)).toBe('ADMIN');
    await withoutTrigger('users', 'users_auth_change', async () => {
      await gql(UPSERT, tenant.apiKey, { input: { externalId: user.externalId, email: `${user.externalId}@cache.example`, role: 'USER' } });
      expect(await role(user.apiKey)).toBe('USER');
    });
  });

  it('follows a change made outside the app (plain SQL) within 1 s', async () => {
    const user = await adminUser();
    expect(await role(user.apiKey)).toBe('ADMIN');
    const started = Date.now();
    await queryDatabase(db.url, "update users set role = 'user' where id = $1", [user.id]);
    await waitFor(async () => (await role(user.apiKey)) === 'USER', 'the demotion', 1000);
    await queryDatabase(db.url, 'update api_keys set revoked_at = now() where id = $1', [user.keyId]);
    await waitFor(async () => code(await gql('{ edition }', user.apiKey)) === 'UNAUTHENTICATED', 'the revocation', 1000);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('caches a JWT subject but verifies signature and expiry on every request', async () => {
    const user = await adminUser();
    const claims = { tid: tenant.tenantId, sub: user.externalId, role: 'admin' };
    expect(await role(await sign(claims))).toBe('ADMIN');
    expect(await statementsOf(async () => expect(await role(await sign(claims))).toBe('ADMIN'))).toBe(0);
    expect(code(await gql('{ edition }', await sign(claims, { secret: 'another-secret-that-is-long-enough-for-hs256' })))).toBe('UNAUTHENTICATED');
    expect(code(await gql('{ edition }', await sign(claims, { expiresAt: Math.floor(Date.now() / 1000) - 60 })))).toBe('UNAUTHENTICATED');
    await gql(UPSERT, tenant.apiKey, { input: { externalId: user.externalId, email: `${user.externalId}@cache.example`, role: 'USER' } });
    expect(await role(await sign(claims))).toBe('USER');
  });

  it('maps a cached unprovisioned JWT subject to the user provisioned for it', async () => {
    const claims = { tid: tenant.tenantId, sub: `psa-new-${++n}`, role: 'user' };
    expect((await gql('{ viewer { userId } }', await sign(claims))).data.viewer.userId).toBe(claims.sub);
    const user = (await gql(UPSERT, tenant.apiKey, { input: { externalId: claims.sub, email: `${claims.sub}@cache.example` } })).data.upsertUser;
    expect((await gql('{ viewer { userId } }', await sign(claims))).data.viewer.userId).toBe(user.id);
  });

  it('bypasses the cache while its LISTEN connection is down, and resumes once it is back', async () => {
    const user = await adminUser();
    expect(await statementsOf(() => gql('{ edition }', user.apiKey))).toBe(0);
    // Without the trigger nothing announces the revocation below: only reading the database can catch it.
    await withoutTrigger('api_keys', 'api_keys_auth_change', async () => {
      const [killed] = await queryDatabase(db.url, "select pg_terminate_backend(pid) as done from pg_stat_activity where datname = $1 and query = 'listen switchboard_auth'", [db.name]);
      expect(killed).toEqual({ done: true });
      await waitFor(async () => (await statementsOf(() => gql('{ edition }', user.apiKey))) > 0, 'the cache to be bypassed', 2000);
      expect(await statementsOf(() => gql('{ edition }', user.apiKey))).toBeGreaterThan(0); // and nothing is cached meanwhile
      await queryDatabase(db.url, 'update api_keys set revoked_at = now() where id = $1', [user.keyId]);
      expect(code(await gql('{ edition }', user.apiKey))).toBe('UNAUTHENTICATED');
    });
    await waitFor(async () => (await statementsOf(() => gql('{ edition }', tenant.apiKey))) === 0, 'the cache to come back', 5000, 100);
  });

  it('stays off where a NOTIFY is accepted but never delivered (embedded PGlite, a transaction-mode pooler)', async () => {
    const start = async (deliver: boolean) => {
      const cache = new AuthCache({ ttlMs: 60_000, maxEntries: 10 });
      const listener = new AuthChangeListener({
        url: db.url,
        cache,
        notify: (channel, payload) => (deliver ? queryDatabase(db.url, 'select pg_notify($1, $2)', [channel, payload]) : Promise.resolve()),
        logger: createLogger('silent'),
        confirmTimeoutMs: 300,
      });
      await listener.start();
      const active = cache.active;
      await listener.stop();
      return active;
    };
    expect(await start(false)).toBe(false);
    expect(await start(true)).toBe(true);
  });
});
