import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { startGoogleSimulator, type GoogleSimulator } from '../../../test/fakes/google/google-simulator';
import { startMicrosoftSimulator, type MicrosoftSimulator } from '../../../test/fakes/microsoft/microsoft-simulator';
import { bind, createProfile } from '../../../test/support/microsoft-fixtures';
import { startTestApp, type TestApp } from '../../../test/support/test-app';
import type { CreatedTenant } from '../../../src/tenants/tenant.service';
import { queryDatabase } from '../../../test/support/test-database';
import { openTokens, sealTokens } from '../../src/calendar/stored-tokens';

export const PUBLIC_URL = 'http://switchboard.test';
/** The simulators' first users: whose account a consent uses unless the browser signs in as someone else. */
export const GOOGLE_USER = 'tech@gmail.example';
export const MICROSOFT_USER = 'tech@contoso.example';
/** A second account per simulator: another person's browser, or the same user picking another account. */
export const OTHER_GOOGLE_USER = 'other@gmail.example';
export const OTHER_MICROSOFT_USER = 'other@contoso.example';
export const JWT_SECRET = 'calendar-harness-jwt-secret-0123456789';

export interface CalendarHarness {
  t: TestApp;
  google: GoogleSimulator;
  microsoft: MicrosoftSimulator;
  tenant: CreatedTenant;
  googleApp: { clientId: string; clientSecret: string };
  microsoftApp: { clientId: string; clientSecret: string; directory: string };
  close(): Promise<void>;
}

/** Where a process finds the simulators (the harness's app, and the worker processes tests and benches start). */
export function simulatorEnv(google: GoogleSimulator, microsoft: MicrosoftSimulator): NodeJS.ProcessEnv {
  return {
    GOOGLE_OAUTH_URL: google.url,
    GOOGLE_API_URL: google.apiRootUrl,
    MICROSOFT_LOGIN_URL: microsoft.loginUrl,
    MICROSOFT_AUTHORITY_HOST: microsoft.authorityHost,
    MICROSOFT_GRAPH_URL: microsoft.graphUrl,
  };
}

