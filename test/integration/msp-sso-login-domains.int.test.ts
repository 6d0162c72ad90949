import { SignJWT } from 'jose';
import type { CreatedTenant } from '../../src/tenants/tenant.service';
import { addLoginDomain } from '../support/msp-sso-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';
import { queryDatabase } from '../support/test-database';

const JWT_SECRET = 'msp-sso-test-secret-long-enough-for-hs256!!';

describe('MSP SSO login domains (GraphQL)', () => {
  let t: TestApp;
  let owner: CreatedTenant;

  beforeAll(async () => {
    t = await startTestApp({ env: { JWT_SECRET } });
    owner = await t.createTenant('Contoso Owner');
    await addLoginDomain(t, owner.apiKey, 'contoso.test');
    await addLoginDomain(t, owner.apiKey, 'bücher.test');
  });
  afterAll(() => t.close());

  const LIST = '{ mspSsoLoginDomains { id domain isActive status createdAt } }';
  const ADD = 'mutation ($d: String!) { addMspSsoLoginDomain(domain: $d) { id domain isActive status verification { value } } }';
  const VERIFY = 'mutation ($id: ID!) { verifyMspSsoLoginDomain(id: $id) { id } }';
  const REMOVE = 'mutation ($id: ID!) { removeMspSsoLoginDomain(id: $id) }';

  it("lists only the caller's domains, normalized", async () => {
    const result = await t.gql(LIST, {}, owner.apiKey);
    expect(result.data.mspSsoLoginDomains.map((d: { domain: string }) => d.domain)).toEqual(['contoso.test', 'xn--bcher-kva.test']);
    expect(result.data.mspSsoLoginDomains[0]).toMatchObject({ isActive: true, status: 'PENDING', createdAt: expect.stringMatching(/Z$/) });
  });

  it('makes re-adding an owned domain idempotent (same claim, same DNS challenge)', async () => {
    const first = await t.gql(ADD, { d: 'again.test' }, owner.apiKey);
    await queryDatabase(t.db.url, "update msp_sso_tenant_login_domains set is_active = false where domain = 'again.test'");
    const again = await t.gql(ADD, { d: ' AGAIN.test. ' }, owner.apiKey);
    expect(again.data.addMspSsoLoginDomain).toEqual({ ...first.data.addMspSsoLoginDomain, isActive: true });
    await t.gql(REMOVE, { id: first.data.addMspSsoLoginDomain.id }, owner.apiKey);
  });

  it('lets other tenants claim a pending domain, and refuses one another tenant verified without naming it', async () => {
    const other = await t.createTenant('Other MSP');
    const pending = await t.gql(ADD, { d: 'contoso.test' }, other.apiKey);
    expect(pending.data.addMspSsoLoginDomain).toMatchObject({ domain: 'contoso.test', status: 'PENDING' });
    await t.gql(REMOVE, { id: pending.data.addMspSsoLoginDomain.id }, other.apiKey);

    await queryDatabase(t.db.url, "update msp_sso_tenant_login_domains set status = 'verified', verified_at = now() where tenant_id = $1 and domain = 'contoso.test'", [owner.tenantId]);
    const taken = await t.gql(ADD, { d: 'contoso.test' }, other.apiKey);
    expect(taken.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const said = JSON.stringify(taken.errors);
    for (const secret of [owner.tenantId, 'Contoso Owner']) expect(said).not.toContain(secret);
    expect((await t.gql(LIST, {}, other.apiKey)).data.mspSsoLoginDomains).toEqual([]);
  });

  it("returns NOT_FOUND when removing another tenant's domain, and removes one's own", async () => {
    const other = await t.createTenant('Remover');
    const [ownersDomain] = (await t.gql(LIST, {}, owner.apiKey)).data.mspSsoLoginDomains;
    for (const id of [ownersDomain.id, 'not-a-uuid']) {
      expect((await t.gql(REMOVE, { id }, other.apiKey)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    const mine = await addLoginDomain(t, other.apiKey, 'remover.test');
    expect((await t.gql(REMOVE, { id: mine.id }, other.apiKey)).data).toEqual({ removeMspSsoLoginDomain: true });
    expect((await t.gql(LIST, {}, other.apiKey)).data.mspSsoLoginDomains).toEqual([]);
    expect((await t.gql(LIST, {}, owner.apiKey)).data.mspSsoLoginDomains).toHaveLength(2);
  });

  it('refuses emails, URLs and wildcards with BAD_USER_INPUT', async () => {
    for (const d of ['alice@example.com', 'https://example.com', '*.example.com']) {
      expect((await t.gql(ADD, { d }, owner.apiKey)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  it('refuses reads and writes to the user role with FORBIDDEN', async () => {
    const token = await new SignJWT({ tid: owner.tenantId, sub: 'psa-user-1', role: 'user' })
      .setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime('5m').sign(new TextEncoder().encode(JWT_SECRET));
    const someId = { id: '00000000-0000-4000-8000-000000000000' };
    for (const [query, variables] of [[LIST, {}], [ADD, { d: 'user.test' }], [VERIFY, someId], [REMOVE, someId]] as const) {
      expect((await t.gql(query, variables, token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });
});
