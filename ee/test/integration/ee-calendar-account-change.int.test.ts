import { randomUUID } from 'node:crypto';
import { createCalendarAdapter } from '../../src/calendar/adapters/create-calendar-adapter';
import { calendarServices } from '../../src/calendar/calendar.module';
import { webhookSecretContext } from '../../src/calendar/calendar-tokens-secret';
import { startReceiver, type Receiver } from '../../../test/fakes/microsoft/test-kit';
import { queryDatabase } from '../../../test/support/test-database';
import {
  connect,
  createProvider,
  GOOGLE_USER,
  MICROSOFT_USER,
  OTHER_GOOGLE_USER,
  OTHER_MICROSOFT_USER,
  startCalendarHarness,
  type CalendarHarness,
} from '../support/calendar-harness';

type ProviderType = 'GOOGLE' | 'MICROSOFT';

interface AccountBoundRow {
  calendar_id: string | null;
  calendar_name: string | null;
  sync_cursor: string | null;
  webhook_subscription_id: string | null;
  webhook_resource_id: string | null;
  webhook_expires_at: Date | null;
  webhook_client_state: string | null;
  account_email: string | null;
}

describe('reconnecting a calendar provider', () => {
  let h: CalendarHarness;
  let receiver: Receiver;

  beforeAll(async () => {
    h = await startCalendarHarness();
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await h.google.control.flushNotifications();
    await h.microsoft.control.flushNotifications();
    await receiver.close();
    await h.close();
  });

  const account = { GOOGLE: GOOGLE_USER, MICROSOFT: MICROSOFT_USER } as const;
  const otherAccount = { GOOGLE: OTHER_GOOGLE_USER, MICROSOFT: OTHER_MICROSOFT_USER } as const;
  const deps = () => h.t.runtime.deps;
  const gql = (query: string, variables: Record<string, unknown> = {}) => h.t.gql(query, variables, h.tenant.apiKey);

  const accountBound = async (providerId: string) =>
    (
      await queryDatabase<AccountBoundRow>(
        h.t.db.url,
        `select calendar_id, calendar_name, sync_cursor, webhook_subscription_id, webhook_resource_id, webhook_expires_at,
           webhook_client_state, account_email from calendar_providers where id = $1`,
        [providerId],
      )
    )[0]!;
  const mappingCount = async (providerId: string) =>
    Number((await queryDatabase<{ n: string }>(h.t.db.url, 'select count(*) as n from calendar_event_mappings where provider_id = $1', [providerId]))[0]!.n);

  /** Whether the provider still has the channel / subscription the simulator knows by `id`. */
  const liveAtProvider = (type: ProviderType, id: string) =>
    type === 'GOOGLE'
      ? h.google.control.channels().some((channel) => channel.id === id && !channel.stopped && !channel.expired)
      : h.microsoft.control.subscriptions().some((subscription) => subscription.id === id && subscription.active);

  /**
   * A connected provider in full use: a chosen calendar, a sync cursor, a live webhook at the provider (registered
   * with the provider's own grant) and one event mapping, as sync and webhook maintenance leave it.
   */
  async function providerInUse(type: ProviderType) {
    const { id } = await createProvider(h, type);
    await connect(h, id, { signInAs: account[type] });
    const { tokens, providers } = calendarServices(deps());
    const adapter = createCalendarAdapter(type === 'GOOGLE' ? 'google' : 'microsoft', {
      accessToken: () => tokens.accessToken(h.tenant.tenantId, id),
      providers: deps().config.providers,
      fetchImplementation: fetch,
    });
    const calendar = (await adapter.listCalendars()).find((candidate) => candidate.primary)!;
    await providers.update({ tenantId: h.tenant.tenantId, userId: h.tenant.userId, role: 'admin', via: 'api_key' }, id, {
      calendarId: calendar.id,
      calendarName: calendar.name,
    });
    const secret = randomUUID();
    const handle = await adapter.watch(calendar.id, { address: receiver.url, secret, ttlSeconds: 86_400 });
    await queryDatabase(
      h.t.db.url,
      `update calendar_providers set sync_cursor = 'cursor-1', webhook_subscription_id = $2, webhook_resource_id = $3,
         webhook_expires_at = $4, webhook_client_state = $5 where id = $1`,
      [id, handle.id, handle.resourceId, handle.expiresAt, deps().secretBox.encrypt(secret, webhookSecretContext(id))],
    );
    await queryDatabase(
      h.t.db.url,
      `insert into calendar_event_mappings (id, tenant_id, provider_id, schedule_entry_id, external_event_id, sync_status)
       values ($1, $2, $3, $4, 'external-1', 'synced')`,
      [randomUUID(), h.tenant.tenantId, id, randomUUID()],
    );
    expect(liveAtProvider(type, handle.id)).toBe(true);
    return { id, webhookId: handle.id, calendar };
  }

  it.each(['GOOGLE', 'MICROSOFT'] as const)('%s, same account: keeps calendar, cursor, webhook and mappings', async (type) => {
    const provider = await providerInUse(type);
    const before = await accountBound(provider.id);

    const reconnected = await connect(h, provider.id, { signInAs: account[type] });
    expect(reconnected).toMatchObject({ status: 'CONNECTED', accountEmail: account[type], calendarId: provider.calendar.id, warnings: [] });
    expect(await accountBound(provider.id)).toEqual(before);
    expect(await mappingCount(provider.id)).toBe(1);
    expect(liveAtProvider(type, provider.webhookId)).toBe(true);
  });

  it.each(['GOOGLE', 'MICROSOFT'] as const)(
    '%s, another account: stops the old webhook with the old grant, clears what was the old account’s, warns',
    async (type) => {
      const provider = await providerInUse(type);

      const reconnected = await connect(h, provider.id, { signInAs: otherAccount[type] });
      expect(reconnected).toMatchObject({ status: 'CONNECTED', accountEmail: otherAccount[type], calendarId: null });
      expect(reconnected.warnings).toEqual([{ code: 'ACCOUNT_CHANGED', message: expect.stringContaining(account[type]) }]);
      expect(await accountBound(provider.id)).toEqual({
        calendar_id: null,
        calendar_name: null,
        sync_cursor: null,
        webhook_subscription_id: null,
        webhook_resource_id: null,
        webhook_expires_at: null,
        webhook_client_state: null,
        account_email: otherAccount[type],
      });
      expect(await mappingCount(provider.id)).toBe(0);
      // Google only lets the channel's owner stop it: stopped means the old account's grant was used.
      expect(liveAtProvider(type, provider.webhookId)).toBe(false);
      // The warning belongs to that result only.
      const read = await gql('query ($id: ID!) { calendarProvider(id: $id) { accountEmail warnings { code } } }', { id: provider.id });
      expect(read.data.calendarProvider).toEqual({ accountEmail: otherAccount[type], warnings: [] });
    },
  );

  it('treats a provider connected before accounts were recorded as another account (it cannot prove otherwise)', async () => {
    const provider = await providerInUse('GOOGLE');
    await queryDatabase(h.t.db.url, 'update calendar_providers set account_id = null, account_email = null where id = $1', [provider.id]);
    const reconnected = await connect(h, provider.id, { signInAs: GOOGLE_USER });
    expect(reconnected.warnings.map((warning) => warning.code)).toEqual(['ACCOUNT_CHANGED']);
    expect(reconnected.calendarId).toBeNull();
    expect(await mappingCount(provider.id)).toBe(0);
  });

  it('deletion stops the Google channel before it revokes the grant', async () => {
    const provider = await providerInUse('GOOGLE');
    h.google.control.clearRequestLog();
    // A slow channels.stop: if revocation does not wait for it, the grant is gone before the stop is authorized.
    h.google.control.injectFault({ match: { pathPrefix: '/calendar/v3/channels/stop' }, latencyMs: 300, times: 1 });
    const result = await gql('mutation ($id: ID!) { deleteCalendarProvider(id: $id) }', { id: provider.id });
    expect(result.data).toEqual({ deleteCalendarProvider: provider.id });
    const calls = h.google.control
      .requestLog()
      .filter((entry) => entry.path === '/calendar/v3/channels/stop' || entry.path === '/revoke')
      .map((entry) => [entry.path, entry.status]);
    expect(calls).toEqual([
      ['/calendar/v3/channels/stop', 204],
      ['/revoke', 200],
    ]);
    expect(liveAtProvider('GOOGLE', provider.webhookId)).toBe(false);
  });
});
