import { startTestApp, type TestApp } from '../support/test-app';

/** Default deployment (TRUST_PROXY unset): X-Forwarded-For is a client-controlled header and must not pick the bucket. */
describe('MSP SSO rate limits without a trusted proxy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ redis: true });
  });
  afterAll(() => t.close());

  it('keeps counting the socket address however the client varies X-Forwarded-For', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 14; i += 1) {
      const response = await t.app.inject({
        method: 'GET',
        url: '/api/auth/msp/sso/discover?email=someone@example.com',
        headers: { 'x-forwarded-for': `203.0.113.${i}` },
      });
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, 12).every((status) => status === 200)).toBe(true);
    expect(statuses.slice(12)).toEqual([429, 429]);
  });
});
