// Contract: the Microsoft simulator's identity platform, driven only through @azure/msal-node (and the Graph client
// to prove tokens work). Each test names the documented behaviour it pins.
import { ConfidentialClientApplication, InteractionRequiredAuthError } from '@azure/msal-node';
import { GraphError } from '@microsoft/microsoft-graph-client';
import { simulatedMsalConfig } from '../fakes/microsoft/client-config';
import { MicrosoftSimulator, startMicrosoftSimulator } from '../fakes/microsoft/microsoft-simulator';
import { DEFAULT_TENANT_ID } from '../fakes/microsoft/state';
import { graphClient, signInWithAuthCode } from '../fakes/microsoft/test-kit';

const CLIENT_ID = '11111111-aaaa-4bbb-8ccc-000000000001';
const SECRET = 'Zq8~simulated-secret-value.xyz';
const SECRET_ID = '22222222-bbbb-4ccc-8ddd-000000000002';
const REDIRECT = 'http://localhost:3000/api/auth/microsoft/calendar/callback';
const SCOPES = ['Calendars.ReadWrite', 'User.Read', 'offline_access'];
const ALICE = 'alice@contoso.test';

let sim: MicrosoftSimulator;

beforeAll(async () => {
  sim = await startMicrosoftSimulator();
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.control.reset();
  sim.control.registerApp({ clientId: CLIENT_ID, clientSecret: SECRET, secretId: SECRET_ID, redirectUris: [REDIRECT] });
  sim.control.createUser({ email: ALICE, displayName: 'Alice Example' });
});

const signIn = (overrides: Partial<Parameters<typeof signInWithAuthCode>[0]> = {}) => signInWithAuthCode({
  loginUrl: sim.loginUrl, authorityHost: sim.authorityHost, clientId: CLIENT_ID, clientSecret: SECRET, redirectUri: REDIRECT,
  scopes: SCOPES, loginHint: ALICE, ...overrides,
});

async function msalError(promise: Promise<unknown>): Promise<Error & { errorCode?: string; errorMessage?: string; subError?: string }> {
  try {
    await promise;
  } catch (err) {
    return err as Error & { errorCode?: string };
  }
  throw new Error('expected MSAL to fail');
}

