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

/** An EE app wired to both simulators, a tenant with a configured Google app and a CALENDAR-bound Microsoft profile. */
export async function startCalendarHarness(): Promise<CalendarHarness> {
  const google = await startGoogleSimulator();
  const microsoft = await startMicrosoftSimulator();
  const googleApp = { clientId: `${randomUUID()}.apps.googleusercontent.com`, clientSecret: `gsecret-${randomUUID()}` };
  const microsoftApp = { clientId: randomUUID(), clientSecret: `msecret~${randomUUID()}`, directory: randomUUID() };
  google.control.registerClient({ ...googleApp, redirectUris: [`${PUBLIC_URL}/api/auth/google/calendar/callback`] });
  google.control.createUser({ email: 'tech@gmail.example', name: 'Tech' });
  microsoft.control.registerApp({
    ...microsoftApp,
    tenantId: microsoftApp.directory,
    redirectUris: [`${PUBLIC_URL}/api/auth/microsoft/calendar/callback`],
  });
  microsoft.control.createUser({ email: 'tech@contoso.example', tenantId: microsoftApp.directory });
  const t = await startTestApp({
    edition: 'enterprise',
    env: {
      PUBLIC_URL,
      JWT_SECRET,
      APP_URL: 'http://psa.test',
      GOOGLE_OAUTH_URL: google.url,
      GOOGLE_API_URL: google.apiRootUrl,
      MICROSOFT_LOGIN_URL: microsoft.loginUrl,
      MICROSOFT_AUTHORITY_HOST: microsoft.authorityHost,
      MICROSOFT_GRAPH_URL: microsoft.graphUrl,
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

/** startCalendarAuthorization, then the browser's trip through the simulator's consent screen. */
export async function authorize(h: CalendarHarness, providerId: string, apiKey = h.tenant.apiKey): Promise<URL> {
  const started = await h.t.gql(
    'mutation ($id: ID!) { startCalendarAuthorization(providerId: $id) { authorizationUrl } }',
    { id: providerId },
    apiKey,
  );
  if (started.errors) throw new Error(JSON.stringify(started.errors));
  const consent = await fetch(started.data.startCalendarAuthorization.authorizationUrl, { redirect: 'manual' });
  const location = consent.headers.get('location');
  if (!location) throw new Error(`no redirect from the consent screen (${consent.status}): ${await consent.text()}`);
  return new URL(location);
}

/** Hits our callback with what the provider sent back to the browser. */
export function callback(h: CalendarHarness, redirect: URL, accept = 'application/json') {
  return h.t.app.inject({ method: 'GET', url: `${redirect.pathname}${redirect.search}`, headers: { accept } });
}

export async function providerRow(h: CalendarHarness, providerId: string) {
  const [row] = await queryDatabase<{ status: string; encrypted_tokens: string | null; updated_at: Date; last_error: string | null }>(
    h.t.db.url,
    'select status, encrypted_tokens, updated_at, last_error from calendar_providers where id = $1',
    [providerId],
  );
  return row;
}

/** A host-PSA JWT for another user of the tenant. */
export function userToken(h: CalendarHarness, userId: string, role: 'admin' | 'user' = 'user'): Promise<string> {
  return new SignJWT({ tid: h.tenant.tenantId, sub: userId, role })
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
  const response = await callback(h, await authorize(h, provider.id));
  if (response.statusCode !== 200) throw new Error(`connect failed: ${response.body}`);
  return provider.id;
}
