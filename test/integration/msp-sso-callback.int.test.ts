import { startMicrosoftSimulator, type MicrosoftSimulator } from '../fakes/microsoft/microsoft-simulator';
import type { SimUser } from '../fakes/microsoft/state';
import { bindMspSso, createSsoTenant, insertProfile, newBrowserNonce, SSO_REDIRECT_URI, simulatorEnv } from '../support/msp-sso-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';
import { queryDatabase } from '../support/test-database';
import type { CreatedTenant } from '../../src/tenants/tenant.service';

describe('MSP SSO callback and ticket redemption', () => {
  let sim: MicrosoftSimulator;
  let t: TestApp;
  let owner: CreatedTenant;
  let tech: SimUser;
  const nonce = newBrowserNonce();
  let signIns = 0;

  beforeAll(async () => {
    sim = await startMicrosoftSimulator();
    // Behind one trusted proxy, so each sign-in can come from its own client IP (resolve is rate limited per IP).
    t = await startTestApp({ env: { ...simulatorEnv(sim), APP_URL: 'http://psa.test', TRUST_PROXY: '1' } });
    owner = (await createSsoTenant(t, sim, 'contoso-sso.test')).tenant;
    tech = sim.control.createUser({ email: 'tech@contoso-sso.test', displayName: 'Tech One' });
    sim.control.createUser({ email: 'intruder@elsewhere.test' });
    // Same verified domain in its username, but from a directory the profile does not admit.
    sim.control.createUser({ email: 'guest@contoso-sso.test', tenantId: '0c0c0c0c-1111-4222-8333-444444444444' });
  });
  afterAll(async () => {
    await t.close();
    await sim.close();
  });

  /** resolve → the simulator's sign-in page → the redirect Microsoft sends the browser back with. */
  async function signIn(email = 'tech@contoso-sso.test', tweak: (url: URL) => void = () => undefined): Promise<URL> {
    const resolved = await t.app.inject({
      method: 'POST', url: '/api/auth/msp/sso/resolve', payload: { email, nonce }, headers: { 'x-forwarded-for': `198.51.100.${++signIns}` },
    });
    const authorizeUrl = new URL(resolved.json().authorizationUrl);
    tweak(authorizeUrl);
    const location = (await fetch(authorizeUrl, { redirect: 'manual' })).headers.get('location');
    return new URL(location!);
  }
  const callback = async (redirect: URL) => {
    const response = await t.app.inject({ method: 'GET', url: `${redirect.pathname}${redirect.search}` });
    expect(response.statusCode).toBe(302);
    return new URL(response.headers.location as string);
  };
  const redeem = (ticket: string, apiKey = owner.apiKey, withNonce = nonce) =>
    t.gql(
      'mutation ($t: String!, $n: String!) { redeemMspSsoTicket(ticket: $t, nonce: $n) { tenantId tid oid email displayName microsoftObjectId microsoftTenantId } }',
      { t: ticket, n: withNonce },
      apiKey,
    );
  const ticketOf = async (redirect: URL) => {
    const done = await callback(redirect);
    expect(done.searchParams.get('status')).toBe('success');
    return done.searchParams.get('ticket')!;
  };
  const ticketCount = async () => (await queryDatabase(t.db.url, 'select 1 from msp_sso_tickets')).length;

  it('signs a technician in and hands the PSA a one-time ticket for the verified identity', async () => {
    const redirect = await signIn();
    expect(`${redirect.origin}${redirect.pathname}`).toBe(SSO_REDIRECT_URI);
    const done = await callback(redirect);
    expect(`${done.origin}${done.pathname}`).toBe('http://psa.test/auth/msp/sso/complete');
    expect(done.searchParams.get('status')).toBe('success');
    expect(done.search).not.toMatch(/tech|contoso/);
    const ticket = done.searchParams.get('ticket')!;

    const other = await t.createTenant('Someone else');
    expect((await redeem(ticket, other.apiKey)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const redeemed = await redeem(ticket);
    // The identity is the id token's directory + object id, not the (mutable) username.
    expect(redeemed.data.redeemMspSsoTicket).toEqual({
      tenantId: owner.tenantId,
      tid: tech.tenantId,
      oid: tech.id,
      email: 'tech@contoso-sso.test',
      displayName: 'Tech One',
      microsoftObjectId: tech.id,
      microsoftTenantId: tech.tenantId,
    });
    // Replayed ticket.
    expect((await redeem(ticket)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const [stored] = await queryDatabase<{ ticket_hash: string }>(t.db.url, 'select ticket_hash from msp_sso_tickets');
    expect(stored!.ticket_hash).not.toBe(ticket);
  });

  it('refuses a ticket redeemed with another browser session’s nonce, and that try uses it up', async () => {
    const ticket = await ticketOf(await signIn());
    const other = await redeem(ticket, owner.apiKey, newBrowserNonce());
    expect(other.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(other.data).toBeNull();
    expect((await redeem(ticket)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('answers BAD_USER_INPUT for a malformed nonce without using the ticket up', async () => {
    const ticket = await ticketOf(await signIn());
    expect((await redeem(ticket, owner.apiKey, 'short')).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await redeem(ticket)).data.redeemMspSsoTicket.oid).toBe(tech.id);
  });

  it('refuses an authorization code injected into another sign-in (PKCE)', async () => {
    const victim = await signIn();
    const attacker = await signIn();
    const before = await ticketCount();
    const swapped = new URL(victim);
    swapped.searchParams.set('code', attacker.searchParams.get('code')!);
    expect(Object.fromEntries((await callback(swapped)).searchParams)).toEqual({ status: 'error', reason: 'sign_in_failed' });
    expect(await ticketCount()).toBe(before);
  });

  it('refuses an account from a directory the profile does not admit, though its domain is verified', async () => {
    const before = await ticketCount();
    const redirect = await signIn('guest@contoso-sso.test');
    expect(Object.fromEntries((await callback(redirect)).searchParams)).toEqual({ status: 'error', reason: 'directory_not_allowed' });
    expect(await ticketCount()).toBe(before);
  });

  it('refuses a replayed state', async () => {
    const redirect = await signIn();
    expect((await callback(redirect)).searchParams.get('status')).toBe('success');
    const replay = await callback(redirect);
    expect(Object.fromEntries(replay.searchParams)).toEqual({ status: 'error', reason: 'replayed_state' });
  });

  it('refuses an account outside the tenant’s login domains', async () => {
    const before = await ticketCount();
    const redirect = await signIn('tech@contoso-sso.test', (url) => url.searchParams.set('login_hint', 'intruder@elsewhere.test'));
    expect(Object.fromEntries((await callback(redirect)).searchParams)).toEqual({ status: 'error', reason: 'account_not_allowed' });
    expect(await ticketCount()).toBe(before);
  });

  it('reports a sign-in the user declined', async () => {
    sim.control.denyAuthorization(true);
    try {
      const redirect = await signIn();
      expect(redirect.searchParams.get('error')).toBe('access_denied');
      expect(Object.fromEntries((await callback(redirect)).searchParams)).toEqual({ status: 'error', reason: 'access_denied' });
    } finally {
      sim.control.denyAuthorization(false);
    }
  });

  it('refuses when the msp_sso binding moved between start and callback', async () => {
    const redirect = await signIn();
    const replacement = await insertProfile(t.db.url, owner.tenantId);
    await bindMspSso(t.db.url, owner.tenantId, replacement.id);
    t.runtime.deps.microsoftCredentials.invalidate(owner.tenantId);
    expect(Object.fromEntries((await callback(redirect)).searchParams)).toEqual({ status: 'error', reason: 'binding_changed' });
  });

  it('reports garbage states without side effects', async () => {
    const declined = await callback(new URL(`${SSO_REDIRECT_URI}?error=access_denied&state=not-a-state`));
    expect(Object.fromEntries(declined.searchParams)).toEqual({ status: 'error', reason: 'invalid_state' });
    expect(Object.fromEntries((await callback(new URL(SSO_REDIRECT_URI))).searchParams)).toEqual({ status: 'error', reason: 'invalid_state' });
  });
});