describe('authorization code flow (v2-oauth2-auth-code-flow)', () => {
  it('signs in with PKCE, returns an account from id_token + client_info, and MSAL needs no discovery traffic', async () => {
    const { result, redirect } = await signIn();
    const alice = sim.control.requestLog().find((e) => e.method === 'GET')!;
    expect(redirect.searchParams.get('state')).toBe('state-123');
    expect(redirect.searchParams.get('client_info')).toBeTruthy();
    expect(result.account?.username).toBe(ALICE);
    expect(result.account?.tenantId).toBe(DEFAULT_TENANT_ID);
    expect(result.idTokenClaims).toMatchObject({ aud: CLIENT_ID, tid: DEFAULT_TENANT_ID, preferred_username: ALICE, name: 'Alice Example' });
    expect(result.scopes).toEqual(expect.arrayContaining(['Calendars.ReadWrite', 'User.Read']));
    expect(alice.query.code_challenge_method).toBe('S256');
    const paths = sim.control.requestLog().map((e) => `${e.method} ${e.path}`);
    expect(paths).toEqual(['GET /organizations/oauth2/v2.0/authorize', 'POST /organizations/oauth2/v2.0/token']);
    const me = await graphClient(sim.graphUrl, async () => result.accessToken).api('/me').get();
    expect(me).toMatchObject({ mail: ALICE, displayName: 'Alice Example' });
  });

  it('redeems a code once (AADSTS54005) and checks the PKCE verifier (AADSTS501481)', async () => {
    const msal = new ConfidentialClientApplication(simulatedMsalConfig(sim, { clientId: CLIENT_ID, clientSecret: SECRET }));
    const url = await msal.getAuthCodeUrl({ scopes: SCOPES, redirectUri: REDIRECT, loginHint: ALICE, codeChallenge: 'x'.repeat(43), codeChallengeMethod: 'S256' });
    const code = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location')!).searchParams.get('code')!;
    const wrongVerifier = await msalError(msal.acquireTokenByCode({ code, scopes: SCOPES, redirectUri: REDIRECT, codeVerifier: 'y'.repeat(43) }));
    expect(wrongVerifier.errorCode).toBe('invalid_grant');
    expect(wrongVerifier.message).toContain('AADSTS501481');

    const { msal: app2 } = await signIn();
    const url2 = await app2.getAuthCodeUrl({ scopes: SCOPES, redirectUri: REDIRECT, loginHint: ALICE });
    const code2 = new URL((await fetch(url2, { redirect: 'manual' })).headers.get('location')!).searchParams.get('code')!;
    await app2.acquireTokenByCode({ code: code2, scopes: SCOPES, redirectUri: REDIRECT });
    const reused = await msalError(app2.acquireTokenByCode({ code: code2, scopes: SCOPES, redirectUri: REDIRECT }));
    expect(reused.message).toContain('AADSTS54005');
  });

  it('answers access_denied (AADSTS65004) on the redirect when the user declines consent', async () => {
    const msal = new ConfidentialClientApplication(simulatedMsalConfig(sim, { clientId: CLIENT_ID, clientSecret: SECRET }));
    const url = await msal.getAuthCodeUrl({ scopes: SCOPES, redirectUri: REDIRECT, loginHint: ALICE, state: 's1' });
    const denied = new URL((await fetch(`${url}&sim_deny=1`, { redirect: 'manual' })).headers.get('location')!);
    expect(denied.searchParams.get('error')).toBe('access_denied');
    expect(denied.searchParams.get('error_description')).toMatch(/^AADSTS65004:/);
    expect(denied.searchParams.get('state')).toBe('s1');
    expect(denied.searchParams.get('code')).toBeNull();
  });

  it('refuses an unregistered redirect URI on its own page (AADSTS50011), never redirecting', async () => {
    const msal = new ConfidentialClientApplication(simulatedMsalConfig(sim, { clientId: CLIENT_ID, clientSecret: SECRET }));
    const url = await msal.getAuthCodeUrl({ scopes: SCOPES, redirectUri: 'https://evil.example/cb', loginHint: ALICE });
    const response = await fetch(url, { redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain('AADSTS50011');
  });
});

describe('client authentication per app registration (reference-error-codes)', () => {
  it('rejects a wrong client secret with invalid_client AADSTS7000215', async () => {
    const msal = new ConfidentialClientApplication(simulatedMsalConfig(sim, { clientId: CLIENT_ID, clientSecret: 'wrong', tenant: DEFAULT_TENANT_ID }));
    const err = await msalError(msal.acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] }));
    expect(err.errorCode).toBe('invalid_client');
    expect(err.message).toContain('AADSTS7000215');
  });

  it('rejects the secret ID configured instead of its value with the same AADSTS7000215 hint', async () => {
    const msal = new ConfidentialClientApplication(simulatedMsalConfig(sim, { clientId: CLIENT_ID, clientSecret: SECRET_ID }));
    const url = await msal.getAuthCodeUrl({ scopes: SCOPES, redirectUri: REDIRECT, loginHint: ALICE });
    const code = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location')!).searchParams.get('code')!;
    const err = await msalError(msal.acquireTokenByCode({ code, scopes: SCOPES, redirectUri: REDIRECT }));
    expect(err.message).toContain('AADSTS7000215');
    expect(err.message).toContain('not the client secret ID');
  });

  it('rejects an unknown client id with unauthorized_client AADSTS700016', async () => {
    const msal = new ConfidentialClientApplication(simulatedMsalConfig(sim, { clientId: 'not-registered', clientSecret: SECRET, tenant: DEFAULT_TENANT_ID }));
    const err = await msalError(msal.acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] }));
    expect(err.errorCode).toBe('unauthorized_client');
    expect(err.message).toContain('AADSTS700016');
  });

  it('issues app-only tokens for client_credentials (.default, no id_token) that can use /users/{upn} but not /me', async () => {
    const msal = new ConfidentialClientApplication(simulatedMsalConfig(sim, { clientId: CLIENT_ID, clientSecret: SECRET, tenant: DEFAULT_TENANT_ID }));
    const result = await msal.acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] });
    expect(result?.account).toBeNull();
    expect(result?.idToken ?? '').toBe('');
    const client = graphClient(sim.graphUrl, async () => result!.accessToken);
    await expect(client.api(`/users/${ALICE}/calendar`).get()).resolves.toMatchObject({ isDefaultCalendar: true });
    const err: GraphError = await client.api('/me/events').get().catch((e: GraphError) => e);
    expect(err.statusCode).toBe(400);
    const token = sim.control.requestLog().find((e) => e.path.endsWith('/token'))!;
    expect(token).toMatchObject({ note: 'grant_type=client_credentials', clientId: CLIENT_ID, status: 200 });
  });
});

