import type { AuthChange } from './auth-changes';
import type { Role } from './request-context';
import { TaggedLru } from './tagged-lru';

/** An API key row with its user's role: everything a request needs except the presented secret. */
export interface ApiKeyCredential {
  keyId: string;
  tenantId: string;
  userId: string;
  /** Compared with the presented key on every request: the cache never vouches for a secret. */
  secretHash: string;
  keyRole: Role;
  userRole: Role;
  lastUsedAt: Date | null;
}

/** What a JWT `sub` of a known tenant maps to: our user (id, role) or nobody provisioned (both null). */
export interface JwtSubject {
  userId: string | null;
  userRole: Role | null;
}

export interface AuthCacheOptions {
  ttlMs: number;
  maxEntries: number;
}

/**
 * Per-process cache of credential lookups (API key by prefix, JWT subject by tenant + sub); not of verification:
 * key hashes, JWT signatures and expiry are still checked on every request. Only valid credentials are cached.
 *
 * Correctness rests on invalidation (AuthChangeListener: NOTIFY from the database, plus this process's own writes
 * at once); the TTL is a backstop. While the listener is not confirmed up, every lookup reads the database. A read
 * that overlapped an invalidation or a listener drop is returned but not cached: it may predate the change.
 */
export class AuthCache {
  private readonly apiKeys: TaggedLru<ApiKeyCredential>;
  private readonly subjects: TaggedLru<JwtSubject>;
  private generation = 0;
  private listening = false;

  constructor(options: AuthCacheOptions) {
    this.apiKeys = new TaggedLru(options.maxEntries, options.ttlMs);
    this.subjects = new TaggedLru(options.maxEntries, options.ttlMs);
  }

  get active(): boolean {
    return this.listening;
  }

  async apiKey(prefix: string, load: () => Promise<ApiKeyCredential | undefined>): Promise<ApiKeyCredential | undefined> {
    return this.cached(this.apiKeys, prefix, load, (key) => [tenantTag(key.tenantId), userTag(key.tenantId, key.userId)]);
  }

  async subject(tenantId: string, sub: string, load: () => Promise<JwtSubject | undefined>): Promise<JwtSubject | undefined> {
    return this.cached(this.subjects, subjectKey(tenantId, sub), load, (subject) =>
      subject.userId ? [tenantTag(tenantId), userTag(tenantId, subject.userId)] : [tenantTag(tenantId)],
    );
  }

  invalidate(change: AuthChange): void {
    this.generation++;
    const { tenantId, apiKeyPrefix, userId, externalIds } = change;
    if (apiKeyPrefix !== undefined) this.apiKeys.delete(apiKeyPrefix);
    if (userId !== undefined) {
      this.apiKeys.invalidateTag(userTag(tenantId, userId));
      this.subjects.invalidateTag(userTag(tenantId, userId));
      // A new user (or a changed external id) takes over subjects that were cached as "not provisioned".
      for (const sub of [userId, ...(externalIds ?? [])]) this.subjects.delete(subjectKey(tenantId, sub));
    }
    if (apiKeyPrefix === undefined && userId === undefined) {
      this.apiKeys.invalidateTag(tenantTag(tenantId));
      this.subjects.invalidateTag(tenantTag(tenantId));
    }
  }

  invalidateAll(): void {
    this.generation++;
    this.apiKeys.clear();
    this.subjects.clear();
  }

  /** Called by the listener: up only once a notification made the round trip; down on any loss. */
  setListening(listening: boolean): void {
    this.listening = listening;
    this.invalidateAll();
  }

  private async cached<V>(lru: TaggedLru<V>, key: string, load: () => Promise<V | undefined>, tags: (value: V) => string[]): Promise<V | undefined> {
    if (!this.listening) return load();
    const hit = lru.get(key);
    if (hit !== undefined) return hit;
    const generation = this.generation;
    const value = await load();
    if (value !== undefined && this.listening && this.generation === generation) lru.set(key, value, tags(value));
    return value;
  }
}

const tenantTag = (tenantId: string) => `t:${tenantId}`;
const userTag = (tenantId: string, userId: string) => `u:${tenantId}:${userId}`;
const subjectKey = (tenantId: string, sub: string) => `${tenantId}\u0000${sub}`;
