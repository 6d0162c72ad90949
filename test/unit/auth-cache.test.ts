import { AuthCache, type ApiKeyCredential } from '../../src/auth/auth-cache';
import { parseAuthChange } from '../../src/auth/auth-changes';
import { TaggedLru } from '../../src/auth/tagged-lru';
import { loadConfig } from '../../src/config/config';

const TENANT = '11111111-1111-4111-8111-111111111111';
const USER = '22222222-2222-4222-8222-222222222222';

describe('TaggedLru', () => {
  it('expires entries after the TTL', () => {
    let now = 0;
    const lru = new TaggedLru<string>(10, 1000, () => now);
    lru.set('a', 'A', []);
    now = 999;
    expect(lru.get('a')).toBe('A');
    now = 1000;
    expect(lru.get('a')).toBeUndefined();
  });

  it('evicts the least recently used entry beyond its bound', () => {
    const lru = new TaggedLru<string>(2, 60_000);
    lru.set('a', 'A', []);
    lru.set('b', 'B', []);
    lru.get('a'); // b is now the least recently used
    lru.set('c', 'C', []);
    expect([lru.get('a'), lru.get('b'), lru.get('c'), lru.size]).toEqual(['A', undefined, 'C', 2]);
  });

  it('drops exactly the entries of a tag', () => {
    const lru = new TaggedLru<string>(10, 60_000);
    lru.set('a', 'A', ['t1', 'u1']);
    lru.set('b', 'B', ['t1', 'u2']);
    lru.set('c', 'C', ['t2']);
    lru.invalidateTag('u1');
    expect([lru.get('a'), lru.get('b'), lru.get('c')]).toEqual([undefined, 'B', 'C']);
    lru.invalidateTag('t1');
    expect([lru.get('b'), lru.get('c')]).toEqual([undefined, 'C']);
  });
});

const credential = (overrides: Partial<ApiKeyCredential> = {}): ApiKeyCredential => ({
  keyId: 'k1',
  tenantId: TENANT,
  userId: USER,
  secretHash: 'h',
  keyRole: 'admin',
  userRole: 'admin',
  lastUsedAt: null,
  ...overrides,
});

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

describe('AuthCache', () => {
  const listeningCache = () => {
    const cache = new AuthCache({ ttlMs: 60_000, maxEntries: 100 });
    cache.setListening(true);
    return cache;
  };

  it('serves a loaded credential from memory until a change names its key, its user or its tenant', async () => {
    const cache = listeningCache();
    const load = jest.fn(async () => credential());
    const changes = [{ tenantId: TENANT, apiKeyPrefix: 'p1' }, { tenantId: TENANT, userId: USER }, { tenantId: TENANT }];
    for (const change of changes) {
      await cache.apiKey('p1', load);
      await cache.apiKey('p1', load);
      expect(load).toHaveBeenCalledTimes(1);
      cache.invalidate({ tenantId: TENANT, apiKeyPrefix: 'other' });
      cache.invalidate({ tenantId: '33333333-3333-4333-8333-333333333333' });
      await cache.apiKey('p1', load);
      expect(load).toHaveBeenCalledTimes(1);
      cache.invalidate(change);
      await cache.apiKey('p1', load);
      expect(load).toHaveBeenCalledTimes(2);
      load.mockClear();
      cache.invalidateAll();
    }
  });

  it('reads the database on every call while the listener is not confirmed', async () => {
    const cache = new AuthCache({ ttlMs: 60_000, maxEntries: 100 });
    const load = jest.fn(async () => credential());
    await cache.apiKey('p1', load);
    await cache.apiKey('p1', load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('does not keep a read that overlapped an invalidation', async () => {
    const cache = listeningCache();
    const slow = deferred<ApiKeyCredential>();
    const first = cache.apiKey('p1', () => slow.promise);
    cache.invalidate({ tenantId: TENANT, apiKeyPrefix: 'p1' }); // the revocation commits while the read is in flight
    slow.resolve(credential());
    await first;
    const load = jest.fn(async () => undefined);
    expect(await cache.apiKey('p1', load)).toBeUndefined();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('hands a new user the subjects that were cached as not provisioned', async () => {
    const cache = listeningCache();
    const load = jest.fn(async () => ({ userId: null, userRole: null }));
    await cache.subject(TENANT, 'psa-7', load);
    cache.invalidate({ tenantId: TENANT, userId: USER, externalIds: ['psa-8'] });
    await cache.subject(TENANT, 'psa-7', load);
    expect(load).toHaveBeenCalledTimes(1);
    cache.invalidate({ tenantId: TENANT, userId: USER, externalIds: ['psa-7'] });
    await cache.subject(TENANT, 'psa-7', load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('reads the trigger payloads', () => {
    expect(parseAuthChange(JSON.stringify({ tenantId: TENANT, userId: USER, externalIds: ['x', null] }))).toEqual({ tenantId: TENANT, userId: USER, externalIds: ['x'] });
    expect(parseAuthChange(JSON.stringify({ tenantId: TENANT, apiKeyPrefix: 'abc' }))).toEqual({ tenantId: TENANT, apiKeyPrefix: 'abc' });
    expect(parseAuthChange('{"probe":"x"}')).toBeUndefined();
    expect(parseAuthChange('not json')).toBeUndefined();
  });

  it('is configured by AUTH_CACHE_TTL_SECONDS / AUTH_CACHE_MAX_ENTRIES', () => {
    expect(loadConfig({}).authCache).toEqual({ ttlMs: 30_000, maxEntries: 10_000 });
    expect(loadConfig({ AUTH_CACHE_TTL_SECONDS: '0', AUTH_CACHE_MAX_ENTRIES: '5' }).authCache).toEqual({ ttlMs: 0, maxEntries: 5 });
    expect(() => loadConfig({ AUTH_CACHE_TTL_SECONDS: '301' })).toThrow(/AUTH_CACHE_TTL_SECONDS/);
  });
});
