import { randomUUID } from 'node:crypto';
import type { CreatedTenant } from '../../src/tenants/tenant.service';
import { PROFILE_FIELDS, createProfile, errorCode, profileInput } from '../support/microsoft-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';
import { queryDatabase } from '../support/test-database';

const CREATE = `mutation ($input: CreateMicrosoftProfileInput!) { createMicrosoftProfile(input: $input) { ${PROFILE_FIELDS} } }`;
const UPDATE = `mutation ($id: ID!, $input: UpdateMicrosoftProfileInput!) { updateMicrosoftProfile(id: $id, input: $input) { ${PROFILE_FIELDS} } }`;

describe('Microsoft profiles', () => {
  let t: TestApp;
  let tenant: CreatedTenant;
  let other: CreatedTenant;
  const logs: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({ logSink: (line) => logs.push(line) });
    tenant = await t.createTenant('Profiles A');
    other = await t.createTenant('Profiles B');
  });
  afterAll(() => t.close());

  it('creates a profile, makes the first one default, and never returns the secret', async () => {
    const input = profileInput({ displayName: 'Main app' });
    const result = await t.gql(CREATE, { input }, tenant.apiKey);
    const profile = result.data.createMicrosoftProfile;
    expect(profile).toMatchObject({ displayName: 'Main app', clientId: input.clientId, isDefault: true, isArchived: false, clientSecretConfigured: true, boundConsumers: [] });
    expect(JSON.stringify(result)).not.toContain(input.clientSecret);
    const [row] = await queryDatabase<{ client_secret: string }>(t.db.url, 'select client_secret from microsoft_profiles where id = $1', [profile.id]);
    expect(row!.client_secret).toMatch(/^v1\.test1\./);
    expect(row!.client_secret).not.toContain(input.clientSecret);
    const second = await createProfile(t, tenant.apiKey);
    expect(second.isDefault).toBe(false);
  });

  it.each([
    [{ clientId: 'not-a-guid' }, /clientId/],
    [{ tenantAuthority: 'contoso.com' }, /tenantAuthority/],
    [{ displayName: '   ' }, /displayName/],
    [{ displayName: 'x'.repeat(101) }, /displayName/],
    [{ clientSecret: '' }, /clientSecret must not be empty/],
    [{ clientSecret: randomUUID() }, /secret ID/],
  ])('rejects invalid input %j with BAD_USER_INPUT', async (overrides, message) => {
    const result = await t.gql(CREATE, { input: profileInput(overrides) }, tenant.apiKey);
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(message);
  });

  it('accepts common/organizations/consumers authorities and refuses duplicate active names', async () => {
    for (const authority of ['common', 'organizations', 'consumers']) {
      expect((await createProfile(t, tenant.apiKey, { tenantAuthority: authority })).tenantAuthority).toBe(authority);
    }
    await createProfile(t, tenant.apiKey, { displayName: 'Unique name' });
    const duplicate = await t.gql(CREATE, { input: profileInput({ displayName: 'unique NAME' }) }, tenant.apiKey);
    expect(errorCode(duplicate)).toBe('CONFLICT');
    // Names are per tenant.
    expect((await createProfile(t, other.apiKey, { displayName: 'Unique name' })).displayName).toBe('Unique name');
  });

  it('updates fields, keeps the secret when omitted and rotates it when given', async () => {
    const profile = await createProfile(t, tenant.apiKey);
    const [before] = await queryDatabase<{ client_secret: string }>(t.db.url, 'select client_secret from microsoft_profiles where id = $1', [profile.id]);
    const renamed = await t.gql(UPDATE, { id: profile.id, input: { displayName: 'Renamed' } }, tenant.apiKey);
    expect(renamed.data.updateMicrosoftProfile).toMatchObject({ displayName: 'Renamed', clientId: profile.clientId });
    const [kept] = await queryDatabase<{ client_secret: string }>(t.db.url, 'select client_secret from microsoft_profiles where id = $1', [profile.id]);
    expect(kept!.client_secret).toBe(before!.client_secret);
    await t.gql(UPDATE, { id: profile.id, input: { clientSecret: 'rotated~secret-value-123' } }, tenant.apiKey);
    const [rotated] = await queryDatabase<{ client_secret: string }>(t.db.url, 'select client_secret from microsoft_profiles where id = $1', [profile.id]);
    expect(rotated!.client_secret).not.toBe(before!.client_secret);
    expect(errorCode(await t.gql(UPDATE, { id: profile.id, input: { clientSecret: '' } }, tenant.apiKey))).toBe('BAD_USER_INPUT');
  });

  it('keeps exactly one default per tenant', async () => {
    const target = await createProfile(t, tenant.apiKey);
    const result = await t.gql(`mutation ($id: ID!) { setDefaultMicrosoftProfile(id: $id) { id isDefault } }`, { id: target.id }, tenant.apiKey);
    expect(result.data.setDefaultMicrosoftProfile).toEqual({ id: target.id, isDefault: true });
    const defaults = await queryDatabase(t.db.url, 'select id from microsoft_profiles where tenant_id = $1 and is_default', [tenant.tenantId]);
    expect(defaults).toEqual([{ id: target.id }]);
    // Archiving the default hands the flag to the oldest active profile.
    await t.gql(`mutation ($id: ID!) { archiveMicrosoftProfile(id: $id) { id } }`, { id: target.id }, tenant.apiKey);
    const after = await queryDatabase<{ id: string }>(t.db.url, 'select id from microsoft_profiles where tenant_id = $1 and is_default', [tenant.tenantId]);
    expect(after).toHaveLength(1);
    expect(after[0]!.id).not.toBe(target.id);
  });

  it('lists active profiles by default and archived ones on request; archived ones cannot be edited or made default', async () => {
    const archived = await createProfile(t, tenant.apiKey);
    await t.gql(`mutation ($id: ID!) { archiveMicrosoftProfile(id: $id) { isArchived } }`, { id: archived.id }, tenant.apiKey);
    const active = await t.gql('{ microsoftProfiles { id } }', {}, tenant.apiKey);
    const all = await t.gql('{ microsoftProfiles(includeArchived: true) { id isArchived } }', {}, tenant.apiKey);
    expect(active.data.microsoftProfiles.map((p: { id: string }) => p.id)).not.toContain(archived.id);
    expect(all.data.microsoftProfiles).toContainEqual({ id: archived.id, isArchived: true });
    expect(errorCode(await t.gql(UPDATE, { id: archived.id, input: { displayName: 'x' } }, tenant.apiKey))).toBe('PROFILE_ARCHIVED');
    expect(errorCode(await t.gql(`mutation ($id: ID!) { setDefaultMicrosoftProfile(id: $id) { id } }`, { id: archived.id }, tenant.apiKey))).toBe('PROFILE_ARCHIVED');
  });

  it("never shows or changes another tenant's profile", async () => {
    const foreign = await createProfile(t, other.apiKey);
    expect((await t.gql('query ($id: ID!) { microsoftProfile(id: $id) { id } }', { id: foreign.id }, tenant.apiKey)).data.microsoftProfile).toBeNull();
    const list = await t.gql('{ microsoftProfiles(includeArchived: true) { id } }', {}, tenant.apiKey);
    expect(list.data.microsoftProfiles.map((p: { id: string }) => p.id)).not.toContain(foreign.id);
    for (const mutation of ['archiveMicrosoftProfile(id: $id) { id }', 'deleteMicrosoftProfile(id: $id)', 'setDefaultMicrosoftProfile(id: $id) { id }']) {
      expect(errorCode(await t.gql(`mutation ($id: ID!) { ${mutation} }`, { id: foreign.id }, tenant.apiKey))).toBe('NOT_FOUND');
    }
    expect(errorCode(await t.gql(UPDATE, { id: foreign.id, input: { displayName: 'hijack' } }, tenant.apiKey))).toBe('NOT_FOUND');
  });

  it('lets users read names only; writes and credentials need admin', async () => {
    const user = await t.gql('mutation { createApiKey(input: { name: "reader", role: USER }) { secret } }', {}, tenant.apiKey);
    const userKey = user.data.createApiKey.secret;
    const names = await t.gql('{ microsoftProfiles { id displayName isDefault } }', {}, userKey);
    expect(names.data.microsoftProfiles.length).toBeGreaterThan(0);
    const secretish = await t.gql('{ microsoftProfiles { clientId } }', {}, userKey);
    expect(errorCode(secretish)).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(CREATE, { input: profileInput() }, userKey))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql('{ microsoftIntegrationStatus { consumer } }', {}, userKey))).toBe('FORBIDDEN');
  });

  it('deletes unbound profiles', async () => {
    const profile = await createProfile(t, tenant.apiKey);
    const result = await t.gql('mutation ($id: ID!) { deleteMicrosoftProfile(id: $id) }', { id: profile.id }, tenant.apiKey);
    expect(result.data).toEqual({ deleteMicrosoftProfile: profile.id });
    expect(await queryDatabase(t.db.url, 'select 1 from microsoft_profiles where id = $1', [profile.id])).toEqual([]);
  });

  it('wrote no client secret to the logs', () => {
    expect(logs.length).toBeGreaterThan(0);
    const text = logs.join('\n');
    expect(text).not.toMatch(/Sx8Q~|rotated~secret/);
  });
});

describe('malformed ids', () => {
  let t: TestApp;
  let apiKey: string;
  beforeAll(async () => {
    t = await startTestApp();
    apiKey = (await t.createTenant()).apiKey;
  });
  afterAll(() => t.close());

  it.each([
    ['query { microsoftProfile(id: "not-a-uuid") { id } }', null],
    ['mutation { archiveMicrosoftProfile(id: "1") { id } }', 'NOT_FOUND'],
    ['mutation { deleteMicrosoftProfile(id: "x") }', 'NOT_FOUND'],
    ['mutation { revokeApiKey(id: "x") { id } }', 'NOT_FOUND'],
    ['mutation { removeMspSsoLoginDomain(id: "x") }', 'NOT_FOUND'],
  ])('%s answers NOT_FOUND (or null), never an internal error', async (query, code) => {
    const result = await t.gql(query, {}, apiKey);
    if (code === null) expect(result.data).toEqual({ microsoftProfile: null });
    else expect(errorCode(result)).toBe(code);
  });
});
