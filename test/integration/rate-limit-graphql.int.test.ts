import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { SignJWT } from 'jose';
import { buildApp } from '../../src/app';
import { hashApiKey } from '../../src/auth/api-key-format';
import { createLogger } from '../../src/observability/logger';
import { createRuntime, type Runtime } from '../../src/runtime/runtime';
import type { CreatedTenant } from '../../src/tenants/tenant.service';
import { REDIS_URL } from '../support/services';
import { startTestApp, type TestApp } from '../support/test-app';

const JWT_SECRET = 'rate-limit-test-jwt-secret-0123456789';
const PER_CALLER = 5;
const ANONYMOUS = 3;
const FAKE_KEY = () => `sbk_${randomUUID().replace(/-/g, '').slice(0, 12)}_${'A'.repeat(43)}`;

interface Call {
  bearer?: string;
  ip: string;
  headers?: Record<string, string>;
}

function call(app: FastifyInstance, { bearer, ip, headers }: Call) {
  return app.inject({
    method: 'POST',
    url: '/graphql',
    remoteAddress: ip,
    headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...headers },
    payload: { query: '{ viewer { tenantId } }' },
  });
}

function jwtFor(tenant: CreatedTenant): Promise<string> {
  return new SignJWT({ tid: tenant.tenantId, sub: tenant.userId, role: 'admin', jti: randomUUID() })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(JWT_SECRET));
}

function expectRateLimited(response: Awaited<ReturnType<typeof call>>) {
  expect(response.statusCode).toBe(429);
  const retryAfter = Number(response.headers['retry-after']);
  expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
  const body = response.json();
  expect(body.data).toBeUndefined();
  expect(body.errors).toHaveLength(1);
  expect(body.errors[0].extensions).toEqual({ code: 'RATE_LIMITED', retryAfterMs: retryAfter * 1000 });
}

describe('/graphql rate limits, counted in Redis and shared by two API instances', () => {
  let t: TestApp;
  let second: Runtime;
  let other: FastifyInstance;
  let a: CreatedTenant;
  let b: CreatedTenant;
  let c: CreatedTenant;

  beforeAll(async () => {
    t = await startTestApp({
      redis: true,
      env: { JWT_SECRET, RATE_LIMIT_GRAPHQL_PER_MINUTE: String(PER_CALLER), RATE_LIMIT_GRAPHQL_ANON_PER_MINUTE: String(ANONYMOUS) },
    });
    // Same database, Redis and REDIS_PREFIX: a second API process behind the same load balancer.
    second = await createRuntime(t.config, { logger: createLogger('silent') });
    other = await buildApp(second);
    [a, b, c] = [await t.createTenant('A'), await t.createTenant('B'), await t.createTenant('C')];
  });
  afterAll(async () => {
    await other.close();
    await second.close();
    await t.close();
  });

  const instance = (i: number) => (i % 2 === 0 ? t.app : other);

  it('counts an API key across both instances, and only that key', async () => {
    const ip = '192.0.2.10';
    for (let i = 0; i < PER_CALLER; i += 1) expect((await call(instance(i), { bearer: a.apiKey, ip })).statusCode).toBe(200);
    expectRateLimited(await call(other, { bearer: a.apiKey, ip }));
    expectRateLimited(await call(t.app, { bearer: a.apiKey, ip }));
    expect((await call(t.app, { bearer: b.apiKey, ip })).statusCode).toBe(200);
    expect((await call(other, { bearer: b.apiKey, ip })).statusCode).toBe(200);
  });

  it('counts a JWT per tenant and subject, however many tokens the PSA mints', async () => {
    const ip = '192.0.2.11';
    for (let i = 0; i < PER_CALLER; i += 1) expect((await call(instance(i), { bearer: await jwtFor(b), ip })).statusCode).toBe(200);
    expectRateLimited(await call(t.app, { bearer: await jwtFor(b), ip }));
    expect((await call(t.app, { bearer: await jwtFor(c), ip })).statusCode).toBe(200);
  });

  it('limits calls without credentials per client IP across instances, whatever X-Forwarded-For says', async () => {
    const ip = '198.51.100.7';
    for (let i = 0; i < ANONYMOUS; i += 1) {
      const response = await call(instance(i), { ip, headers: { 'x-forwarded-for': `203.0.113.${i}` } });
      expect(response.statusCode).toBe(401);
    }
    expectRateLimited(await call(t.app, { ip, headers: { 'x-forwarded-for': '203.0.113.99' } }));
    expect((await call(t.app, { ip: '198.51.100.8' })).statusCode).toBe(401);
  });

  it('spends the IP budget on refused credentials, so invented API keys buy no fresh buckets', async () => {
    const ip = '198.51.100.20';
    for (let i = 0; i < ANONYMOUS; i += 1) expect((await call(t.app, { bearer: FAKE_KEY(), ip })).statusCode).toBe(401);
    expectRateLimited(await call(t.app, { bearer: FAKE_KEY(), ip }));
    // Until the window ends this IP's API keys cannot be told from invented ones without a lookup: refused too.
    expectRateLimited(await call(t.app, { bearer: c.apiKey, ip }));
    // A verified JWT proves itself without the database: not affected.
    expect((await call(t.app, { bearer: await jwtFor(c), ip })).statusCode).toBe(200);
    expect((await call(t.app, { bearer: FAKE_KEY(), ip: '198.51.100.21' })).statusCode).toBe(401);
  });

  it('keeps its counters under the deployment prefix, with no key or stored key hash in their names', async () => {
    const redis = new Redis(REDIS_URL);
    try {
      const names = await redis.keys(`${t.config.redis!.prefix}:rate-limit:*`);
      expect(names.length).toBeGreaterThan(0);
      for (const tenant of [a, b]) expect(names.some((name) => name.includes(tenant.apiKey.split('_')[1]!))).toBe(true);
      for (const tenant of [a, b, c]) {
        // The secret is base64url: it may itself contain '_'.
        const secret = tenant.apiKey.slice('sbk_'.length + 12 + 1);
        expect(names.some((name) => name.includes(secret) || name.includes(hashApiKey(tenant.apiKey)))).toBe(false);
      }
    } finally {
      await redis.quit();
    }
  });
});

describe('/graphql rate limits switched off', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { RATE_LIMIT_ENABLED: 'false', RATE_LIMIT_GRAPHQL_ANON_PER_MINUTE: '1' } });
  });
  afterAll(() => t.close());

  it('never answers 429 with RATE_LIMIT_ENABLED=false', async () => {
    for (let i = 0; i < 5; i += 1) expect((await call(t.app, { ip: '198.51.100.30' })).statusCode).toBe(401);
  });
});
