/**
 * Contract: the Google simulator's OAuth 2.0 server and control API, driven through the real googleapis client.
 * https://developers.google.com/identity/protocols/oauth2/web-server
 */
import { startGoogleSimulator, type GoogleSimulator } from '../fakes/google/google-simulator';
import {
  CALENDAR_SCOPE, calendarClient, connectUser, followConsent, newOAuthClient, type TestApp,
  gaxiosRejection as rejection,
} from '../fakes/google/test-harness';

const APP: TestApp = { clientId: 'switchboard-test.apps.googleusercontent.com', clientSecret: 's3cret', redirectUri: 'http://127.0.0.1/oauth/callback' };
const ALICE = 'alice@example.com';
const BOB = 'bob@example.com';

let sim: GoogleSimulator;

beforeAll(async () => {
  sim = await startGoogleSimulator();
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.control.reset();
  sim.control.registerClient({ ...APP, redirectUris: [APP.redirectUri] });
  sim.control.createUser({ email: ALICE, name: 'Alice Example' });
  sim.control.createUser({ email: BOB });
});

describe('authorization code flow', () => {
  it('redirects with code, state and scope, and exchanges a PKCE (S256) code once', async () => {
    const oauth2 = newOAuthClient(sim, APP);
    const { codeVerifier, codeChallenge } = await oauth2.generateCodeVerifierAsync();
    const consent = await followConsent(oauth2, { loginHint: ALICE, codeChallenge: codeChallenge!, state: 'csrf-1', scopes: [CALENDAR_SCOPE, 'openid', 'email'] });
    expect(consent.status).toBe(302);
    expect(`${consent.location!.origin}${consent.location!.pathname}`).toBe(APP.redirectUri);
    expect(consent.location!.searchParams.get('state')).toBe('csrf-1');
    expect(consent.location!.searchParams.get('scope')).toBe(`${CALENDAR_SCOPE} openid email`);
    const code = consent.location!.searchParams.get('code')!;

    const { tokens } = await oauth2.getToken({ code, codeVerifier });
    expect(tokens.access_token).toMatch(/^ya29\./);
    expect(tokens.refresh_token).toBeTruthy();
    expect(tokens.token_type).toBe('Bearer');
    expect(tokens.scope).toBe(`${CALENDAR_SCOPE} openid email`);
    expect(tokens.expiry_date).toBeGreaterThan(Date.now() + 3500_000);
    const idClaims = JSON.parse(Buffer.from(tokens.id_token!.split('.')[1], 'base64url').toString());
    expect(idClaims).toMatchObject({ email: ALICE, aud: APP.clientId, iss: 'https://accounts.google.com' });

    const reuse = await rejection(oauth2.getToken({ code, codeVerifier }));
    expect(reuse.status).toBe(400);
    expect((reuse.response!.data as { error: string }).error).toBe('invalid_grant');
  });

  it('rejects a wrong or missing PKCE verifier with invalid_grant', async () => {
    const oauth2 = newOAuthClient(sim, APP);
    const { codeChallenge } = await oauth2.generateCodeVerifierAsync();
    const first = await followConsent(oauth2, { loginHint: ALICE, codeChallenge: codeChallenge! });
    const wrong = await rejection(oauth2.getToken({ code: first.location!.searchParams.get('code')!, codeVerifier: 'x'.repeat(64) }));
    expect(wrong.response!.data).toEqual({ error: 'invalid_grant', error_description: 'Invalid code verifier.' });
    const second = await followConsent(oauth2, { loginHint: ALICE, codeChallenge: codeChallenge! });
    const missing = await rejection(oauth2.getToken(second.location!.searchParams.get('code')!));
    expect(missing.response!.data).toEqual({ error: 'invalid_grant', error_description: 'Missing code verifier.' });
  });

  it('redirects with error=access_denied when the user declines', async () => {
    const oauth2 = newOAuthClient(sim, APP);
    const viaQuery = await followConsent(oauth2, { loginHint: ALICE, state: 's1', extraQuery: { sim_deny: '1' } });
    expect(viaQuery.status).toBe(302);
    expect(viaQuery.location!.searchParams.get('error')).toBe('access_denied');
    expect(viaQuery.location!.searchParams.get('state')).toBe('s1');
    expect(viaQuery.location!.searchParams.has('code')).toBe(false);

    sim.control.setConsentBehaviour('deny');
    const viaControl = await followConsent(oauth2, { loginHint: ALICE, state: 's2' });
    expect(viaControl.location!.searchParams.get('error')).toBe('access_denied');
  });

  it('shows an error page instead of redirecting to an unregistered redirect_uri', async () => {
    const stranger = newOAuthClient(sim, { ...APP, redirectUri: 'http://evil.example/cb' });
    const consent = await followConsent(stranger, { loginHint: ALICE });
    expect(consent.status).toBe(400);
    expect(consent.location).toBeNull();
    expect(consent.body).toContain('redirect_uri_mismatch');
  });

  it('issues a refresh token on first offline consent, then only with prompt=consent', async () => {
    const first = await connectUser(sim, APP, ALICE);
    expect(first.tokens.refresh_token).toBeTruthy();
    const again = await connectUser(sim, APP, ALICE);
    expect(again.tokens.refresh_token).toBeUndefined();
    const forced = await connectUser(sim, APP, ALICE, { prompt: 'consent' });
    expect(forced.tokens.refresh_token).toBeTruthy();
    const online = await connectUser(sim, APP, BOB, { accessType: 'online' });
    expect(online.tokens.refresh_token).toBeUndefined();
  });

  it('answers invalid_client (401) for a wrong client secret', async () => {
    const oauth2 = newOAuthClient(sim, APP);
    const consent = await followConsent(oauth2, { loginHint: ALICE });
    const impostor = newOAuthClient(sim, { ...APP, clientSecret: 'wrong' });
    const err = await rejection(impostor.getToken(consent.location!.searchParams.get('code')!));
    expect(err.status).toBe(401);
    expect((err.response!.data as { error: string }).error).toBe('invalid_client');
  });
});

