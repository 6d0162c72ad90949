/**
 * Helpers for tests that drive the simulator through the real googleapis client:
 * consent through the authorization URL, code exchange, and a Calendar client pointed at the simulator.
 */
import { Auth, type calendar_v3, google } from 'googleapis';
import { GaxiosError } from 'gaxios';
import { startGoogleSimulator } from './google-simulator';
import type { GoogleSimulator } from './types';

export const CALENDAR_SCOPE = 'https://www.googleapis.com/auth/calendar';
export const CALENDAR_READONLY_SCOPE = 'https://www.googleapis.com/auth/calendar.readonly';

export type OAuth2 = InstanceType<typeof google.auth.OAuth2>;
export type Credentials = OAuth2['credentials'];

export interface TestApp {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

export interface AuthorizeOptions {
  loginHint?: string;
  scopes?: string[];
  accessType?: 'online' | 'offline';
  prompt?: string;
  state?: string;
  codeChallenge?: string;
  extraQuery?: Record<string, string>;
}

/**
 * An OAuth2 client pointed at the simulator. Under jest, gaxios cannot lazy-load node-fetch (dynamic import needs
 * --experimental-vm-modules), so the client gets Node's global fetch; API calls made with this client as `auth`
 * go through the same transporter.
 */
export function newOAuthClient(sim: GoogleSimulator, app: TestApp, extra: { forceRefreshOnFailure?: boolean } = {}): OAuth2 {
  return new google.auth.OAuth2({
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    redirectUri: app.redirectUri,
    endpoints: sim.oauthEndpoints,
    transporterOptions: { fetchImplementation: fetch },
    ...extra,
  });
}

/** Visits the authorization URL like a browser would and returns where Google redirected to. */
export async function followConsent(oauth2: OAuth2, opts: AuthorizeOptions = {}): Promise<{ status: number; location: URL | null; body: string }> {
  const url = new URL(oauth2.generateAuthUrl({
    access_type: opts.accessType ?? 'offline',
    scope: opts.scopes ?? [CALENDAR_SCOPE],
    state: opts.state ?? 'state-123',
    ...(opts.prompt ? { prompt: opts.prompt } : {}),
    ...(opts.loginHint ? { login_hint: opts.loginHint } : {}),
    ...(opts.codeChallenge ? { code_challenge: opts.codeChallenge, code_challenge_method: Auth.CodeChallengeMethod.S256 } : {}),
    ...opts.extraQuery,
  }));
  const res = await fetch(url, { redirect: 'manual' });
  const location = res.headers.get('location');
  return { status: res.status, location: location ? new URL(location) : null, body: await res.text() };
}

/** Full consent + code exchange; the client ends up holding the tokens. */
export async function connectUser(sim: GoogleSimulator, app: TestApp, email: string, opts: AuthorizeOptions = {}): Promise<{ oauth2: OAuth2; tokens: Credentials }> {
  const oauth2 = newOAuthClient(sim, app);
  const { location } = await followConsent(oauth2, { loginHint: email, ...opts });
  const code = location?.searchParams.get('code');
  if (!code) throw new Error(`consent did not produce a code: ${location?.toString()}`);
  const { tokens } = await oauth2.getToken(code);
  oauth2.setCredentials(tokens);
  return { oauth2, tokens };
}

export function calendarClient(sim: GoogleSimulator, auth: OAuth2, retry = false): calendar_v3.Calendar {
  return google.calendar({ version: 'v3', auth, rootUrl: sim.apiRootUrl, retry });
}

export interface ConnectedCalendarFixture {
  sim: GoogleSimulator;
  oauth2: OAuth2;
  calendar: calendar_v3.Calendar;
  app: TestApp;
}

/**
 * Registers the jest hooks most contract files share: one simulator per file; before each test a reset, the
 * OAuth client, the user, and a Calendar client connected as that user. Read the fields inside tests/hooks.
 */
export function useConnectedCalendar(clientId: string, user: { email: string; timeZone?: string }): ConnectedCalendarFixture {
  const fixture = { app: { clientId, clientSecret: 'secret', redirectUri: 'http://127.0.0.1/cb' } } as ConnectedCalendarFixture;
  beforeAll(async () => {
    fixture.sim = await startGoogleSimulator();
  });
  afterAll(() => fixture.sim.close());
  beforeEach(async () => {
    fixture.sim.control.reset();
    fixture.sim.control.registerClient(fixture.app);
    fixture.sim.control.createUser(user);
    fixture.oauth2 = (await connectUser(fixture.sim, fixture.app, user.email)).oauth2;
    fixture.calendar = calendarClient(fixture.sim, fixture.oauth2);
  });
  return fixture;
}

/** The GaxiosError a client call rejected with (fails the test if it resolved or threw something else). */
export async function gaxiosRejection(promise: Promise<unknown>): Promise<GaxiosError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(GaxiosError);
  return error as GaxiosError;
}
