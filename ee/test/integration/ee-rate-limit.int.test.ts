import { STABLE_ROUTES } from '../../../src/http/stable-routes';
import { startTestApp, type TestApp } from '../../../test/support/test-app';

/** The enterprise handlers behind the stable URLs: answered normally until the IP's budget is spent. */
describe('per-IP rate limits on the enterprise calendar callbacks and webhooks', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      edition: 'enterprise',
      redis: true,
      env: { APP_URL: 'https://psa.example', RATE_LIMIT_CALLBACKS_PER_MINUTE: '2', RATE_LIMIT_WEBHOOKS_PER_MINUTE: '2' },
    });
  });
  afterAll(() => t.close());

  const callback = (provider: 'google' | 'microsoft', ip: string) =>
    t.app.inject({ method: 'GET', url: `${STABLE_ROUTES[`calendar.${provider}.callback`]}?code=x`, remoteAddress: ip, headers: { accept: 'application/json' } });
  const validation = (ip: string) => t.app.inject({ method: 'GET', url: `${STABLE_ROUTES['calendar.microsoft.webhook']}?validationToken=abc`, remoteAddress: ip });

  function expectRateLimited(response: Awaited<ReturnType<typeof validation>>) {
    expect(response.statusCode).toBe(429);
    expect(Number(response.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(response.json()).toEqual({ success: false, error: expect.any(String), code: 'RATE_LIMITED' });
  }

  it('lets the OAuth callback handlers answer until the IP has spent its callback budget', async () => {
    for (const provider of ['google', 'microsoft'] as const) {
      const response = await callback(provider, '192.0.2.50');
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual({ success: false, error: 'invalid_state' });
    }
    expectRateLimited(await callback('google', '192.0.2.50'));
    expect((await callback('google', '192.0.2.51')).statusCode).toBe(400);
  });

  it('lets Graph validation echo until the IP has spent its webhook budget', async () => {
    for (let i = 0; i < 2; i += 1) expect((await validation('192.0.2.60')).body).toBe('abc');
    expectRateLimited(await validation('192.0.2.60'));
    const otherIp = await validation('192.0.2.61');
    expect(otherIp.statusCode).toBe(200);
    expect(otherIp.body).toBe('abc');
  });
});