describe('refresh tokens and revocation', () => {
  const REVOKED = { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' };

  it('refreshes, then fails with invalid_grant after the app revokes the token', async () => {
    const { oauth2, tokens } = await connectUser(sim, APP, ALICE);
    const refreshed = await oauth2.refreshAccessToken();
    expect(refreshed.credentials.access_token).not.toBe(tokens.access_token);
    await oauth2.revokeToken(tokens.refresh_token!);
    const err = await rejection(oauth2.refreshAccessToken());
    expect(err.status).toBe(400);
    expect(err.response!.data).toEqual(REVOKED);
    const api = await rejection(calendarClient(sim, oauth2).calendarList.list());
    expect(api.status).toBe(401);
  });

  it('fails with invalid_grant after the user withdraws consent or the refresh token dies', async () => {
    const alice = await connectUser(sim, APP, ALICE);
    sim.control.revokeConsent(ALICE, APP.clientId);
    expect((await rejection(alice.oauth2.refreshAccessToken())).response!.data).toEqual(REVOKED);

    const bob = await connectUser(sim, APP, BOB);
    sim.control.revokeRefreshTokens(BOB);
    expect((await rejection(bob.oauth2.refreshAccessToken())).response!.data).toEqual(REVOKED);
    const stillValidAccessToken = await calendarClient(sim, bob.oauth2).calendarList.list();
    expect(stillValidAccessToken.status).toBe(200);
  });

  it('answers an expired access token with 401 UNAUTHENTICATED in Google API error shape', async () => {
    const { oauth2, tokens } = await connectUser(sim, APP, ALICE);
    sim.control.expireAccessTokens();
    oauth2.setCredentials({ access_token: tokens.access_token });
    const err = await rejection(calendarClient(sim, oauth2).events.list({ calendarId: 'primary' }));
    expect(err.status).toBe(401);
    expect(err.response!.data).toMatchObject({
      error: { code: 401, status: 'UNAUTHENTICATED', errors: [{ domain: 'global', reason: 'authError', location: 'Authorization' }] },
    });
    expect((err.response!.data as { error: { message: string } }).error.message).toMatch(/^Request had invalid authentication credentials/);
  });

  it('lets the client refresh after the virtual clock passes expiry and retry the call (stored tokens)', async () => {
    const { tokens } = await connectUser(sim, APP, ALICE);
    sim.control.advanceClock(3601);
    sim.control.clearRequestLog();
    const restored = newOAuthClient(sim, APP);
    restored.setCredentials({ access_token: tokens.access_token, refresh_token: tokens.refresh_token });
    const res = await calendarClient(sim, restored).events.list({ calendarId: 'primary' });
    expect(res.status).toBe(200);
    expect(sim.control.requestLog().map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'GET /calendar/v3/calendars/primary/events 401',
      'POST /token 200',
      'GET /calendar/v3/calendars/primary/events 200',
    ]);
  });

  it('lets the client refresh ahead of expiry when tokens are short-lived', async () => {
    const shortLived = await startGoogleSimulator({ accessTokenTtlSeconds: 60 });
    try {
      shortLived.control.registerClient(APP);
      shortLived.control.createUser({ email: ALICE });
      const { oauth2 } = await connectUser(shortLived, APP, ALICE);
      shortLived.control.clearRequestLog();
      await calendarClient(shortLived, oauth2).calendarList.list();
      expect(shortLived.control.requestLog().map((r) => `${r.method} ${r.path}`)).toEqual(['POST /token', 'GET /calendar/v3/users/me/calendarList']);
    } finally {
      await shortLived.close();
    }
  });
});

