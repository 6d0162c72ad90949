import { TcpProxy } from '../support/tcp-proxy';
import { startTestApp, type TestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { waitFor } from '../support/wait-for';

describe('ops endpoints', () => {
  let t: TestApp;
  let pgProxy: TcpProxy;
  let redisProxy: TcpProxy;
  let db: TestDatabase;

  beforeAll(async () => {
    pgProxy = await new TcpProxy('127.0.0.1', 5432).start();
    redisProxy = await new TcpProxy('127.0.0.1', 6379).start();
    db = await createTestDatabase('ops');
    const viaProxy = new URL(db.url);
    viaProxy.port = String(pgProxy.port);
    t = await startTestApp({ redis: true, env: { DATABASE_URL: viaProxy.toString(), REDIS_URL: `redis://127.0.0.1:${redisProxy.port}` } });
  });
  afterAll(async () => {
    await pgProxy.start();
    await redisProxy.start();
    await t.close();
    await pgProxy.stop();
    await redisProxy.stop();
    await db.drop();
  });

  const readyz = async () => {
    const started = Date.now();
    const response = await t.app.inject({ method: 'GET', url: '/readyz' });
    return { status: response.statusCode, body: response.json(), ms: Date.now() - started };
  };

  it('reports live and ready while both dependencies answer', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    const ready = await readyz();
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ready', failing: [], checks: { database: { ok: true }, redis: { ok: true } } });
  });

  it.each([
    ['redis', () => redisProxy],
    ['database', () => pgProxy],
  ])('turns 503 naming %s within 2 s of it going away, and 200 when it returns', async (name, proxy) => {
    const cutAt = Date.now();
    await proxy().stop();
    const down = await readyz();
    expect(down.status).toBe(503);
    expect(down.body.failing).toEqual([name]);
    // Unauthenticated endpoint: names the dependency, never hosts, ports or driver messages.
    expect(JSON.stringify(down.body)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|terminated|error/i);
    expect(Date.now() - cutAt).toBeLessThan(2000);
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);

    await proxy().start();
    await waitFor(async () => (await readyz()).status === 200, `${name} to be ready again`, 8000, 100);
  });

  it('serves Prometheus metrics with HTTP and GraphQL latency histograms and queue depth', async () => {
    const { apiKey } = await t.createTenant();
    await t.gql('{ edition }', {}, apiKey);
    await t.runtime.deps.queue.add('metrics-demo', 'noop', {});
    const response = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    expect(response.body).toMatch(/http_request_duration_seconds_bucket\{.*route="\/graphql".*\}/);
    expect(response.body).toMatch(/graphql_operation_duration_seconds_count\{operation_type="query",operation_name="anonymous",outcome="ok"\} 1/);
    expect(response.body).toMatch(/queue_jobs\{queue="metrics-demo",state="waiting"\} 1/);
  });
});
