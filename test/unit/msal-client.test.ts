import { createMsalClient, msalConfiguration, type MicrosoftProviderConfig } from '../../src/microsoft/msal-client';
import { startMicrosoftSimulator, type MicrosoftSimulator } from '../fakes/microsoft/microsoft-simulator';
import { DEFAULT_TENANT_ID } from '../fakes/microsoft/state';

const PROFILE = { clientId: '11111111-aaaa-4bbb-8ccc-000000000001', clientSecret: 'Zq8~msal-client-test', tenantAuthority: 'organizations' };
const PRODUCTION: MicrosoftProviderConfig = { loginUrl: undefined, authorityHost: 'login.microsoftonline.com', graphUrl: 'https://graph.microsoft.com' };
const REDIRECT = 'http://switchboard.test/api/auth/msp/sso/callback';
const SCOPES = ['User.Read'];

describe('msalConfiguration', () => {
  it('uses the real authority and MSAL discovery in production', () => {
    const config = msalConfiguration({ ...PROFILE, tenantAuthority: DEFAULT_TENANT_ID }, PRODUCTION);
    expect(config.auth).toEqual({ clientId: PROFILE.clientId, clientSecret: PROFILE.clientSecret, authority: `https://login.microsoftonline.com/${DEFAULT_TENANT_ID}` });
    expect(config.system?.loggerOptions?.piiLoggingEnabled).toBe(false);
  });

  it('points a fake https authority at http endpoints under loginUrl for the simulator', () => {
    const providers = { ...PRODUCTION, loginUrl: 'http://127.0.0.1:9999', authorityHost: 'login.microsoft.sim' };
    const { auth } = msalConfiguration(PROFILE, providers);
    expect(auth.authority).toBe('https://login.microsoft.sim/organizations');
    expect(auth.knownAuthorities).toEqual(['login.microsoft.sim']);
    expect(JSON.parse(auth.authorityMetadata!)).toEqual({
      token_endpoint: 'http://127.0.0.1:9999/organizations/oauth2/v2.0/token',
      authorization_endpoint: 'http://127.0.0.1:9999/organizations/oauth2/v2.0/authorize',
      end_session_endpoint: 'http://127.0.0.1:9999/organizations/oauth2/v2.0/logout',
      jwks_uri: 'http://127.0.0.1:9999/organizations/discovery/v2.0/keys',
      issuer: 'https://login.microsoft.sim/organizations/v2.0',
    });
  });

  it.each(['', 'a/b', 'org?x=1', 'tenant#frag', 'x'.repeat(129)])('refuses the tenant authority %j', (tenantAuthority) => {
    expect(() => msalConfiguration({ ...PROFILE, tenantAuthority }, PRODUCTION)).toThrow(/invalid tenant authority/);
  });

  it('passes a cache plugin through', () => {
    const cachePlugin = { beforeCacheAccess: async () => undefined, afterCacheAccess: async () => undefined };
    expect(msalConfiguration(PROFILE, PRODUCTION, { cache: { cachePlugin } }).cache?.cachePlugin).toBe(cachePlugin);
  });
});

describe('createMsalClient against the Microsoft simulator', () => {
  let sim: MicrosoftSimulator;
  let providers: MicrosoftProviderConfig;

  beforeAll(async () => {
    sim = await startMicrosoftSimulator();
    providers = { loginUrl: sim.loginUrl, authorityHost: sim.authorityHost, graphUrl: sim.graphUrl };
    sim.control.registerApp({ clientId: PROFILE.clientId, clientSecret: PROFILE.clientSecret, redirectUris: [REDIRECT] });
    sim.control.createUser({ email: 'alice@contoso.test' });
  });
  afterAll(() => sim.close());

  it('builds an authorize URL and redeems the code, with no discovery traffic', async () => {
    const msal = createMsalClient(PROFILE, providers);
    const url = new URL(await msal.getAuthCodeUrl({ scopes: SCOPES, redirectUri: REDIRECT, loginHint: 'alice@contoso.test', state: 'st-1' }));
    expect(`${url.origin}${url.pathname}`).toBe(`${sim.loginUrl}/organizations/oauth2/v2.0/authorize`);
    expect(url.searchParams.get('client_id')).toBe(PROFILE.clientId);

    const location = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location')!);
    expect(location.searchParams.get('state')).toBe('st-1');
    const result = await msal.acquireTokenByCode({ code: location.searchParams.get('code')!, scopes: SCOPES, redirectUri: REDIRECT });
    expect(result.account?.username).toBe('alice@contoso.test');
    expect(sim.control.requestLog().map((entry) => `${entry.method} ${entry.path}`)).toEqual([
      'GET /organizations/oauth2/v2.0/authorize',
      'POST /organizations/oauth2/v2.0/token',
    ]);
  });
});
