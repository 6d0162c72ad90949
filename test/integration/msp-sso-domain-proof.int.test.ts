import type { CreatedTenant } from '../../src/tenants/tenant.service';
import { RCODE, startDnsTestServer, type DnsTestServer } from '../support/dns-test-server';
import { addLoginDomain, bindMspSso, insertProfile } from '../support/msp-sso-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';
import { queryDatabase } from '../support/test-database';

const VERIFY = 'mutation ($id: ID!) { verifyMspSsoLoginDomain(id: $id) { id domain status verifiedAt } }';
const LIST = '{ mspSsoLoginDomains { id domain status verifiedAt verification { type name value } } }';
const REMOVE = 'mutation ($id: ID!) { removeMspSsoLoginDomain(id: $id) }';

describe('MSP SSO login domains are proven over DNS', () => {
  let dns: DnsTestServer;
  let t: TestApp;
  let ipCounter = 0;

  beforeAll(async () => {
    dns = await startDnsTestServer();
    // DNS_SERVERS points node's resolver at the loopback server; TRUST_PROXY lets each discover use its own IP.
    t = await startTestApp({ env: { DNS_SERVERS: dns.address, TRUST_PROXY: '1' } });
  }, 30_000);
  afterAll(async () => {
    await t?.close();
    await dns?.close();
  });
  afterEach(() => dns.setDelay(0));

  /** A tenant whose msp_sso binding is complete: only the domain's status decides whether sign-in routes. */
  async function ssoReadyTenant(name: string): Promise<CreatedTenant> {
    const tenant = await t.createTenant(name);
    const profile = await insertProfile(t.db.url, tenant.tenantId);
    await bindMspSso(t.db.url, tenant.tenantId, profile.id);
    return tenant;
  }
  const discover = async (email: string) =>
    (await t.app.inject({ method: 'GET', url: '/api/auth/msp/sso/discover', query: { email }, headers: { 'x-forwarded-for': `192.0.2.${++ipCounter}` } })).json();
  const verify = (tenant: CreatedTenant, id: string) => t.gql(VERIFY, { id }, tenant.apiKey);
  const statusOf = async (id: string) => (await queryDatabase<{ status: string }>(t.db.url, 'select status from msp_sso_tenant_login_domains where id = $1', [id]))[0]?.status;

  it('adds a PENDING claim with its TXT challenge; a pending domain does not route', async () => {
    const tenant = await ssoReadyTenant('Pending MSP');
    const added = await addLoginDomain(t, tenant.apiKey, 'Pending-Proof.test');
    const [listed] = (await t.gql(LIST, {}, tenant.apiKey)).data.mspSsoLoginDomains;
    expect(listed).toEqual({
      id: added.id,
      domain: 'pending-proof.test',
      status: 'PENDING',
      verifiedAt: null,
      verification: { type: 'TXT', name: '_switchboard-msp-sso.pending-proof.test', value: expect.stringMatching(/^switchboard-sso-verification=[0-9a-f]{40}$/) },
    });
    expect(await discover('alice@pending-proof.test')).toEqual({ sso: false, providers: [] });
  });

  it('verifies through the DNS server (chunked TXT record among others), then routes; verifying again is a no-op', async () => {
    const tenant = await ssoReadyTenant('Proven MSP');
    const added = await addLoginDomain(t, tenant.apiKey, 'proven.test');
    const value = added.verification.value;
    // A TXT value may arrive as several character-strings: it is their concatenation.
    dns.setTxt(added.verification.name, ['v=spf1 -all', [value.slice(0, 20), value.slice(20)]]);

    const verified = await verify(tenant, added.id);
    expect(verified.data.verifyMspSsoLoginDomain).toEqual({ id: added.id, domain: 'proven.test', status: 'VERIFIED', verifiedAt: expect.stringMatching(/Z$/) });
    expect(dns.queries()).toContain('_switchboard-msp-sso.proven.test');
    expect(await discover('alice@proven.test')).toEqual({ sso: true, providers: ['microsoft'] });

    dns.setTxt(added.verification.name, []);
    expect((await verify(tenant, added.id)).data.verifyMspSsoLoginDomain).toEqual(verified.data.verifyMspSsoLoginDomain);
  });

  it('keeps the claim PENDING with BAD_USER_INPUT saying what was expected and what was found', async () => {
    const tenant = await ssoReadyTenant('Unproven MSP');
    const added = await addLoginDomain(t, tenant.apiKey, 'unproven.test');
    const { name, value } = added.verification;
    const refusal = async () => {
      const result = await verify(tenant, added.id);
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.errors![0]!.message).toContain(`Expected a TXT record at ${name} with the value "${value}"`);
      expect(await statusOf(added.id)).toBe('pending');
      return result.errors![0]!.message;
    };

    expect(await refusal()).toMatch(/found no TXT record there/);
    dns.setTxt(name, ['switchboard-sso-verification=someone-elses-token']);
    expect(await refusal()).toContain('found "switchboard-sso-verification=someone-elses-token"');
    dns.failWith(name, RCODE.SERVFAIL);
    expect(await refusal()).toMatch(/the DNS lookup failed \(ESERVFAIL\)/);
    expect(await discover('alice@unproven.test')).toEqual({ sso: false, providers: [] });
  });

  it('lets exactly one of two tenants racing to verify the same domain win; the winner keeps it', async () => {
    const [first, second, third] = [await ssoReadyTenant('Racer A'), await ssoReadyTenant('Racer B'), await ssoReadyTenant('Latecomer')];
    // Many tenants may hold pending claims on one domain.
    const claims = [await addLoginDomain(t, first.apiKey, 'race.test'), await addLoginDomain(t, second.apiKey, 'race.test')];
    dns.setTxt(claims[0]!.verification.name, claims.map((claim) => claim.verification.value));
    // Both DNS checks are in flight together, so both requests reach the UPDATE: the database picks the winner.
    dns.setDelay(150);
    const results = await Promise.all([verify(first, claims[0]!.id), verify(second, claims[1]!.id)]);
    dns.setDelay(0);

    const winners = results.filter((result) => result.data?.verifyMspSsoLoginDomain?.status === 'VERIFIED');
    const losers = results.filter((result) => result.errors?.[0]?.extensions?.code === 'CONFLICT');
    expect([winners.length, losers.length]).toEqual([1, 1]);
    const verifiedRows = await queryDatabase(t.db.url, "select id from msp_sso_tenant_login_domains where domain = 'race.test' and status = 'verified'");
    expect(verifiedRows).toEqual([{ id: winners[0]!.data.verifyMspSsoLoginDomain.id }]);

    const loser = results[0] === losers[0] ? { tenant: first, claim: claims[0]! } : { tenant: second, claim: claims[1]! };
    const winner = loser.tenant === first ? { tenant: second, claim: claims[1]! } : { tenant: first, claim: claims[0]! };
    expect((await verify(loser.tenant, loser.claim.id)).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await statusOf(winner.claim.id)).toBe('verified');
    expect(await statusOf(loser.claim.id)).toBe('pending');
    expect((await t.gql('mutation { addMspSsoLoginDomain(domain: "race.test") { id } }', {}, third.apiKey)).errors?.[0]?.extensions?.code).toBe('CONFLICT');

    // Once the winner lets go, the other claim can be proven.
    expect((await t.gql(REMOVE, { id: winner.claim.id }, winner.tenant.apiKey)).data).toEqual({ removeMspSsoLoginDomain: true });
    expect((await verify(loser.tenant, loser.claim.id)).data.verifyMspSsoLoginDomain.status).toBe('VERIFIED');
  });

  it("answers NOT_FOUND for another tenant's claim and for malformed ids, without a DNS query", async () => {
    const owner = await ssoReadyTenant('Claim owner');
    const other = await t.createTenant('Claim stranger');
    const added = await addLoginDomain(t, owner.apiKey, 'scoped.test');
    dns.setTxt(added.verification.name, [added.verification.value]);
    const queriesBefore = dns.queries().length;
    for (const id of [added.id, 'not-a-uuid']) expect((await verify(other, id)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(dns.queries()).toHaveLength(queriesBefore);
    expect(await statusOf(added.id)).toBe('pending');
  });
});
