import { ProviderAuthError } from '../../src/calendar/adapters/provider-errors';
import { calendarServices } from '../../src/calendar/calendar.module';
import { CalendarTokenManager } from '../../src/calendar/calendar-token-manager';
import {
  connect,
  connectedProvider,
  expireStoredAccessToken,
  providerRow,
  startCalendarHarness,
  type CalendarHarness,
} from '../support/calendar-harness';
import { bind, createProfile } from '../../../test/support/microsoft-fixtures';

describe('calendar token lifecycle', () => {
  let h: CalendarHarness;
  let tenantId: string;

  beforeAll(async () => {
    h = await startCalendarHarness();
    tenantId = h.tenant.tenantId;
  });
  afterAll(() => h.close());

  const manager = () => calendarServices(h.t.runtime.deps).tokens;
  /** A second manager: what another API or worker process would hold (own in-flight map, same database). */
  const otherProcessManager = () => {
    const services = calendarServices(h.t.runtime.deps);
    return new CalendarTokenManager({ ...h.t.runtime.deps, repository: services.providers.repository, googleApps: services.googleApps });
  };
  /** Token endpoint calls since the log was last cleared (refreshes, in these tests). */
  const googleTokenCalls = () => h.google.control.requestLog().filter((entry) => entry.path === '/token').length;
  const microsoftRefreshes = () =>
    h.microsoft.control.requestLog().filter((entry) => entry.path.endsWith('/oauth2/v2.0/token') && /refresh_token/.test(String((entry as { note?: string }).note))).length;

  it('serves a fresh Google token without calling Google', async () => {
    const providerId = await connectedProvider(h, 'GOOGLE');
    h.google.control.clearRequestLog();
    const token = await manager().accessToken(tenantId, providerId);
    expect(token).toEqual(expect.any(String));
    expect(h.google.control.requestLog()).toEqual([]);
  });

  it('refreshes an expiring Google token exactly once for 20 concurrent callers in two processes', async () => {
    const providerId = await connectedProvider(h, 'GOOGLE');
    const before = await manager().accessToken(tenantId, providerId);
    await expireStoredAccessToken(h, providerId);
    h.google.control.clearRequestLog();
    const here = manager();
    const there = otherProcessManager();
    const tokens = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? here : there).accessToken(tenantId, providerId)));
    expect(googleTokenCalls()).toBe(1);
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]).not.toBe(before);
    // The refreshed token is persisted: nobody refreshes again.
    await manager().accessToken(tenantId, providerId);
    expect(googleTokenCalls()).toBe(1);
  });

  it('refreshes a Microsoft token through the persisted MSAL cache exactly once for 20 callers', async () => {
    const providerId = await connectedProvider(h, 'MICROSOFT');
    await expireStoredAccessToken(h, providerId);
    h.microsoft.control.clearRequestLog();
    const tokens = await Promise.all(Array.from({ length: 20 }, () => manager().accessToken(tenantId, providerId)));
    expect(new Set(tokens).size).toBe(1);
    expect(microsoftRefreshes()).toBe(1);
    const calls = h.microsoft.control.requestLog().filter((entry) => entry.path.endsWith('/token'));
    expect(calls.map((entry) => (entry as { clientId?: string }).clientId)).toEqual([h.microsoftApp.clientId]);
    await otherProcessManager().accessToken(tenantId, providerId);
    expect(microsoftRefreshes()).toBe(1);
  });

  it.each(['GOOGLE', 'MICROSOFT'] as const)('flips a revoked %s grant to reauth_required once, then fails fast', async (type) => {
    const providerId = await connectedProvider(h, type);
    if (type === 'GOOGLE') h.google.control.revokeConsent('tech@gmail.example');
    else h.microsoft.control.revokeConsent('tech@contoso.example');
    await expireStoredAccessToken(h, providerId);
    h.google.control.clearRequestLog();
    h.microsoft.control.clearRequestLog();
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => manager().accessToken(tenantId, providerId)));
    expect(results.every((result) => result.status === 'rejected' && result.reason instanceof ProviderAuthError)).toBe(true);
    const row = await providerRow(h, providerId);
    expect(row!.status).toBe('reauth_required');
    expect(row!.last_error).toMatch(type === 'GOOGLE' ? /expired or revoked/ : /invalid_grant|AADSTS/);
    const calls = () => [...h.google.control.requestLog(), ...h.microsoft.control.requestLog()].filter((entry) => entry.path.endsWith('token')).length;
    expect(calls()).toBe(1);
    await expect(otherProcessManager().accessToken(tenantId, providerId)).rejects.toBeInstanceOf(ProviderAuthError);
    expect(calls()).toBe(1);
    const view = await h.t.gql('query ($id: ID!) { calendarProvider(id: $id) { status lastError } }', { id: providerId }, h.tenant.apiKey);
    expect(view.data.calendarProvider.status).toBe('REAUTH_REQUIRED');
    // Interactive calls say what to do instead of failing with an internal error.
    await h.t.runtime.deps.orm.em.fork().execute("update calendar_providers set status = 'connected' where id = ?", [providerId]);
    const listed = await h.t.gql('mutation ($id: ID!) { listExternalCalendars(providerId: $id) { id } }', { id: providerId }, h.tenant.apiKey);
    expect(listed.errors?.[0]?.extensions?.code).toBe('REAUTH_REQUIRED');
    // Re-authorizing heals it.
    await connect(h, providerId);
    const healed = await h.t.gql('query ($id: ID!) { calendarProvider(id: $id) { status lastError } }', { id: providerId }, h.tenant.apiKey);
    expect(healed.data.calendarProvider).toEqual({ status: 'CONNECTED', lastError: null });
    await expect(manager().accessToken(tenantId, providerId)).resolves.toEqual(expect.any(String));
  });

  it('requires re-authorization of Microsoft calendars when CALENDAR moves to another profile or is cleared', async () => {
    const providerId = await connectedProvider(h, 'MICROSOFT');
    const googleId = await connectedProvider(h, 'GOOGLE');
    const original = (await h.t.gql('{ microsoftConsumerBindings { consumer profile { id } } }', {}, h.tenant.apiKey)).data.microsoftConsumerBindings.find(
      (row: { consumer: string }) => row.consumer === 'CALENDAR',
    ).profile.id;
    const other = await createProfile(h.t, h.tenant.apiKey);
    const moved = await bind(h.t, h.tenant.apiKey, 'CALENDAR', other.id);
    expect(moved.data.setMicrosoftConsumerBinding.warnings).toEqual([{ code: 'RECONNECT_REQUIRED', message: expect.any(String) }]);
    const status = async (id: string) =>
      (await h.t.gql('query ($id: ID!) { calendarProvider(id: $id) { status lastError } }', { id }, h.tenant.apiKey)).data.calendarProvider;
    expect(await status(providerId)).toEqual({ status: 'REAUTH_REQUIRED', lastError: expect.stringMatching(/re-authorize/) });
    expect((await status(googleId)).status).toBe('CONNECTED');
    await expect(manager().accessToken(tenantId, providerId)).rejects.toBeInstanceOf(ProviderAuthError);

    await bind(h.t, h.tenant.apiKey, 'CALENDAR', original);
    await connect(h, providerId);
    expect((await status(providerId)).status).toBe('CONNECTED');
    await h.t.gql('mutation { clearMicrosoftConsumerBinding(consumer: CALENDAR) { consumer } }', {}, h.tenant.apiKey);
    expect((await status(providerId)).status).toBe('REAUTH_REQUIRED');
    await bind(h.t, h.tenant.apiKey, 'CALENDAR', original);
  });
});
