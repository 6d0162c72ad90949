import type { CreatedTenant } from '../../src/tenants/tenant.service';
import { startMicrosoftSimulator, type MicrosoftSimulator } from '../fakes/microsoft/microsoft-simulator';
import { DEFAULT_TENANT_ID } from '../fakes/microsoft/state';
import { createProfile, errorCode } from '../support/microsoft-fixtures';
import {
  SSO_REDIRECT_URI, addVerifiedLoginDomain, bindMspSso, insertProfile, newBrowserNonce, simulatorEnv,
} from '../support/msp-sso-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

const UPDATE = 'mutation ($id: ID!, $input: UpdateMicrosoftProfileInput!) { updateMicrosoftProfile(id: $id, input: $input) { allowedDirectoryIds } }';
const OTHER_DIRECTORY = '7d7d7d7d-aaaa-4bbb-8ccc-dddddddddddd';

describe('Microsoft profile allowedDirectoryIds', () => {
  let t: TestApp;
  let tenant: CreatedTenant;
  beforeAll(async () => {
    t = await startTestApp();
    tenant = await t.createTenant('Directories');
  });
  afterAll(() => t.close());

  const allowedOf = async (overrides: Record<string, unknown>) => {
    const { id } = await createProfile(t, tenant.apiKey, overrides);
    const read = await t.gql('query ($id: ID!) { microsoftProfile(id: $id) { allowedDirectoryIds } }', { id }, tenant.apiKey);
    return { id, allowed: read.data.microsoftProfile.allowedDirectoryIds as string[] };
  };

  it("defaults to a GUID authority's own directory and to none for common / organizations", async () => {
    const authority = OTHER_DIRECTORY.toUpperCase();
    expect((await allowedOf({ tenantAuthority: authority })).allowed).toEqual([OTHER_DIRECTORY]);
    expect((await allowedOf({ tenantAuthority: 'organizations' })).allowed).toEqual([]);
    expect((await allowedOf({ tenantAuthority: 'common' })).allowed).toEqual([]);
  });

  it('takes an explicit list on create and update (normalized GUIDs), and keeps it when update omits it', async () => {
    const { id, allowed } = await allowedOf({ tenantAuthority: 'organizations', allowedDirectoryIds: [` ${DEFAULT_TENANT_ID.toUpperCase()} `, DEFAULT_TENANT_ID] });
    expect(allowed).toEqual([DEFAULT_TENANT_ID]);
    const updated = await t.gql(UPDATE, { id, input: { allowedDirectoryIds: [OTHER_DIRECTORY, DEFAULT_TENANT_ID] } }, tenant.apiKey);
    expect(updated.data.updateMicrosoftProfile.allowedDirectoryIds).toEqual([OTHER_DIRECTORY, DEFAULT_TENANT_ID]);
    const renamed = await t.gql(UPDATE, { id, input: { displayName: 'Renamed directories' } }, tenant.apiKey);
    expect(renamed.data.updateMicrosoftProfile.allowedDirectoryIds).toEqual([OTHER_DIRECTORY, DEFAULT_TENANT_ID]);
    expect((await t.gql(UPDATE, { id, input: { allowedDirectoryIds: [] } }, tenant.apiKey)).data.updateMicrosoftProfile.allowedDirectoryIds).toEqual([]);
  });

  it('refuses anything that is not a directory GUID with BAD_USER_INPUT naming the field', async () => {
    for (const value of ['contoso.onmicrosoft.com', 'organizations', '']) {
      const result = await t.gql(
        'mutation ($input: CreateMicrosoftProfileInput!) { createMicrosoftProfile(input: $input) { id } }',
        { input: { displayName: `Bad ${value}`, clientId: OTHER_DIRECTORY, tenantAuthority: 'common', clientSecret: 'Sx8Q~value', allowedDirectoryIds: [value] } },
        tenant.apiKey,
      );
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
      expect(result.errors![0]!.extensions!.field).toBe('allowedDirectoryIds');
    }
  });

  it('is admin-only to read, like the other credentials fields', async () => {
    const user = await t.gql('mutation { createApiKey(input: { name: "reader", role: USER }) { secret } }', {}, tenant.apiKey);
    expect(errorCode(await t.gql('{ microsoftProfiles { allowedDirectoryIds } }', {}, user.data.createApiKey.secret))).toBe('FORBIDDEN');
  });
});

describe('MSP SSO sign-in through a multi-tenant authority', () => {
  let sim: MicrosoftSimulator;
  let t: TestApp;
  let tenant: CreatedTenant;
  let profileId: string;
  const nonce = newBrowserNonce();

  beforeAll(async () => {
    sim = await startMicrosoftSimulator();
    t = await startTestApp({ env: { ...simulatorEnv(sim), APP_URL: 'http://psa.test' } });
    tenant = await t.createTenant('Multi-tenant app');
    const profile = await insertProfile(t.db.url, tenant.tenantId, { tenantAuthority: 'organizations', allowedDirectoryIds: [] });
    profileId = profile.id;
    sim.control.registerApp({ clientId: profile.clientId, clientSecret: profile.secret!, redirectUris: [SSO_REDIRECT_URI] });
    await bindMspSso(t.db.url, tenant.tenantId, profile.id);
    await addVerifiedLoginDomain(t, tenant.apiKey, 'multi.test');
    sim.control.createUser({ email: 'tech@multi.test' });
  }, 30_000);
  afterAll(async () => {
    await t?.close();
    await sim?.close();
  });

  async function signInOutcome(): Promise<Record<string, string>> {
    const resolved = await t.app.inject({ method: 'POST', url: '/api/auth/msp/sso/resolve', payload: { email: 'tech@multi.test', nonce } });
    const location = new URL((await fetch(resolved.json().authorizationUrl, { redirect: 'manual' })).headers.get('location')!);
    const done = await t.app.inject({ method: 'GET', url: `${location.pathname}${location.search}` });
    const params = Object.fromEntries(new URL(done.headers.location as string).searchParams);
    return params.ticket ? { status: params.status! } : params;
  }

  it('admits nobody while allowedDirectoryIds is empty, and the listed directory once an admin adds it', async () => {
    expect(await signInOutcome()).toEqual({ status: 'error', reason: 'directory_not_allowed' });
    const updated = await t.gql(UPDATE, { id: profileId, input: { allowedDirectoryIds: [DEFAULT_TENANT_ID] } }, tenant.apiKey);
    expect(updated.errors).toBeUndefined();
    expect(await signInOutcome()).toEqual({ status: 'success' });
  });
});
