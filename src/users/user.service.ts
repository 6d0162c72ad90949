import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException, type EntityData, type FilterQuery } from '@mikro-orm/core';
import { announceAuthChange } from '../auth/auth-changes';
import { isRole, type Role } from '../auth/request-context';
import { UserSchema, type User } from '../db/entities/user.entity';
import type { Orm } from '../db/orm';
import { pgArray } from '../db/sql-rows';
import { isUuid } from '../db/uuid';
import { badUserInput, conflict, notFound } from '../errors/domain-errors';
import { decodeCursor, pageSize, toConnection, type Connection } from '../graphql/connection';
import { normalizeEmail } from './email';

export interface UpsertUserInput {
  externalId: string;
  email: string;
  displayName?: string | null;
  role?: Role | null;
}

export interface ListUsersOptions {
  search?: string | null;
  first?: number | null;
  after?: string | null;
}

export const USERS_BY_IDS_SQL = 'select u.* from users u where u.tenant_id = ? and u.id = any(?::uuid[])';

/** Users the host PSA provisions. Every statement is tenant-scoped; writes are admin-only (resolvers). */
export class UserService {
  constructor(private readonly orm: Orm) {}

  /** Ordered by email (unique per tenant), which is also the keyset of the cursor. */
  async list(tenantId: string, options: ListUsersOptions): Promise<Connection<User>> {
    const size = pageSize(options.first);
    const [afterEmail] = decodeCursor(options.after, 1) ?? [];
    const where = { tenantId, ...searchFilter(options.search) } as FilterQuery<User> & object;
    const em = this.orm.em.fork();
    const [rows, totalCount] = await Promise.all([
      em.find(UserSchema, afterEmail ? { ...where, email: { $gt: afterEmail } } : where, { orderBy: { email: 'asc' }, limit: size + 1 }),
      em.count(UserSchema, where),
    ]);
    return toConnection(rows, size, totalCount, (user) => [user.email]);
  }

  async get(tenantId: string, id: string): Promise<User> {
    if (!isUuid(id)) throw notFound('User');
    const user = await this.orm.em.fork().findOne(UserSchema, { id, tenantId });
    if (!user) throw notFound('User');
    return user;
  }

  /** Batch lookup for DataLoaders: unknown ids are simply absent. */
  async findByIds(tenantId: string, ids: readonly string[]): Promise<User[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    // Hot path (assignees of every schedule page): one fixed statement, hydrated through the entity's own mapping.
    // em.find built the query on every call: ~9x the CPU for 5 users (bench/README.md, graphql).
    const em = this.orm.em.fork();
    const rows = await em.getConnection().execute(USERS_BY_IDS_SQL, [tenantId, pgArray(valid)]);
    return rows.map((row: EntityData<User>) => em.map(UserSchema, row));
  }

  /** Idempotent on (tenant, externalId): the same call twice leaves one user. */
  async upsert(tenantId: string, input: UpsertUserInput): Promise<User> {
    const values = validUpsert(input);
    try {
      const user = await this.orm.em.fork().upsert(
        UserSchema,
        { id: randomUUID(), tenantId, ...values, createdAt: new Date() },
        { onConflictFields: ['tenantId', 'externalId'], onConflictAction: 'merge', onConflictMergeFields: ['email', 'displayName', 'role'] },
      );
      // This process's cached credentials of the user follow at once; other processes hear the trigger's NOTIFY.
      announceAuthChange(this.orm, { tenantId, userId: user.id, externalIds: user.externalId ? [user.externalId] : [] });
      return user;
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        throw conflict('Another user of this tenant already has this email.', { field: 'email' });
      }
      throw error;
    }
  }
}

function searchFilter(search: string | null | undefined): Record<string, unknown> {
  const term = search?.trim();
  if (!term) return {};
  if (term.length > 200) throw badUserInput('search must be at most 200 characters.', { field: 'search' });
  const pattern = `%${term.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
  return { $or: [{ email: { $ilike: pattern } }, { displayName: { $ilike: pattern } }, { externalId: { $ilike: pattern } }] };
}

function validUpsert(input: UpsertUserInput): Pick<User, 'externalId' | 'email' | 'displayName' | 'role'> {
  const externalId = input.externalId.trim();
  if (externalId.length < 1 || externalId.length > 200) throw badUserInput('externalId must be 1-200 characters.', { field: 'externalId' });
  const email = normalizeEmail(input.email);
  if (!email) throw badUserInput('email is not a valid address.', { field: 'email' });
  const displayName = input.displayName?.trim() || null;
  if (displayName && displayName.length > 200) throw badUserInput('displayName must be at most 200 characters.', { field: 'displayName' });
  const role = input.role ?? 'user';
  if (!isRole(role)) throw badUserInput('role must be ADMIN or USER.', { field: 'role' });
  return { externalId, email, displayName, role };
}
