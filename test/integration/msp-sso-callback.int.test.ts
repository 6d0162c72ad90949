import { startMicrosoftSimulator, type MicrosoftSimulator } from '../fakes/microsoft/microsoft-simulator';
import { bindMspSso, createSsoTenant, insertProfile, SSO_REDIRECT_URI, simulatorEnv } from '../support/msp-sso-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';
import { queryDatabase } from '../support/test-database';
import type { CreatedTenant } from '../../src/tenants/tenant.service';

describe('MSP SSO callback and ticket redemption', () => {
  let sim: MicrosoftSimulator;
  let t: TestApp;
  let owner: CreatedTenant;

  beforeAll(async () => {
    sim = await startMicrosoftSimulator();
    t = await startTestApp({ env: { ...simulatorEnv(sim), APP_URL: 'http://psa.test' } });
    owner = (await createSsoTenant(t, sim, 'contoso-sso.test')).tenant;
    sim.control.createUser({ email: 'tech@contoso-sso.test', displayName: 'Tech One' });
    sim.control.createUser({ email: 'intruder@elsewhere.test' });
  });
  afterAll(async () => {
    await t.close();
    await sim.close();
  });

  /** resolve → the simulator's sign-in page → the redirect Microsoft sends the browser back with. */
  async function signIn(email = 'tech@contoso-sso.test', tweak: (url: URL) => void = () => undefined): Promise<URL> {
    const resolved = await t.app.inject({ method: 'POST', url: '/api/auth/msp/sso/resolve', payload: { email } });
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
  const redeem = (ticket: string, apiKey = owner.apiKey) =>
    t.gql('mutation ($t: String!) { redeemMspSsoTicket(ticket: $t) { tenantId email displayName microsoftObjectId microsoftTenantId } }', { t: ticket }, apiKey);

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
    expect(redeemed.data.redeemMspSsoTicket).toEqual({
      tenantId: owner.tenantId,
      email: 'tech@contoso-sso.test',
      displayName: 'Tech One',
      microsoftObjectId: expect.any(String),
      microsoftTenantId: expect.any(String),
    });
    expect((await redeem(ticket)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const [stored] = await queryDatabase<{ ticket_hash: string }>(t.db.url, 'select ticket_hash from msp_sso_tickets');
    expect(stored!.ticket_hash).not.toBe(ticket);
  });

  it('refuses a replayed state', async () => {
    const redirect = await signIn();
    expect((await callback(redirect)).searchParams.get('status')).toBe('success');
    const replay = await callback(redirect);
    expect(Object.fromEntries(replay.searchParams)).toEqual({ status: 'error', reason: 'replayed_state' });
  });

  it('refuses an account outside the tenant’s login domains', async () => {
    const before = (await queryDatabase(t.db.url, 'select 1 from msp_sso_tickets')).length;
    const redirect = await signIn('tech@contoso-sso.test', (url) => url.searchParams.set('login_hint', 'intruder@elsewhere.test'));
    expect(Object.fromEntries((await callback(redirect)).searchParams)).toEqual({ status: 'error', reason: 'account_not_allowed' });
    expect((await queryDatabase(t.db.url, 'select 1 from msp_sso_tickets')).length).toBe(before);
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
