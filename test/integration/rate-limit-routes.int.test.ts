import { CALLBACK_PATH as MSP_SSO_CALLBACK } from '../../src/msp-sso/msp-sso-callback.routes';
import { CALENDAR_UNAVAILABLE, STABLE_ROUTES } from '../../src/http/stable-routes';
import { startTestApp, type TestApp } from '../support/test-app';

const CALLBACKS = 3;
const WEBHOOKS = 4;
const GOOGLE_CALLBACK = `${STABLE_ROUTES['calendar.google.callback']}?code=abc&state=xyz`;
const MICROSOFT_CALLBACK = `${STABLE_ROUTES['calendar.microsoft.callback']}?code=abc&state=xyz`;

/** Community edition: the calendar URLs are 501 stubs, the MSP SSO callback is real. Counters in Redis. */
describe('per-IP rate limits on OAuth callbacks and webhooks', () => {
  let t: TestApp;
  let queries = 0;

  beforeAll(async () => {
    t = await startTestApp({
      redis: true,
      env: { RATE_LIMIT_CALLBACKS_PER_MINUTE: String(CALLBACKS), RATE_LIMIT_WEBHOOKS_PER_MINUTE: String(WEBHOOKS) },
    });
    const knex = (t.runtime.deps.orm.em.getConnection() as unknown as { getKnex(): { on(event: string, listener: () => void): void } }).getKnex();
    knex.on('query', () => (queries += 1));
  });
  afterAll(() => t.close());

  const get = (url: string, ip: string) => t.app.inject({ method: 'GET', url, remoteAddress: ip });
  const notify = (url: string, ip: string) =>
    t.app.inject({ method: 'POST', url, remoteAddress: ip, headers: { 'content-type': 'application/json' }, payload: { value: [] } });

  function expectRateLimited(response: Awaited<ReturnType<typeof get>>) {
    expect(response.statusCode).toBe(429);
    const retryAfter = Number(response.headers['retry-after']);
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.json()).toEqual({ success: false, error: expect.any(String), code: 'RATE_LIMITED' });
  }

  it('gives each IP one budget for all calendar callbacks; the 501 stub is unchanged below it', async () => {
    const ip = '192.0.2.1';
    for (const url of [GOOGLE_CALLBACK, MICROSOFT_CALLBACK, GOOGLE_CALLBACK]) {
      const response = await get(url, ip);
      expect(response.statusCode).toBe(501);
      expect(response.json()).toEqual(CALENDAR_UNAVAILABLE);
    }
    const before = queries;
    expectRateLimited(await get(MICROSOFT_CALLBACK, ip));
    expectRateLimited(await get(`${MSP_SSO_CALLBACK}?code=abc&state=xyz`, ip));
    expect(queries).toBe(before);
    expect((await get(GOOGLE_CALLBACK, '192.0.2.2')).statusCode).toBe(501);
  });

  it('counts the MSP SSO sign-in callback in the same per-IP callback budget', async () => {
    const ip = '192.0.2.3';
    for (let i = 0; i < CALLBACKS; i += 1) expect((await get(`${MSP_SSO_CALLBACK}?error=access_denied`, ip)).statusCode).toBe(302);
    expectRateLimited(await get(`${MSP_SSO_CALLBACK}?error=access_denied`, ip));
  });

  it('gives webhooks their own per-IP budget, checked before the body is read', async () => {
    const ip = '192.0.2.4';
    for (let i = 0; i < WEBHOOKS; i += 1) {
      const url = i % 2 ? STABLE_ROUTES['calendar.microsoft.webhook'] : STABLE_ROUTES['calendar.google.webhook'];
      expect((await notify(url, ip)).statusCode).toBe(501);
    }
    const before = queries;
    expectRateLimited(await notify(STABLE_ROUTES['calendar.google.webhook'], ip));
    const malformed = await t.app.inject({
      method: 'POST',
      url: STABLE_ROUTES['calendar.microsoft.webhook'],
      remoteAddress: ip,
      headers: { 'content-type': 'application/json' },
      payload: '{"value": [',
    });
    expectRateLimited(malformed);
    expect(queries).toBe(before);
    expect((await get(GOOGLE_CALLBACK, ip)).statusCode).toBe(501);
    expect((await notify(STABLE_ROUTES['calendar.google.webhook'], '192.0.2.5')).statusCode).toBe(501);
  });
});
