import { CALENDAR_UNAVAILABLE, STABLE_ROUTES } from '../../src/http/stable-routes';
import { startTestApp, type TestApp } from '../support/test-app';

const METHODS = ['GET', 'POST', 'OPTIONS', 'PUT', 'PATCH', 'DELETE'] as const;
const CASES = Object.values(STABLE_ROUTES).flatMap((url) => METHODS.map((method) => [url, method] as const));

describe('stable calendar URLs in the community edition', () => {
  let t: TestApp;
  let queries = 0;

  beforeAll(async () => {
    t = await startTestApp({ redis: true });
    const knex = (t.runtime.deps.orm.em.getConnection() as unknown as { getKnex(): { on(event: string, listener: () => void): void } }).getKnex();
    knex.on('query', () => (queries += 1));
  });
  afterAll(() => t.close());

  it.each(CASES)('%s answers %s with the 501 JSON body and touches nothing', async (url, method) => {
    const before = queries;
    const response = await t.app.inject({ method, url: `${url}?code=abc&state=xyz&validationToken=tok`, headers: { 'x-goog-channel-id': 'c1' } });
    expect(response.statusCode).toBe(501);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.json()).toEqual(CALENDAR_UNAVAILABLE);
    expect(response.json()).toEqual({ success: false, error: 'Calendar sync is only available in Enterprise Edition.' });
    expect(queries).toBe(before);
  });

  it('answers before reading the body: malformed and oversized bodies still get 501', async () => {
    const malformed = await t.app.inject({
      method: 'POST',
      url: STABLE_ROUTES['calendar.microsoft.webhook'],
      headers: { 'content-type': 'application/json' },
      payload: '{"value": [',
    });
    expect(malformed.statusCode).toBe(501);
    const oversized = await t.app.inject({
      method: 'POST',
      url: STABLE_ROUTES['calendar.google.webhook'],
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ filler: 'x'.repeat(t.config.bodyLimitBytes * 2) }),
    });
    expect(oversized.statusCode).toBe(501);
    const weird = await t.app.inject({ method: 'POST', url: STABLE_ROUTES['calendar.google.callback'], headers: { 'content-type': 'application/x-unknown' }, payload: 'zzz' });
    expect(weird.statusCode).toBe(501);
  });

  it('proves the counter works (a GraphQL request does query)', async () => {
    const { apiKey } = await t.createTenant();
    const before = queries;
    await t.gql('{ viewer { tenant { name } } }', {}, apiKey);
    expect(queries).toBeGreaterThan(before);
  });
});
