import { createHash } from 'node:crypto';
import { StateSigner } from '../../../src/crypto/signed-state';
import { CALENDAR_OAUTH_STATE_PURPOSE } from '../../src/calendar/oauth/calendar-authorization.service';
import { bind, createProfile, errorCode } from '../../../test/support/microsoft-fixtures';
import { queryDatabase } from '../../../test/support/test-database';
import {
  authorize,
  callback,
  complete,
  connect,
  createProvider,
  GOOGLE_USER,
  MICROSOFT_USER,
  providerRow,
  startCalendarHarness,
  userToken,
  type CalendarHarness,
} from '../support/calendar-harness';

describe('calendar connect over HTTP against the simulators', () => {
  let h: CalendarHarness;

  beforeAll(async () => {
    h = await startCalendarHarness();
  });
  afterAll(() => h.close());

  const gql = (query: string, variables: Record<string, unknown> = {}) => h.t.gql(query, variables, h.tenant.apiKey);
  const queuedSyncs = async () => (await h.t.runtime.deps.queue.counts())['calendar-sync']?.waiting ?? 0;
  const pendingGrants = (providerId: string) =>
    queryDatabase<{ ticket_hash: string; encrypted_tokens: string; account_email: string; expires_in: number }>(
      h.t.db.url,
      `select ticket_hash, encrypted_tokens, account_email, extract(epoch from expires_at - created_at)::int as expires_in
       from calendar_pending_grants where provider_id = $1`,
      [providerId],
    );

  it('keeps the Google client secret write-only', async () => {
    const app = await gql('{ googleCalendarApp { clientId clientSecretConfigured redirectUri } }');
    expect(app.data.googleCalendarApp).toEqual({
      clientId: h.googleApp.clientId,
      clientSecretConfigured: true,
      redirectUri: 'http://switchboard.test/api/auth/google/calendar/callback',
    });
    const [row] = await queryDatabase<{ client_secret: string }>(h.t.db.url, 'select client_secret from google_calendar_apps');
    expect(row!.client_secret).not.toContain(h.googleApp.clientSecret);
  });

  it.each(['GOOGLE', 'MICROSOFT'] as const)('connects a %s calendar end to end', async (type) => {
    const provider = await createProvider(h, type);
    expect(provider.status).toBe('CONFIGURING');
    expect(provider.owner).toBe(h.tenant.userId);
    const syncsBefore = await queuedSyncs();
    const redirect = await authorize(h, provider.id);
    expect(redirect.origin + redirect.pathname).toBe(`http://switchboard.test/api/auth/${type.toLowerCase()}/calendar/callback`);
    const before = await providerRow(h, provider.id);
    const response = await callback(h, redirect);
    const { ticket } = response.json();
    expect(response.json()).toEqual({ success: true, status: 'pending', providerId: provider.id, ticket: expect.any(String) });
    expect(response.headers['cache-control']).toBe('no-store');

    // The callback only parks the grant: encrypted, 10 minutes, found by the ticket's hash alone.
    expect(await providerRow(h, provider.id)).toEqual(before);
    expect(await queuedSyncs()).toBe(syncsBefore);
    const [parked] = await pendingGrants(provider.id);
    expect(parked).toEqual({
      ticket_hash: createHash('sha256').update(ticket).digest('hex'),
      encrypted_tokens: expect.stringMatching(/^v1\.test1\./),
      account_email: type === 'GOOGLE' ? GOOGLE_USER : MICROSOFT_USER,
      expires_in: 600,
    });
    expect(parked!.encrypted_tokens).not.toMatch(/access|refresh|secret/i);

    const completed = await complete(h, ticket);
    expect(completed.errors).toBeUndefined();
    expect(completed.data.completeCalendarAuthorization).toEqual({
      id: provider.id,
      status: 'CONNECTED',
      accountEmail: type === 'GOOGLE' ? GOOGLE_USER : MICROSOFT_USER,
      calendarId: null,
      calendarName: null,
      lastError: null,
      webhook: { status: 'NONE' },
      warnings: [],
    });
    expect(await pendingGrants(provider.id)).toEqual([]);
    const connected = await gql('query ($id: ID!) { calendarProvider(id: $id) { status accountEmail warnings { code } } }', { id: provider.id });
    expect(connected.data.calendarProvider).toEqual({ status: 'CONNECTED', accountEmail: type === 'GOOGLE' ? GOOGLE_USER : MICROSOFT_USER, warnings: [] });
    const row = await providerRow(h, provider.id);
    expect(row!.encrypted_tokens).toMatch(/^v1\.test1\./);
    expect(row!.encrypted_tokens).not.toMatch(/access|refresh|secret/i);
    expect(await queuedSyncs()).toBe(syncsBefore + 1);

    const calendars = await gql('mutation ($id: ID!) { listExternalCalendars(providerId: $id) { id name primary canEdit } }', { id: provider.id });
    expect(calendars.errors).toBeUndefined();
    expect(calendars.data.listExternalCalendars).toContainEqual(expect.objectContaining({ primary: true, canEdit: true }));
  });

  it('picks the calendar to sync among those the account can see', async () => {
    const provider = await createProvider(h, 'GOOGLE');
    const notYet = await gql('mutation ($id: ID!) { listExternalCalendars(providerId: $id) { id } }', { id: provider.id });
    expect(errorCode(notYet)).toBe('BAD_USER_INPUT');
    await connect(h, provider.id);
    const listed = await gql('mutation ($id: ID!) { listExternalCalendars(providerId: $id) { id name primary } }', { id: provider.id });
    const primary = listed.data.listExternalCalendars.find((calendar: { primary: boolean }) => calendar.primary);
    const update = 'mutation ($id: ID!, $input: UpdateCalendarProviderInput!) { updateCalendarProvider(id: $id, input: $input) { calendarId calendarName syncDirection } }';
    const chosen = await gql(update, { id: provider.id, input: { calendarId: primary.id, syncDirection: 'TO_EXTERNAL' } });
    expect(chosen.data.updateCalendarProvider).toEqual({ calendarId: primary.id, calendarName: primary.name, syncDirection: 'TO_EXTERNAL' });
    const unknown = await gql(update, { id: provider.id, input: { calendarId: 'someone-else@gmail.example' } });
    expect(errorCode(unknown)).toBe('BAD_USER_INPUT');
    h.google.control.injectFault({ match: { pathPrefix: '/calendar/v3/users/me/calendarList' }, status: 429, retryAfterSeconds: 7, times: 1 });
    const throttled = await gql('mutation ($id: ID!) { listExternalCalendars(providerId: $id) { id } }', { id: provider.id });
    expect(throttled.errors?.[0]?.extensions).toEqual({ code: 'PROVIDER_UNAVAILABLE', retryAfterMs: 7000 });
  });

  it('sends browsers back to the PSA with the outcome', async () => {
    const provider = await createProvider(h, 'GOOGLE');
    const ok = await callback(h, await authorize(h, provider.id), 'text/html');
    expect(ok.statusCode).toBe(302);
    const location = new URL(String(ok.headers.location));
    const ticket = location.searchParams.get('ticket')!;
    expect(ticket).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(location.toString()).toBe(`http://psa.test/settings/integrations/calendar?status=pending&ticket=${ticket}&provider=${provider.id}`);
    expect(ok.headers['referrer-policy']).toBe('no-referrer');
    expect((await complete(h, ticket)).data.completeCalendarAuthorization.status).toBe('CONNECTED');
    const replay = await callback(h, new URL(`http://x/api/auth/google/calendar/callback?code=x&state=garbage`), 'text/html');
    expect(replay.headers.location).toBe('http://psa.test/settings/integrations/calendar?status=error&reason=invalid_state');
  });

  describe('bad input changes nothing but the state consumption', () => {
    async function expectRejected(providerId: string, attempt: () => Promise<{ statusCode: number; json(): unknown }>, reason: string) {
      const before = await providerRow(h, providerId);
      const grantsBefore = await pendingGrants(providerId);
      const tokenCallsBefore = h.google.control.requestLog().filter((entry) => entry.path === '/token').length;
      const response = await attempt();
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual({ success: false, error: reason });
      expect(await providerRow(h, providerId)).toEqual(before);
      expect(await pendingGrants(providerId)).toEqual(grantsBefore);
      if (reason !== 'code_exchange_failed') {
        expect(h.google.control.requestLog().filter((entry) => entry.path === '/token').length).toBe(tokenCallsBefore);
      }
    }

    it('missing, tampered and expired states', async () => {
      const provider = await createProvider(h, 'GOOGLE');
      const redirect = await authorize(h, provider.id);
      const code = redirect.searchParams.get('code')!;
      const state = redirect.searchParams.get('state')!;
      const url = (query: string) => new URL(`http://x/api/auth/google/calendar/callback?${query}`);
      await expectRejected(provider.id, () => callback(h, url(`code=${code}`)), 'invalid_state');
      await expectRejected(provider.id, () => callback(h, url(`code=${code}&state=${state.slice(0, -2)}xx`)), 'invalid_state');
      const past = new StateSigner(h.t.runtime.deps.keyRing, { purpose: CALENDAR_OAUTH_STATE_PURPOSE, now: () => Date.now() - 3_600_000 });
      const expired = past.signState({ nonce: 'n', providerId: provider.id }, 600);
      await expectRejected(provider.id, () => callback(h, url(`code=${code}&state=${encodeURIComponent(expired)}`)), 'expired_state');
      // A state signed for another purpose (MSP SSO) is not a calendar state.
      const foreign = new StateSigner(h.t.runtime.deps.keyRing, { purpose: 'msp_sso_login' }).signState({ nonce: 'n', providerId: provider.id }, 600);
      await expectRejected(provider.id, () => callback(h, url(`code=${code}&state=${encodeURIComponent(foreign)}`)), 'invalid_state');
    });

    it('a replayed state', async () => {
      const provider = await createProvider(h, 'GOOGLE');
      const redirect = await authorize(h, provider.id);
      expect((await callback(h, redirect)).statusCode).toBe(200);
      await expectRejected(provider.id, () => callback(h, redirect), 'state_already_used');
    });

    it('the user declining consent', async () => {
      const provider = await createProvider(h, 'GOOGLE');
      h.google.control.setConsentBehaviour('deny');
      try {
        const redirect = await authorize(h, provider.id);
        expect(redirect.searchParams.get('error')).toBe('access_denied');
        await expectRejected(provider.id, () => callback(h, redirect), 'access_denied');
      } finally {
        h.google.control.setConsentBehaviour('approve');
      }
    });

    it('a code the provider refuses', async () => {
      const provider = await createProvider(h, 'GOOGLE');
      const redirect = await authorize(h, provider.id);
      redirect.searchParams.set('code', 'forged-code');
      await expectRejected(provider.id, () => callback(h, redirect), 'code_exchange_failed');
    });

    it('a Microsoft code whose CALENDAR binding moved during the consent', async () => {
      const provider = await createProvider(h, 'MICROSOFT');
      const redirect = await authorize(h, provider.id);
      const bindings = await gql('{ microsoftConsumerBindings { consumer profile { id } } }');
      const original = bindings.data.microsoftConsumerBindings.find((row: { consumer: string }) => row.consumer === 'CALENDAR').profile.id;
      const other = await createProfile(h.t, h.tenant.apiKey);
      await bind(h.t, h.tenant.apiKey, 'CALENDAR', other.id);
      try {
        await expectRejected(provider.id, () => callback(h, redirect), 'binding_changed');
      } finally {
        await bind(h.t, h.tenant.apiKey, 'CALENDAR', original);
      }
    });

    it("a Google state presented at the Microsoft callback", async () => {
      const provider = await createProvider(h, 'GOOGLE');
      const redirect = await authorize(h, provider.id);
      const wrongDoor = new URL(`http://x/api/auth/microsoft/calendar/callback${redirect.search}`);
      await expectRejected(provider.id, () => callback(h, wrongDoor), 'provider_mismatch');
    });
  });

  it('refuses Microsoft calendars while CALENDAR is unbound, telling the admin what to do', async () => {
    const other = await h.t.createTenant('Unbound MSP');
    const result = await h.t.gql(
      'mutation { createCalendarProvider(input: { name: "Outlook", providerType: MICROSOFT }) { id } }',
      {},
      other.apiKey,
    );
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/CALENDAR consumer bound to a Microsoft profile/);
  });

  it('lets users manage only their own providers', async () => {
    const userKey = await userToken(h, 'psa-tech-42');
    const adminsProvider = await createProvider(h, 'GOOGLE');
    const own = await createProvider(h, 'GOOGLE', userKey);
    const listed = await h.t.gql('{ calendarProviders { id } }', {}, userKey);
    expect(listed.data.calendarProviders.map((p: { id: string }) => p.id)).toEqual([own.id]);
    expect((await h.t.gql('query ($id: ID!) { calendarProvider(id: $id) { id } }', { id: adminsProvider.id }, userKey)).data.calendarProvider).toBeNull();
    expect(errorCode(await h.t.gql('mutation ($id: ID!) { startCalendarAuthorization(providerId: $id) { authorizationUrl } }', { id: adminsProvider.id }, userKey))).toBe('NOT_FOUND');
    expect(errorCode(await h.t.gql('mutation { createCalendarProvider(input: { name: "x", providerType: GOOGLE, ownerId: "someone-else" }) { id } }', {}, userKey))).toBe('FORBIDDEN');
    const adminView = await gql('{ calendarProviders { id } }');
    expect(adminView.data.calendarProviders.map((p: { id: string }) => p.id)).toEqual(expect.arrayContaining([own.id, adminsProvider.id]));
  });

  it('deletes a provider: revokes the Google grant and keeps nothing', async () => {
    const provider = await createProvider(h, 'GOOGLE');
    await connect(h, provider.id);
    const result = await gql('mutation ($id: ID!) { deleteCalendarProvider(id: $id) }', { id: provider.id });
    expect(result.data).toEqual({ deleteCalendarProvider: provider.id });
    expect(h.google.control.requestLog().some((entry) => entry.path === '/revoke')).toBe(true);
    expect(await providerRow(h, provider.id)).toBeUndefined();
  });
});
