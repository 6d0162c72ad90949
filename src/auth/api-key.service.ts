import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ApiKeySchema, type ApiKey } from '../db/entities/api-key.entity';
import { UserSchema } from '../db/entities/user.entity';
import type { Orm } from '../db/orm';
import { isUuid } from '../db/uuid';
import { badUserInput, notFound } from '../errors/domain-errors';
import { apiKeyMatches, generateApiKey, parseApiKey } from './api-key-format';
import { isRole, type RequestContext, type Role } from './request-context';

const LAST_USED_RESOLUTION_MS = 60_000;

export interface CreatedApiKey {
  row: ApiKey;
  /** Shown exactly once; only its hash is stored. */
  apiKey: string;
}

export class ApiKeyService {
  constructor(private readonly orm: Orm) {}

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
    return key;
  }

  async list(tenantId: string): Promise<ApiKey[]> {
    return this.orm.em.fork().find(ApiKeySchema, { tenantId }, { orderBy: { createdAt: 'asc' } });
  }

  /** Resolves a presented key to the caller, or undefined for unknown, malformed or revoked keys. */
  async authenticate(presented: string): Promise<RequestContext | undefined> {
    const parsed = parseApiKey(presented);
    if (!parsed) return undefined;
    const em = this.orm.em.fork();
    const key = await em.findOne(ApiKeySchema, { prefix: parsed.prefix, revokedAt: null });
    if (!key || !apiKeyMatches(presented, key.secretHash)) return undefined;
    // A key never outranks its user: demoting (or removing) the user demotes (or disables) their keys.
    const user = await em.findOne(UserSchema, { id: key.userId, tenantId: key.tenantId });
    if (!user) return undefined;
    // Best-effort bookkeeping, at most once a minute per key: a hot key must not turn every request into a write.
    const now = new Date();
    if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      await em.nativeUpdate(ApiKeySchema, { id: key.id, tenantId: key.tenantId }, { lastUsedAt: now }).catch(() => undefined);
    }
    return { tenantId: key.tenantId, userId: key.userId, role: lowerRole(key.role, user.role), via: 'api_key' };
  }
}

function lowerRole(a: Role, b: Role): Role {
  return a === 'admin' && b === 'admin' ? 'admin' : 'user';
}
