import { HookRegistry } from '../../../src/edition/extension-registry';
import { MicrosoftBindingService } from '../../../src/microsoft/microsoft-binding.service';
import type { CreatedTenant } from '../../../src/tenants/tenant.service';
import { bind, createProfile, errorCode } from '../../../test/support/microsoft-fixtures';
import { startTestApp, type TestApp } from '../../../test/support/test-app';
import { queryDatabase } from '../../../test/support/test-database';

const TEAMS = '{ teamsIntegration { status appId botId lastError selectedProfile { id } } }';

describe('Microsoft consumer bindings (enterprise)', () => {
  let t: TestApp;
  let tenant: CreatedTenant;

  beforeAll(async () => {
    t = await startTestApp({ edition: 'enterprise' });
    tenant = await t.createTenant('EE bindings');
  });
  afterAll(() => t.close());

  it('lists all four consumers, each unbound, with what rebinding means', async () => {
    const result = await t.gql('{ microsoftConsumerBindings { consumer profile { id } reconnectNote } }', {}, tenant.apiKey);
    expect(result.data.microsoftConsumerBindings).toEqual([
      { consumer: 'MSP_SSO', profile: null, reconnectNote: null },
      { consumer: 'EMAIL', profile: null, reconnectNote: expect.stringMatching(/Outlook mailboxes/) },
      { consumer: 'CALENDAR', profile: null, reconnectNote: expect.stringMatching(/Microsoft calendars/) },
      { consumer: 'TEAMS', profile: null, reconnectNote: expect.stringMatching(/Teams app installation/) },
    ]);
  });

  it.each([
    ['EMAIL', /Outlook mailboxes .* re-authorized/],
    ['CALENDAR', /Microsoft calendars .* re-authorized/],
  ])('warns RECONNECT_REQUIRED when %s moves to another profile, not on the first bind', async (consumer, message) => {
    const first = await createProfile(t, tenant.apiKey);
    const second = await createProfile(t, tenant.apiKey);
    expect((await bind(t, tenant.apiKey, consumer, first.id)).data.setMicrosoftConsumerBinding.warnings).toEqual([]);
    expect((await bind(t, tenant.apiKey, consumer, first.id)).data.setMicrosoftConsumerBinding.warnings).toEqual([]);
    const moved = await bind(t, tenant.apiKey, consumer, second.id);
    expect(moved.data.setMicrosoftConsumerBinding.warnings).toEqual([{ code: 'RECONNECT_REQUIRED', message: expect.stringMatching(message) }]);
  });

  it('creates the Teams integration in install_pending on the first TEAMS bind', async () => {
    const fresh = await t.createTenant('Teams fresh');
    expect((await t.gql(TEAMS, {}, fresh.apiKey)).data.teamsIntegration).toEqual({
      status: 'NOT_CONFIGURED',
      appId: null,
      botId: null,
      lastError: null,
      selectedProfile: null,
    });
    const profile = await createProfile(t, fresh.apiKey);
    await bind(t, fresh.apiKey, 'TEAMS', profile.id);
    expect((await t.gql(TEAMS, {}, fresh.apiKey)).data.teamsIntegration).toMatchObject({ status: 'INSTALL_PENDING', selectedProfile: { id: profile.id } });
  });

  it('resets an active Teams install on rebind and leaves the other bindings alone', async () => {
    const owner = await t.createTenant('Teams active');
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => createProfile(t, owner.apiKey)));
    for (const consumer of ['MSP_SSO', 'EMAIL', 'CALENDAR', 'TEAMS']) await bind(t, owner.apiKey, consumer, a!.id);
    await queryDatabase(
      t.db.url,
      `update teams_integrations set install_status = 'active', app_id = 'app-1', bot_id = 'bot-1', package_metadata = '{"v":1}', last_error = 'old' where tenant_id = $1`,
      [owner.tenantId],
    );
    const before = await queryDatabase(t.db.url, "select consumer, profile_id, updated_at from microsoft_profile_consumer_bindings where tenant_id = $1 and consumer <> 'teams' order by consumer", [owner.tenantId]);
    await bind(t, owner.apiKey, 'TEAMS', b!.id);
    const [row] = await queryDatabase(t.db.url, 'select selected_profile_id, install_status, app_id, bot_id, package_metadata, last_error from teams_integrations where tenant_id = $1', [owner.tenantId]);
    expect(row).toEqual({ selected_profile_id: b!.id, install_status: 'install_pending', app_id: null, bot_id: null, package_metadata: null, last_error: null });
    const after = await queryDatabase(t.db.url, "select consumer, profile_id, updated_at from microsoft_profile_consumer_bindings where tenant_id = $1 and consumer <> 'teams' order by consumer", [owner.tenantId]);
    expect(after).toEqual(before);
    // While Teams is bound the profile is in use; clearing TEAMS voids the install and releases it.
    expect(errorCode(await t.gql('mutation ($id: ID!) { deleteMicrosoftProfile(id: $id) }', { id: b!.id }, owner.apiKey))).toBe('PROFILE_IN_USE');
    await t.gql('mutation { clearMicrosoftConsumerBinding(consumer: TEAMS) { consumer } }', {}, owner.apiKey);
    expect((await t.gql(TEAMS, {}, owner.apiKey)).data.teamsIntegration).toEqual({
      status: 'NOT_CONFIGURED',
      appId: null,
      botId: null,
      lastError: null,
      selectedProfile: null,
    });
    expect((await t.gql('mutation ($id: ID!) { deleteMicrosoftProfile(id: $id) }', { id: b!.id }, owner.apiKey)).data).toEqual({ deleteMicrosoftProfile: b!.id });
    expect((await t.gql('mutation ($id: ID!) { deleteMicrosoftProfile(id: $id) }', { id: c!.id }, owner.apiKey)).data).toEqual({ deleteMicrosoftProfile: c!.id });
  });

  it('rolls the binding back when a rebound handler fails (same transaction)', async () => {
    const owner = await t.createTenant('Teams rollback');
    const profile = await createProfile(t, owner.apiKey);
    const hooks = new HookRegistry();
    hooks.on('microsoft.consumerRebound', async ({ em, tenantId }) => {
      await em.execute("insert into teams_integrations (tenant_id, install_status) values (?, 'install_pending')", [tenantId]);
      throw new Error('handler failed');
    });
    const service = new MicrosoftBindingService({ orm: t.runtime.deps.orm, edition: 'enterprise', hooks, onConfigChanged: () => undefined });
    const ctx = { tenantId: owner.tenantId, userId: owner.userId, role: 'admin' as const, via: 'api_key' as const };
    await expect(service.set(ctx, 'teams', profile.id)).rejects.toThrow('handler failed');
    expect(await queryDatabase(t.db.url, 'select 1 from microsoft_profile_consumer_bindings where tenant_id = $1', [owner.tenantId])).toEqual([]);
    expect(await queryDatabase(t.db.url, 'select 1 from teams_integrations where tenant_id = $1', [owner.tenantId])).toEqual([]);
  });

  it('reports integration status for all four consumers', async () => {
    const result = await t.gql('{ microsoftIntegrationStatus { consumer redirectUris scopes } }', {}, tenant.apiKey);
    expect(result.data.microsoftIntegrationStatus.map((row: { consumer: string }) => row.consumer)).toEqual(['MSP_SSO', 'EMAIL', 'CALENDAR', 'TEAMS']);
    expect(result.data.microsoftIntegrationStatus[2]).toEqual({
      consumer: 'CALENDAR',
      redirectUris: ['http://switchboard.test/api/auth/microsoft/calendar/callback'],
      scopes: ['offline_access', 'User.Read', 'Calendars.ReadWrite'],
    });
  });
});
