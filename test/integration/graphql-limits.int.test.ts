import { startTestApp, type TestApp } from '../support/test-app';

describe('GraphQL error model and limits', () => {
  let t: TestApp;
  let apiKey: string;

  beforeAll(async () => {
    t = await startTestApp({ env: { GRAPHQL_MAX_DEPTH: '2', BODY_LIMIT_BYTES: '4096' } });
    apiKey = (await t.createTenant()).apiKey;
  });
  afterAll(() => t.close());

  it('refuses queries deeper than the limit', async () => {
    expect((await t.gql('{ viewer { role } }', {}, apiKey)).data).toEqual({ viewer: { role: 'ADMIN' } });
    const result = await t.gql('{ viewer { tenant { id } } }', {}, apiKey);
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(result.errors?.[0]?.message).toMatch(/depth/i);
  });

  it('refuses bodies above the size limit with 413 JSON', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      payload: { query: `{ edition } # ${'x'.repeat(5000)}` },
    });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ code: 'FST_ERR_CTP_BODY_TOO_LARGE' });
  });

  it('sends no stack traces and no field suggestions', async () => {
    const result = await t.gql('{ editon }', {}, apiKey);
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(result)).not.toMatch(/stacktrace|Did you mean/i);
  });

  it('refuses GET queries without a CSRF-safe header', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/graphql?query=%7Bedition%7D', headers: { authorization: `Bearer ${apiKey}` } });
    expect(response.statusCode).toBe(400);
  });

  it('answers unknown REST routes with a JSON 404', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/nope' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: 'Route GET /nope not found.', code: 'NOT_FOUND' });
  });

  it('tags every response with a request id, keeping a sane caller-provided one', async () => {
    const given = await t.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'abc-123' } });
    expect(given.headers['x-request-id']).toBe('abc-123');
    const generated = await t.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'bad id\n' } });
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('GraphQL cost limit at its default', () => {
  let t: TestApp;
  let apiKey: string;
  const page = 'scheduleEntries(first: 500) { totalCount edges { cursor node { id title startsAt endsAt assignees { id email displayName } createdBy { id } } } }';

  beforeAll(async () => {
    t = await startTestApp();
    apiKey = (await t.createTenant()).apiKey;
  });
  afterAll(() => t.close());

  it('lets a full page of the largest connection through and refuses two of them in one query', async () => {
    expect((await t.gql(`{ ${page} }`, {}, apiKey)).data.scheduleEntries.totalCount).toBe(0);
    const result = await t.gql(`{ a: ${page} b: ${page} }`, {}, apiKey);
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(result.errors?.[0]?.message).toMatch(/cost/i);
  });
});
