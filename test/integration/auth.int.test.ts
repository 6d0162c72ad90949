import { SignJWT } from 'jose';
import type { CreatedTenant } from '../../src/tenants/tenant.service';
import { startTestApp, type TestApp } from '../support/test-app';
import { queryDatabase } from '../support/test-database';

const JWT_SECRET = 'a-test-secret-that-is-long-enough-for-hs256!';
const sign = (claims: Record<string, unknown>, secret = JWT_SECRET, expiresIn = '5m') =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime(expiresIn).sign(new TextEncoder().encode(secret));

describe('authentication and tenant isolation', () => {
  let t: TestApp;
  let a: CreatedTenant;
  let b: CreatedTenant;

  beforeAll(async () => {
    t = await startTestApp({ env: { JWT_SECRET } });
    a = await t.createTenant('Tenant A');
    b = await t.createTenant('Tenant B');
  });
  afterAll(() => t.close());

  it.each([
    ['no header', undefined],
    ['a malformed key', 'sbk_nope'],
    ['an unknown well-formed key', `sbk_abcdefghijkl_${'A'.repeat(43)}`],
    ['garbage', 'hello'],
  ])('refuses %s with UNAUTHENTICATED and HTTP 401', async (_label, bearer) => {
    const result = await t.gql('{ edition }', {}, bearer);
    expect(result.status).toBe(401);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(result.data).toBeUndefined();
  });

  it('refuses a tampered key whose prefix exists', async () => {
    const tampered = a.apiKey.slice(0, -4) + (a.apiKey.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect((await t.gql('{ edition }', {}, tampered)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a key once revoked, and only that key', async () => {
    const created = await t.gql('mutation { createApiKey(input: { name: "ci", role: USER }) { secret apiKey { id role prefix } } }', {}, a.apiKey);
    const { secret, apiKey } = created.data.createApiKey;
    expect(apiKey.role).toBe('USER');
    expect(secret.startsWith(`sbk_${apiKey.prefix}_`)).toBe(true);
    expect((await t.gql('{ viewer { role } }', {}, secret)).data).toEqual({ viewer: { role: 'USER' } });

    const revoked = await t.gql('mutation ($id: ID!) { revokeApiKey(id: $id) { revokedAt } }', { id: apiKey.id }, a.apiKey);
    expect(revoked.data.revokeApiKey.revokedAt).toEqual(expect.any(String));
    expect((await t.gql('{ edition }', {}, secret)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await t.gql('{ edition }', {}, a.apiKey)).data).toEqual({ edition: 'COMMUNITY' });
  });

  it('never returns the key secret or its hash in listings', async () => {
    const result = await t.gql('{ apiKeys { id name prefix } }', {}, a.apiKey);
    expect(JSON.stringify(result)).not.toContain(a.apiKey.split('_')[2]);
    const rows = await queryDatabase<{ secret_hash: string }>(t.db.url, 'select secret_hash from api_keys');
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.every((row) => /^[0-9a-f]{64}$/.test(row.secret_hash))).toBe(true);
  });

  it("keeps tenant A's key out of tenant B's rows", async () => {
    const listA = await t.gql('{ apiKeys { id } viewer { tenantId } }', {}, a.apiKey);
    const listB = await t.gql('{ apiKeys { id } }', {}, b.apiKey);
    const idsB = listB.data.apiKeys.map((key: { id: string }) => key.id);
    expect(listA.data.viewer.tenantId).toBe(a.tenantId);
    expect(listA.data.apiKeys.map((key: { id: string }) => key.id)).not.toEqual(expect.arrayContaining(idsB));
    const crossRevoke = await t.gql('mutation ($id: ID!) { revokeApiKey(id: $id) { id } }', { id: idsB[0] }, a.apiKey);
    expect(crossRevoke.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await t.gql('{ edition }', {}, b.apiKey)).data).toEqual({ edition: 'COMMUNITY' });
  });

  it('refuses admin operations to the user role with FORBIDDEN', async () => {
    const token = await sign({ tid: a.tenantId, sub: 'psa-user-1', role: 'user' });
    const result = await t.gql('{ apiKeys { id } }', {}, token);
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(result.data).toBeNull();
  });

  it('accepts host-PSA JWTs with tid/sub/role claims', async () => {
    const token = await sign({ tid: b.tenantId, sub: 'psa-user-7', role: 'admin' });
    const result = await t.gql('{ viewer { tenantId userId role tenant { name } } }', {}, token);
    expect(result.data.viewer).toEqual({ tenantId: b.tenantId, userId: 'psa-user-7', role: 'ADMIN', tenant: { name: 'Tenant B' } });
  });

  // Every JWT refusal, each against an otherwise valid token: test/integration/jwt-verification.int.test.ts.
});

describe('API keys follow their user', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('a demoted user’s admin key acts as a user; a removed user’s key stops working', async () => {
    const tenant = await t.createTenant('Demotion');
    expect((await t.gql('{ viewer { role } }', {}, tenant.apiKey)).data.viewer.role).toBe('ADMIN');
    await queryDatabase(t.db.url, "update users set role = 'user' where id = $1", [tenant.userId]);
    expect((await t.gql('{ viewer { role } }', {}, tenant.apiKey)).data.viewer.role).toBe('USER');
    expect((await t.gql('{ apiKeys { id } }', {}, tenant.apiKey)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await queryDatabase(t.db.url, 'delete from users where id = $1', [tenant.userId]);
    expect((await t.gql('{ edition }', {}, tenant.apiKey)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
