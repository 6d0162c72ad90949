import { startTestApp, type TestApp } from '../support/test-app';

const METRICS_TOKEN = 'metrics-scrape-token-0123456789';

describe('/metrics with METRICS_TOKEN set', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { METRICS_TOKEN } });
  });
  afterAll(() => t.close());

  const scrape = (authorization?: string) => t.app.inject({ method: 'GET', url: '/metrics', headers: authorization ? { authorization } : {} });

  it('serves Prometheus text to a scraper presenting the token', async () => {
    const response = await scrape(`Bearer ${METRICS_TOKEN}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    expect(response.body).toContain('http_request_duration_seconds');
  });

  it.each([
    ['no Authorization header', undefined],
    ['a wrong token', `Bearer ${METRICS_TOKEN.slice(0, -1)}X`],
    ['the token as a prefix of a longer one', `Bearer ${METRICS_TOKEN}0`],
    ['the token without the Bearer scheme', METRICS_TOKEN],
  ])('refuses %s with 401 and no metrics', async (_label, authorization) => {
    const response = await scrape(authorization);
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(response.body).not.toContain('http_request_duration_seconds');
    expect(response.body).not.toContain(METRICS_TOKEN);
  });
});

describe('/metrics without METRICS_TOKEN', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('stays open, as before', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('http_request_duration_seconds');
  });
});