describe('identity endpoints', () => {
  it('serves tokeninfo and userinfo for a valid access token', async () => {
    const { oauth2, tokens } = await connectUser(sim, APP, ALICE, { scopes: [CALENDAR_SCOPE, 'openid', 'email', 'profile'] });
    const info = await oauth2.getTokenInfo(tokens.access_token!);
    expect(info).toMatchObject({ aud: APP.clientId, email: ALICE, scopes: [CALENDAR_SCOPE, 'openid', 'email', 'profile'] });
    const user = await oauth2.request<{ email: string; name: string; sub: string }>({ url: `${sim.url}/oauth2/v3/userinfo` });
    expect(user.data).toMatchObject({ email: ALICE, name: 'Alice Example', email_verified: true });
    expect(user.data.sub).toMatch(/^\d{21}$/);
  });
});

describe('calendar access and HTTP control', () => {
  it('lists the caller\'s calendars and hides other users\' calendars (404)', async () => {
    const team = sim.control.createCalendar(ALICE, { summary: 'Team', timeZone: 'Europe/Paris' });
    const { oauth2 } = await connectUser(sim, APP, ALICE);
    const calendar = calendarClient(sim, oauth2);
    const list = await calendar.calendarList.list();
    expect(list.data.items!.map((c) => [c.id, c.primary ?? false, c.accessRole])).toEqual([[ALICE, true, 'owner'], [team.id, false, 'owner']]);
    const err = await rejection(calendar.events.list({ calendarId: BOB }));
    expect(err.status).toBe(404);
  });

  it('refuses writes with a read-only scope (403 insufficientPermissions)', async () => {
    const { oauth2 } = await connectUser(sim, APP, ALICE, { scopes: ['https://www.googleapis.com/auth/calendar.readonly'] });
    const calendar = calendarClient(sim, oauth2);
    expect((await calendar.events.list({ calendarId: 'primary' })).status).toBe(200);
    const err = await rejection(calendar.events.insert({ calendarId: 'primary', requestBody: { start: { date: '2025-01-01' }, end: { date: '2025-01-02' } } }));
    expect(err.status).toBe(403);
    expect(err.response!.data).toMatchObject({ error: { errors: [{ reason: 'insufficientPermissions' }] } });
  });

  it('serves the control API over HTTP and keeps /__control out of the request log', async () => {
    sim.control.clearRequestLog();
    const post = (op: string, body: unknown) => fetch(`${sim.url}/__control/${op}`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
    }).then((r) => r.json() as Promise<{ result?: unknown; error?: string }>);
    const created = await post('createUser', { email: 'carol@example.com' });
    expect(created.result).toMatchObject({ email: 'carol@example.com' });
    const seeded = await post('seedEvent', ['carol@example.com', { summary: 'x', start: { date: '2025-02-01' }, end: { date: '2025-02-02' } }]);
    expect(seeded.result).toMatchObject({ summary: 'x', status: 'confirmed' });
    expect((await post('createUser', { email: 'carol@example.com' })).error).toMatch(/already exists/);
    const events = await fetch(`${sim.url}/__control/events/carol%40example.com`).then((r) => r.json() as Promise<{ result: unknown[] }>);
    expect(events.result).toHaveLength(1);
    expect(sim.control.requestLog()).toEqual([]);
  });
});
