import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ApiKeySchema, type ApiKey } from '../db/entities/api-key.entity';
import { UserSchema } from '../db/entities/user.entity';
import type { Orm } from '../db/orm';
import { isUuid } from '../db/uuid';
import { badUserInput, notFound } from '../errors/domain-errors';
import { apiKeyMatches, generateApiKey, parseApiKey } from './api-key-format';
import type { ApiKeyCredential, AuthCache } from './auth-cache';
import { announceAuthChange } from './auth-changes';
import { isRole, lowerRole, type RequestContext, type Role } from './request-context';

const LAST_USED_RESOLUTION_MS = 60_000;

export interface CreatedApiKey {
  row: ApiKey;
  /** Shown exactly once; only its hash is stored. */
  apiKey: string;
}

export class ApiKeyService {
  /** Without a cache (CLI, tests of other services) every authentication reads the database. */
  constructor(
    private readonly orm: Orm,
    private readonly cache?: AuthCache,
  ) {}

  /** Creates a key acting as `userId`; the key's role can't exceed the user's. */
  async create(tenantId: string, userId: string, input: { name: string; role?: Role }, em?: EntityManager): Promise<CreatedApiKey> {
    // Host-PSA JWT subjects need not be our user ids: such a caller has no user row to hang a key on.
    if (!isUuid(userId)) throw notFound('User');
    const manager = em ?? this.orm.em.fork();
    const user = await manager.findOne(UserSchema, { id: userId, tenantId });
    if (!user) throw notFound('User');
    const role = input.role ?? user.role;
    if (!isRole(role)) throw badUserInput(`role must be one of admin, user`);
    if (role === 'admin' && user.role !== 'admin') throw badUserInput('A user-role account cannot hold an admin key.');
    const name = input.name.trim();
    if (name.length < 1 || name.length > 100) throw badUserInput('name must be 1-100 characters');
    const generated = generateApiKey();
    const row = manager.create(ApiKeySchema, {
      id: randomUUID(),
      tenantId,
      userId,
      name,
      prefix: generated.prefix,
      secretHash: generated.secretHash,
      role,
      createdAt: new Date(),
      lastUsedAt: null,
      revokedAt: null,
    });
    await manager.persistAndFlush(row);
    return { row, apiKey: generated.plaintext };
  }

  async revoke(tenantId: string, keyId: string): Promise<ApiKey> {
    if (!isUuid(keyId)) throw notFound('API key');
    const em = this.orm.em.fork();
    const key = await em.findOne(ApiKeySchema, { id: keyId, tenantId });
    if (!key) throw notFound('API key');
    key.revokedAt ??= new Date();
    await em.flush();
    announceAuthChange(this.orm, { tenantId, apiKeyPrefix: key.prefix });
    return key;
  }

  async list(tenantId: string): Promise<ApiKey[]> {
    return this.orm.em.fork().find(ApiKeySchema, { tenantId }, { orderBy: { createdAt: 'asc' } });
  }

  /** Resolves a presented key to the caller, or undefined for unknown, malformed or revoked keys. */
  async authenticate(presented: string): Promise<RequestContext | undefined> {
    const parsed = parseApiKey(presented);
    if (!parsed) return undefined;
    const load = () => this.findCredential(parsed.prefix);
    const credential = this.cache ? await this.cache.apiKey(parsed.prefix, load) : await load();
    // Every request proves the secret again, cached row or not.
    if (!credential || !apiKeyMatches(presented, credential.secretHash)) return undefined;
    this.recordUse(credential);
    // A key never outranks its user: demoting (or removing) the user demotes (or disables) their keys.
    return { tenantId: credential.tenantId, userId: credential.userId, role: lowerRole(credential.keyRole, credential.userRole), via: 'api_key' };
  }

  /** The two indexed lookups: the unrevoked key by prefix, then its user (tenant-scoped). */
  private async findCredential(prefix: string): Promise<ApiKeyCredential | undefined> {
    const em = this.orm.em.fork();
    const key = await em.findOne(ApiKeySchema, { prefix, revokedAt: null });
    if (!key) return undefined;
    const user = await em.findOne(UserSchema, { id: key.userId, tenantId: key.tenantId });
    if (!user) return undefined;
    const { id: keyId, tenantId, userId, secretHash, role: keyRole, lastUsedAt } = key;
    return { keyId, tenantId, userId, secretHash, keyRole, userRole: user.role, lastUsedAt };
  }

  /**
   * Best-effort bookkeeping, write-behind: at most once a minute per key and process, never awaited by the request
   * (a hot key must not turn every request into a write, nor wait for one).
   */
  private recordUse(credential: ApiKeyCredential): void {
    const now = new Date();
    if (credential.lastUsedAt && now.getTime() - credential.lastUsedAt.getTime() <= LAST_USED_RESOLUTION_MS) return;
    credential.lastUsedAt = now;
    void this.orm.em
      .fork()
      .nativeUpdate(ApiKeySchema, { id: credential.keyId, tenantId: credential.tenantId }, { lastUsedAt: now })
      .catch(() => undefined);
  }
}
