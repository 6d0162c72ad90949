import { SignJWT } from 'jose';
import type { CreatedTenant } from '../../src/tenants/tenant.service';
import { createUser } from '../support/schedule-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';
import { queryDatabase } from '../support/test-database';

const JWT_SECRET = 'users-test-secret-that-is-long-enough-for-hs256';
const UPSERT = 'mutation ($input: UpsertUserInput!) { upsertUser(input: $input) { id externalId email displayName role createdAt } }';
const sign = (claims: Record<string, unknown>) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime('5m').sign(new TextEncoder().encode(JWT_SECRET));

describe('users provisioned by the host PSA', () => {
  let t: TestApp;
  let a: CreatedTenant;
  let b: CreatedTenant;

  beforeAll(async () => {
    t = await startTestApp({ env: { JWT_SECRET } });
    a = await t.createTenant('Users A');
    b = await t.createTenant('Users B');
  });
  afterAll(() => t.close());

  it('upserts idempotently on (tenant, externalId) and lower-cases the email', async () => {
    const first = await t.gql(UPSERT, { input: { externalId: 'tech-1', email: 'Tech.One@Example.COM', displayName: 'Tech One' } }, a.apiKey);
    expect(first.data.upsertUser).toMatchObject({ externalId: 'tech-1', email: 'tech.one@example.com', displayName: 'Tech One', role: 'USER' });
    const again = await t.gql(UPSERT, { input: { externalId: 'tech-1', email: 'tech.one@example.com', displayName: 'Tech 1', role: 'ADMIN' } }, a.apiKey);
    expect(again.data.upsertUser).toMatchObject({ id: first.data.upsertUser.id, displayName: 'Tech 1', role: 'ADMIN' });
    const rows = await queryDatabase(t.db.url, "select id from users where tenant_id = $1 and external_id = 'tech-1'", [a.tenantId]);
    expect(rows).toHaveLength(1);
    // The same externalId in another tenant is another user.
    const other = await t.gql(UPSERT, { input: { externalId: 'tech-1', email: 'tech.one@example.com' } }, b.apiKey);
    expect(other.data.upsertUser.id).not.toBe(first.data.upsertUser.id);
  });

  it('refuses an email another user of the tenant holds with CONFLICT', async () => {
    await t.gql(UPSERT, { input: { externalId: 'mail-1', email: 'shared@example.com' } }, a.apiKey);
    const clash = await t.gql(UPSERT, { input: { externalId: 'mail-2', email: 'SHARED@example.com' } }, a.apiKey);
    expect(clash.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'email' });
  });

  it.each([
    [{ externalId: '  ', email: 'x@example.com' }, 'externalId'],
    [{ externalId: 'v-1', email: 'not-an-email' }, 'email'],
    [{ externalId: 'v-2', email: 'y@example.com', displayName: 'x'.repeat(201) }, 'displayName'],
  ])('rejects %j with BAD_USER_INPUT naming the field', async (input, field) => {
    const result = await t.gql(UPSERT, { input }, a.apiKey);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('lets only admins upsert', async () => {
    const user = await createUser(t, a.apiKey, a.tenantId);
    const result = await t.gql(UPSERT, { input: { externalId: 'by-user', email: 'by-user@example.com' } }, user.apiKey);
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await queryDatabase(t.db.url, "select 1 from users where external_id = 'by-user'")).toHaveLength(0);
  });

  it('lists the tenant’s users as a searchable connection, page by page', async () => {
    for (const n of [1, 2, 3]) await t.gql(UPSERT, { input: { externalId: `page-${n}`, email: `page${n}@paging.example`, displayName: `Pager ${n}` } }, a.apiKey);
    const query = 'query ($after: String) { users(search: "PAGING.example", first: 2, after: $after) { totalCount edges { cursor node { email } } pageInfo { hasNextPage endCursor } } }';
    const page1 = (await t.gql(query, {}, a.apiKey)).data.users;
    expect(page1.totalCount).toBe(3);
    expect(page1.edges.map((edge: any) => edge.node.email)).toEqual(['page1@paging.example', 'page2@paging.example']);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = (await t.gql(query, { after: page1.pageInfo.endCursor }, a.apiKey)).data.users;
    expect(page2.edges.map((edge: any) => edge.node.email)).toEqual(['page3@paging.example']);
    expect(page2.pageInfo).toEqual({ hasNextPage: false, endCursor: page2.edges[0].cursor });
    const otherTenant = (await t.gql(query, {}, b.apiKey)).data.users;
    expect(otherTenant.totalCount).toBe(0);
    expect((await t.gql('{ users(first: 501) { totalCount } }', {}, a.apiKey)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect((await t.gql('{ users(after: "bogus") { totalCount } }', {}, a.apiKey)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it("answers null for another tenant's user id", async () => {
    const user = await createUser(t, a.apiKey, a.tenantId);
    const query = 'query ($id: ID!) { user(id: $id) { id email } }';
    expect((await t.gql(query, { id: user.id }, a.apiKey)).data.user).toEqual({ id: user.id, email: user.email });
    expect((await t.gql(query, { id: user.id }, b.apiKey)).data.user).toBeNull();
  });

  it('maps a JWT sub to the user with that externalId or id, never above the user’s role', async () => {
    const created = await t.gql(UPSERT, { input: { externalId: 'jwt-tech', email: 'jwt-tech@example.com', role: 'USER' } }, a.apiKey);
    const userId = created.data.upsertUser.id;
    const viewer = '{ viewer { userId role } }';
    const byExternal = await t.gql(viewer, {}, await sign({ tid: a.tenantId, sub: 'jwt-tech', role: 'admin' }));
    expect(byExternal.data.viewer).toEqual({ userId, role: 'USER' });
    const byId = await t.gql(viewer, {}, await sign({ tid: a.tenantId, sub: userId, role: 'user' }));
    expect(byId.data.viewer).toEqual({ userId, role: 'USER' });
    // Tenant B has its own "jwt-tech": B's token resolves to B's user, never to A's.
    const inB = await t.gql(UPSERT, { input: { externalId: 'jwt-tech', email: 'jwt-tech@example.com' } }, b.apiKey);
    const bViewer = await t.gql(viewer, {}, await sign({ tid: b.tenantId, sub: 'jwt-tech', role: 'user' }));
    expect(bViewer.data.viewer.userId).toBe(inB.data.upsertUser.id);
    expect(inB.data.upsertUser.id).not.toBe(userId);
  });
});
