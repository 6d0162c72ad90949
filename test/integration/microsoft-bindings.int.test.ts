import { MicrosoftBindingService } from '../../src/microsoft/microsoft-binding.service';
import type { CreatedTenant } from '../../src/tenants/tenant.service';
import { bind, createProfile, errorCode } from '../support/microsoft-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';
import { queryDatabase } from '../support/test-database';

const BINDINGS = '{ microsoftConsumerBindings { consumer profile { id } updatedBy reconnectNote } }';

describe('Microsoft consumer bindings (community)', () => {
  let t: TestApp;
  let tenant: CreatedTenant;
  let other: CreatedTenant;
  let bindings: MicrosoftBindingService;

  beforeAll(async () => {
    t = await startTestApp();
    tenant = await t.createTenant('Bindings A');
    other = await t.createTenant('Bindings B');
    const deps = t.runtime.deps;
    bindings = new MicrosoftBindingService({ orm: deps.orm, edition: 'community', hooks: deps.hooks, onConfigChanged: () => undefined });
  });
  afterAll(() => t.close());

  const resolve = (tenantId: string, consumer: string) => t.runtime.deps.microsoftCredentials.resolveMicrosoftConsumerProfile(tenantId, consumer);

  it('lists one row per CE consumer, unbound by default', async () => {
    const result = await t.gql(BINDINGS, {}, tenant.apiKey);
    expect(result.data.microsoftConsumerBindings).toEqual([{ consumer: 'MSP_SSO', profile: null, updatedBy: null, reconnectNote: null }]);
  });

  it('fails closed while unbound, even with a default profile', async () => {
    const profile = await createProfile(t, tenant.apiKey);
    expect(profile.isDefault).toBe(true);
    expect(await resolve(tenant.tenantId, 'msp_sso')).toEqual({ ok: false, consumer: 'msp_sso', reason: 'not_bound' });
  });

  it('binds, resolves the bound profile with its decrypted secret, and rebinds', async () => {
    const first = await createProfile(t, tenant.apiKey);
    const second = await createProfile(t, tenant.apiKey);
    const bound = await bind(t, tenant.apiKey, 'MSP_SSO', first.id);
    expect(bound.data.setMicrosoftConsumerBinding).toEqual({
      binding: { consumer: 'MSP_SSO', updatedBy: tenant.userId, profile: { id: first.id, displayName: first.displayName } },
      warnings: [],
    });
    expect(await resolve(tenant.tenantId, 'msp_sso')).toEqual({
      ok: true,
      consumer: 'msp_sso',
      profile: {
        id: first.id,
        displayName: first.displayName,
        clientId: first.clientId,
        tenantAuthority: first.tenantAuthority,
        allowedDirectoryIds: [first.tenantAuthority],
        clientSecret: first.secret,
      },
    });
    const rebound = await bind(t, tenant.apiKey, 'MSP_SSO', second.id);
    expect(rebound.data.setMicrosoftConsumerBinding.warnings).toEqual([]);
    const resolved = await resolve(tenant.tenantId, 'msp_sso');
    expect(resolved.ok && resolved.profile.id).toBe(second.id);
    const profiles = await t.gql('{ microsoftProfiles { id boundConsumers } }', {}, tenant.apiKey);
    expect(profiles.data.microsoftProfiles.find((p: { id: string }) => p.id === second.id).boundConsumers).toEqual(['MSP_SSO']);
  });

  it('refuses archive and delete of a bound profile with PROFILE_IN_USE naming the consumers', async () => {
    const profile = await createProfile(t, tenant.apiKey);
    await bind(t, tenant.apiKey, 'MSP_SSO', profile.id);
    for (const mutation of ['archiveMicrosoftProfile(id: $id) { id }', 'deleteMicrosoftProfile(id: $id)']) {
      const result = await t.gql(`mutation ($id: ID!) { ${mutation} }`, { id: profile.id }, tenant.apiKey);
      expect(errorCode(result)).toBe('PROFILE_IN_USE');
      expect(result.errors?.[0]?.extensions?.consumers).toEqual(['msp_sso']);
    }
    const cleared = await t.gql('mutation { clearMicrosoftConsumerBinding(consumer: MSP_SSO) { consumer profile { id } } }', {}, tenant.apiKey);
    expect(cleared.data.clearMicrosoftConsumerBinding).toEqual({ consumer: 'MSP_SSO', profile: null });
    expect(await resolve(tenant.tenantId, 'msp_sso')).toMatchObject({ ok: false, reason: 'not_bound' });
    expect((await t.gql('mutation ($id: ID!) { archiveMicrosoftProfile(id: $id) { isArchived } }', { id: profile.id }, tenant.apiKey)).data).toEqual({
      archiveMicrosoftProfile: { isArchived: true },
    });
  });

  it('refuses archived profiles, foreign profiles and placeholder ids', async () => {
    const archived = await createProfile(t, tenant.apiKey);
    await t.gql('mutation ($id: ID!) { archiveMicrosoftProfile(id: $id) { id } }', { id: archived.id }, tenant.apiKey);
    expect(errorCode(await bind(t, tenant.apiKey, 'MSP_SSO', archived.id))).toBe('PROFILE_ARCHIVED');
    const foreign = await createProfile(t, other.apiKey);
    expect(errorCode(await bind(t, tenant.apiKey, 'MSP_SSO', foreign.id))).toBe('NOT_FOUND');
    for (const placeholder of ['', ' ', 'none', 'null', '00000000']) {
      expect(errorCode(await bind(t, tenant.apiKey, 'MSP_SSO', placeholder))).toBe('BAD_USER_INPUT');
    }
    const rows = await queryDatabase(t.db.url, 'select profile_id from microsoft_profile_consumer_bindings where tenant_id = $1', [tenant.tenantId]);
    expect(rows.every((row) => (row as { profile_id: string }).profile_id !== foreign.id)).toBe(true);
  });

  it('refuses EE consumers in the service layer too, below GraphQL', async () => {
    const profile = await createProfile(t, tenant.apiKey);
    const ctx = { tenantId: tenant.tenantId, userId: tenant.userId, role: 'admin' as const, via: 'api_key' as const };
    for (const consumer of ['email', 'calendar', 'teams']) {
      await expect(bindings.set(ctx, consumer, profile.id)).rejects.toMatchObject({ code: 'EDITION_UNAVAILABLE' });
      await expect(bindings.clear(ctx, consumer)).rejects.toMatchObject({ code: 'EDITION_UNAVAILABLE' });
      expect(await resolve(tenant.tenantId, consumer)).toEqual({ ok: false, consumer, reason: 'edition_unavailable' });
    }
  });

  it('hides rows an enterprise past left behind', async () => {
    const profile = await createProfile(t, other.apiKey);
    await queryDatabase(
      t.db.url,
      "insert into microsoft_profile_consumer_bindings (tenant_id, consumer, profile_id, created_by, updated_by) values ($1, 'email', $2, 'x', 'x')",
      [other.tenantId, profile.id],
    );
    const listed = await t.gql(BINDINGS, {}, other.apiKey);
    expect(listed.data.microsoftConsumerBindings.map((row: { consumer: string }) => row.consumer)).toEqual(['MSP_SSO']);
    const profiles = await t.gql('{ microsoftProfiles { id boundConsumers } }', {}, other.apiKey);
    expect(profiles.data.microsoftProfiles.find((p: { id: string }) => p.id === profile.id).boundConsumers).toEqual([]);
    // Still protected (the row exists), but CE names no EE consumer.
    const archive = await t.gql('mutation ($id: ID!) { archiveMicrosoftProfile(id: $id) { id } }', { id: profile.id }, other.apiKey);
    expect(errorCode(archive)).toBe('PROFILE_IN_USE');
    expect(archive.errors?.[0]?.extensions).toMatchObject({ consumers: [], otherEditionBindings: 1 });
    expect(archive.errors?.[0]?.message).not.toMatch(/email/);
  });

  it('never duplicates the (tenant, consumer) row under concurrent writers', async () => {
    const tenantC = await t.createTenant('Bindings C');
    const candidates = await Promise.all([1, 2, 3, 4, 5].map(() => createProfile(t, tenantC.apiKey)));
    const results = await Promise.all(candidates.flatMap((profile) => [bind(t, tenantC.apiKey, 'MSP_SSO', profile.id), bind(t, tenantC.apiKey, 'MSP_SSO', profile.id)]));
    expect(results.every((result) => !result.errors)).toBe(true);
    const rows = await queryDatabase(t.db.url, 'select consumer from microsoft_profile_consumer_bindings where tenant_id = $1', [tenantC.tenantId]);
    expect(rows).toEqual([{ consumer: 'msp_sso' }]);
  });

  it('reports integration status for MSP SSO only, with redirect URIs from PUBLIC_URL', async () => {
    const tenantD = await t.createTenant('Bindings D');
    const query = '{ microsoftIntegrationStatus { consumer redirectUris scopes bound ready problem profile { id } } }';
    const before = await t.gql(query, {}, tenantD.apiKey);
    expect(before.data.microsoftIntegrationStatus).toEqual([
      {
        consumer: 'MSP_SSO',
        redirectUris: ['http://switchboard.test/api/auth/msp/sso/callback'],
        scopes: ['openid', 'profile', 'email', 'User.Read'],
        bound: false,
        ready: false,
        problem: expect.stringMatching(/No Microsoft profile is bound/),
        profile: null,
      },
    ]);
    const profile = await createProfile(t, tenantD.apiKey);
    await bind(t, tenantD.apiKey, 'MSP_SSO', profile.id);
    const after = await t.gql(query, {}, tenantD.apiKey);
    expect(after.data.microsoftIntegrationStatus[0]).toMatchObject({ bound: true, ready: true, problem: null, profile: { id: profile.id } });
  });

  it('resolves legacy rows it cannot use as typed failures, never as another profile', async () => {
    const tenantE = await t.createTenant('Bindings E');
    const profile = await createProfile(t, tenantE.apiKey);
    await bind(t, tenantE.apiKey, 'MSP_SSO', profile.id);
    // Data written before the guards existed: an archived profile still bound.
    await queryDatabase(t.db.url, 'update microsoft_profiles set is_archived = true where id = $1', [profile.id]);
    t.runtime.deps.microsoftCredentials.invalidate(tenantE.tenantId);
    expect(await resolve(tenantE.tenantId, 'msp_sso')).toEqual({ ok: false, consumer: 'msp_sso', reason: 'profile_archived', profileId: profile.id });
    await queryDatabase(t.db.url, 'update microsoft_profiles set is_archived = false, client_secret = null where id = $1', [profile.id]);
    t.runtime.deps.microsoftCredentials.invalidate(tenantE.tenantId);
    expect(await resolve(tenantE.tenantId, 'msp_sso')).toMatchObject({ ok: false, reason: 'missing_credentials' });
    await queryDatabase(t.db.url, "update microsoft_profiles set client_secret = 'v1.test1.AAAA.BBBB.CCCC' where id = $1", [profile.id]);
    t.runtime.deps.microsoftCredentials.invalidate(tenantE.tenantId);
    expect(await resolve(tenantE.tenantId, 'msp_sso')).toMatchObject({ ok: false, reason: 'missing_credentials' });
  });
});
