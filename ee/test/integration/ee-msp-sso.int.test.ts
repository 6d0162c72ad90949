// MSP SSO is a CE feature that Enterprise serves unchanged: same routes, same answers.
import { startMicrosoftSimulator, type MicrosoftSimulator } from '../../../test/fakes/microsoft/microsoft-simulator';
import { SSO_REDIRECT_URI, createSsoTenant, newBrowserNonce, simulatorEnv } from '../../../test/support/msp-sso-fixtures';
import { startTestApp, type TestApp } from '../../../test/support/test-app';

describe('MSP SSO in the enterprise edition', () => {
  let sim: MicrosoftSimulator;
  let t: TestApp;
  let clientId: string;

  beforeAll(async () => {
    sim = await startMicrosoftSimulator();
    t = await startTestApp({ edition: 'enterprise', env: simulatorEnv(sim) });
    ({ profile: { clientId } } = await createSsoTenant(t, sim, 'fabrikam.test'));
  }, 30_000);
  afterAll(async () => {
    await t?.close();
    await sim?.close();
  });

  it('discovers and resolves with the bound profile', async () => {
    const discover = await t.app.inject({ method: 'GET', url: '/api/auth/msp/sso/discover?email=eve@fabrikam.test' });
    expect(discover.json()).toEqual({ sso: true, providers: ['microsoft'] });
    const resolve = await t.app.inject({ method: 'POST', url: '/api/auth/msp/sso/resolve', payload: { email: 'eve@fabrikam.test', nonce: newBrowserNonce() } });
    const url = new URL(resolve.json().authorizationUrl);
    expect(url.searchParams.get('client_id')).toBe(clientId);
    expect(url.searchParams.get('redirect_uri')).toBe(SSO_REDIRECT_URI);
  });

  it('answers the same 409 for an unknown domain', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/msp/sso/resolve', payload: { email: 'eve@nowhere.test', nonce: newBrowserNonce() } });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toEqual({ error: 'SSO is not available for this address.', code: 'MSP_SSO_UNAVAILABLE' });
  });
});