/** An EE app wired to both simulators, a tenant with a configured Google app and a CALENDAR-bound Microsoft profile. */
export async function startCalendarHarness(options: { redis?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<CalendarHarness> {
  const google = await startGoogleSimulator();
  const microsoft = await startMicrosoftSimulator();
  const googleApp = { clientId: `${randomUUID()}.apps.googleusercontent.com`, clientSecret: `gsecret-${randomUUID()}` };
  const microsoftApp = { clientId: randomUUID(), clientSecret: `msecret~${randomUUID()}`, directory: randomUUID() };
  google.control.registerClient({ ...googleApp, redirectUris: [`${PUBLIC_URL}/api/auth/google/calendar/callback`] });
  google.control.createUser({ email: GOOGLE_USER, name: 'Tech' });
  google.control.createUser({ email: OTHER_GOOGLE_USER, name: 'Other' });
  microsoft.control.registerApp({
    ...microsoftApp,
    tenantId: microsoftApp.directory,
    redirectUris: [`${PUBLIC_URL}/api/auth/microsoft/calendar/callback`],
  });
  microsoft.control.createUser({ email: MICROSOFT_USER, tenantId: microsoftApp.directory });
  microsoft.control.createUser({ email: OTHER_MICROSOFT_USER, tenantId: microsoftApp.directory });
  const t = await startTestApp({
    edition: 'enterprise',
    redis: options.redis,
    env: {
      PUBLIC_URL,
      JWT_SECRET,
      APP_URL: 'http://psa.test',
      ...simulatorEnv(google, microsoft),
      ...options.env,
    },
  });
  const tenant = await t.createTenant('Calendar MSP');
  const configured = await t.gql(
    'mutation ($input: ConfigureGoogleCalendarAppInput!) { configureGoogleCalendarApp(input: $input) { clientId } }',
    { input: googleApp },
    tenant.apiKey,
  );
  if (configured.errors) throw new Error(JSON.stringify(configured.errors));
  const profile = await createProfile(t, tenant.apiKey, {
    clientId: microsoftApp.clientId,
    clientSecret: microsoftApp.clientSecret,
    tenantAuthority: microsoftApp.directory,
  });
  await bind(t, tenant.apiKey, 'CALENDAR', profile.id);
  return {
    t,
    google,
    microsoft,
    tenant,
    googleApp,
    microsoftApp,
    async close() {
      await t.close();
      await Promise.all([google.close(), microsoft.close()]);
    },
  };
}

export async function createProvider(h: CalendarHarness, providerType: 'GOOGLE' | 'MICROSOFT', apiKey = h.tenant.apiKey) {
  const result = await h.t.gql(
    'mutation ($input: CreateCalendarProviderInput!) { createCalendarProvider(input: $input) { id status providerType owner } }',
    { input: { name: `${providerType} calendar`, providerType } },
    apiKey,
  );
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data.createCalendarProvider as { id: string; status: string; providerType: string; owner: string };
}

/**
 * startCalendarAuthorization as `apiKey`, then a browser's trip through the simulator's consent screen. The browser
 * signs in as `signInAs` (login_hint), else as the simulator's first user.
 */
export async function authorize(h: CalendarHarness, providerId: string, apiKey = h.tenant.apiKey, signInAs?: string): Promise<URL> {
  const started = await h.t.gql(
    'mutation ($id: ID!) { startCalendarAuthorization(providerId: $id) { authorizationUrl } }',
    { id: providerId },
    apiKey,
  );
  if (started.errors) throw new Error(JSON.stringify(started.errors));
  const url = new URL(started.data.startCalendarAuthorization.authorizationUrl);
  if (signInAs) url.searchParams.set('login_hint', signInAs);
  const consent = await fetch(url, { redirect: 'manual' });
  const location = consent.headers.get('location');
  if (!location) throw new Error(`no redirect from the consent screen (${consent.status}): ${await consent.text()}`);
  return new URL(location);
}

/** Hits our callback with what the provider sent back to the browser. */
export function callback(h: CalendarHarness, redirect: URL, accept = 'application/json') {
  return h.t.app.inject({ method: 'GET', url: `${redirect.pathname}${redirect.search}`, headers: { accept } });
}

/** The callback's ticket (JSON answer); throws when the callback refused. */
export async function ticketFrom(h: CalendarHarness, redirect: URL): Promise<string> {
  const response = await callback(h, redirect);
  if (response.statusCode !== 200) throw new Error(`callback failed: ${response.body}`);
  return response.json().ticket;
}

export const COMPLETE_AUTHORIZATION = `mutation ($ticket: String!) { completeCalendarAuthorization(ticket: $ticket) {
  id status accountEmail calendarId calendarName lastError webhook { status } warnings { code message } } }`;

export function complete(h: CalendarHarness, ticket: string, apiKey = h.tenant.apiKey) {
  return h.t.gql(COMPLETE_AUTHORIZATION, { ticket }, apiKey);
}

/** The whole connect flow as one user: start, consent (as `signInAs`), callback, complete. Returns the provider. */
export async function connect(h: CalendarHarness, providerId: string, options: { apiKey?: string; signInAs?: string } = {}) {
  const ticket = await ticketFrom(h, await authorize(h, providerId, options.apiKey, options.signInAs));
  const completed = await complete(h, ticket, options.apiKey);
  if (completed.errors) throw new Error(JSON.stringify(completed.errors));
  return completed.data.completeCalendarAuthorization as {
    id: string;
    status: string;
    accountEmail: string | null;
    calendarId: string | null;
    warnings: Array<{ code: string; message: string }>;
  };
}

/** Every calendar_providers row (all tenants), for "nothing was written" assertions. */
export function providersSnapshot(h: CalendarHarness) {
  return queryDatabase<Record<string, unknown>>(h.t.db.url, 'select * from calendar_providers order by id');
}

export async function providerRow(h: CalendarHarness, providerId: string) {
  const [row] = await queryDatabase<{ status: string; encrypted_tokens: string | null; updated_at: Date; last_error: string | null }>(
    h.t.db.url,
    'select status, encrypted_tokens, updated_at, last_error from calendar_providers where id = $1',
    [providerId],
  );
  return row;
}

/** A host-PSA JWT for another user of the tenant (or of `tenantId`). */
export function userToken(h: CalendarHarness, userId: string, role: 'admin' | 'user' = 'user', tenantId = h.tenant.tenantId): Promise<string> {
  return new SignJWT({ tid: tenantId, sub: userId, role })
    .setProtectedHeader({ alg: 'HS256' })
    .setExpirationTime('10m')
    .sign(new TextEncoder().encode(JWT_SECRET));
}

/** Makes the stored access token look expired (as after an hour idle), leaving the refresh grant intact. */
export async function expireStoredAccessToken(h: CalendarHarness, providerId: string): Promise<void> {
  const row = await providerRow(h, providerId);
  const tokens = openTokens(h.t.runtime.deps.secretBox, providerId, row!.encrypted_tokens!);
  if (tokens.kind === 'google') tokens.expiresAt = Date.now() - 1000;
  else {
    const cache = JSON.parse(tokens.msalCache) as { AccessToken: Record<string, { expires_on: string; extended_expires_on?: string }> };
    for (const entry of Object.values(cache.AccessToken)) {
      entry.expires_on = String(Math.floor(Date.now() / 1000) - 10);
      entry.extended_expires_on = entry.expires_on;
    }
    tokens.msalCache = JSON.stringify(cache);
  }
  await queryDatabase(h.t.db.url, 'update calendar_providers set encrypted_tokens = $2 where id = $1', [
    providerId,
    sealTokens(h.t.runtime.deps.secretBox, providerId, tokens),
  ]);
}

/** A connected provider of the given type. */
export async function connectedProvider(h: CalendarHarness, type: 'GOOGLE' | 'MICROSOFT'): Promise<string> {
  const provider = await createProvider(h, type);
  await connect(h, provider.id);
  return provider.id;
}

/** Chooses the account's primary calendar for the provider (which queues its first run); returns the calendar id. */
export async function choosePrimaryCalendar(h: CalendarHarness, providerId: string, apiKey = h.tenant.apiKey): Promise<string> {
  const listed = await h.t.gql('mutation ($id: ID!) { listExternalCalendars(providerId: $id) { id primary } }', { id: providerId }, apiKey);
  if (listed.errors) throw new Error(JSON.stringify(listed.errors));
  const calendarId = (listed.data.listExternalCalendars as Array<{ id: string; primary: boolean }>).find((calendar) => calendar.primary)!.id;
  const chosen = await h.t.gql('mutation ($id: ID!, $input: UpdateCalendarProviderInput!) { updateCalendarProvider(id: $id, input: $input) { id } }', {
    id: providerId,
    input: { calendarId },
  }, apiKey);
  if (chosen.errors) throw new Error(JSON.stringify(chosen.errors));
  return calendarId;
}