describe('refresh tokens behind MSAL (persisted token cache)', () => {
  it('refreshes silently from a deserialized cache once the access token is due: the simulator sees a refresh_token grant', async () => {
    const { msal } = await signIn();
    const serialized = msal.getTokenCache().serialize();
    const fresh = new ConfidentialClientApplication(simulatedMsalConfig(sim, { clientId: CLIENT_ID, clientSecret: SECRET }));
    await fresh.getTokenCache().deserialize(serialized);
    const [account] = await fresh.getTokenCache().getAllAccounts();
    expect(account.username).toBe(ALICE);
    sim.control.clearRequestLog();

    const cached = await fresh.acquireTokenSilent({ account, scopes: ['Calendars.ReadWrite'] });
    expect(sim.control.requestLog()).toHaveLength(0);

    sim.control.advanceClock(2 * 3600);
    jest.useFakeTimers({ now: Date.now() + 2 * 3600 * 1000, advanceTimers: true, doNotFake: [
      'nextTick', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout', 'queueMicrotask', 'hrtime', 'performance',
    ] });
    let refreshed;
    try {
      refreshed = await fresh.acquireTokenSilent({ account, scopes: ['Calendars.ReadWrite'] });
    } finally {
      jest.useRealTimers();
    }
    expect(refreshed.accessToken).not.toBe(cached.accessToken);
    expect(sim.control.requestLog().map((e) => e.note)).toEqual(['grant_type=refresh_token']);
    await expect(graphClient(sim.graphUrl, async () => cached.accessToken).api('/me').get()).rejects.toMatchObject({ statusCode: 401, code: 'InvalidAuthenticationToken' });
    await expect(graphClient(sim.graphUrl, async () => refreshed.accessToken).api('/me').get()).resolves.toMatchObject({ mail: ALICE });
  });

  it('fails the silent refresh with invalid_grant AADSTS50173 after consent is revoked', async () => {
    const { msal, result } = await signIn();
    sim.control.revokeConsent(ALICE, CLIENT_ID);
    const err = await msalError(msal.acquireTokenSilent({ account: result.account!, scopes: ['Calendars.ReadWrite'], forceRefresh: true }));
    expect(err).toBeInstanceOf(InteractionRequiredAuthError);
    expect(err.errorCode).toBe('invalid_grant');
    expect(err.message).toContain('AADSTS50173');
  });

  it('expires refresh tokens unused for 90 days (AADSTS700082)', async () => {
    const { msal, result } = await signIn();
    sim.control.advanceClock(91 * 24 * 3600);
    const err = await msalError(msal.acquireTokenSilent({ account: result.account!, scopes: ['Calendars.ReadWrite'], forceRefresh: true }));
    expect(err.message).toContain('AADSTS700082');
  });

  it('answers 401 InvalidAuthenticationToken on Graph after expireAccessTokens; a forced refresh recovers', async () => {
    const { msal, result } = await signIn();
    sim.control.expireAccessTokens();
    const err: GraphError = await graphClient(sim.graphUrl, async () => result.accessToken).api('/me/calendars').get().catch((e: GraphError) => e);
    expect(err.statusCode).toBe(401);
    expect(err.code).toBe('InvalidAuthenticationToken');
    const again = await msal.acquireTokenSilent({ account: result.account!, scopes: ['Calendars.ReadWrite'], forceRefresh: true });
    const calendars = await graphClient(sim.graphUrl, async () => again.accessToken).api('/me/calendars').get();
    expect(calendars.value[0]).toMatchObject({ name: 'Calendar', isDefaultCalendar: true });
  });
});
