import Fastify from 'fastify';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Pool } from 'pg';
import { apiKeyMatches, parseApiKey } from '../../src/auth/api-key-format';
import { lowerRole, type Role } from '../../src/auth/request-context';
import { encodeCursor } from '../../src/graphql/connection';
import { pgArray } from '../../src/db/sql-rows';
import { ScheduleEntryRepository } from '../../src/schedule/schedule-entry.repository';
import { USERS_BY_IDS_SQL } from '../../src/users/user.service';

/**
 * The floor of bench/graphql: bare Fastify + `pg` in its own process, running per request the SQL the app runs
 * when nothing is cached (the API key + user lookup, then the operation's own statements) and answering the same
 * JSON. No GraphQL, no ORM, no hooks: what the database and HTTP alone cost on this box.
 */
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_MAX ?? 10) });
const placeholders = new Map<string, string>();

/** The app's statements use `?` placeholders (MikroORM/knex); pg wants `$n`. Converted once per text. */
async function query<T = Record<string, any>>(sql: string, params: unknown[] = []): Promise<T[]> {
  let text = placeholders.get(sql);
  if (text === undefined) {
    let n = 0;
    text = sql.replace(/\?/g, () => `$${++n}`);
    placeholders.set(sql, text);
  }
  return (await pool.query(text, params)).rows as T[];
}

// Exactly what the app sends on a cache miss: the key by prefix, then its user (tenant-scoped).
const KEY_SQL = 'select "a0".* from "api_keys" as "a0" where "a0"."prefix" = ? and "a0"."revoked_at" is null limit 1';
const USER_SQL = 'select "u0".* from "users" as "u0" where "u0"."id" = ? and "u0"."tenant_id" = ? limit 1';

interface Caller {
  tenantId: string;
  userId: string;
  role: Role;
}

async function authenticate(authorization: string | undefined): Promise<Caller | undefined> {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  const parsed = token ? parseApiKey(token) : undefined;
  if (!token || !parsed) return undefined;
  const [key] = await query(KEY_SQL, [parsed.prefix]);
  if (!key || !apiKeyMatches(token, key.secret_hash)) return undefined;
  const [user] = await query(USER_SQL, [key.user_id, key.tenant_id]);
  if (!user) return undefined;
  return { tenantId: key.tenant_id, userId: key.user_id, role: lowerRole(key.role, user.role) };
}

/** The schedule repository itself, handed a pg-backed `execute`: the same statements and row mapping. */
const schedule = new ScheduleEntryRepository();
const em = { execute: query } as unknown as EntityManager;

async function scheduleEntries(caller: Caller, first: number) {
  const viewer = { admin: caller.role === 'admin', userId: caller.userId };
  const [rows, total] = await Promise.all([
    schedule.list(em, caller.tenantId, viewer, {}, first + 1),
    schedule.count(em, caller.tenantId, viewer, {}),
  ]);
  const page = rows.slice(0, first);
  const ids = [...new Set(page.flatMap((row) => row.assigneeIds))];
  const users = ids.length ? await query(USERS_BY_IDS_SQL, [caller.tenantId, pgArray(ids)]) : [];
  const byId = new Map(users.map((user) => [user.id, { id: user.id, email: user.email, displayName: user.display_name }]));
  const edges = page.map((row) => ({
    cursor: encodeCursor([row.startsAt.toISOString(), row.id]),
    node: {
      id: row.id,
      title: row.title,
      startsAt: row.startsAt.toISOString(),
      endsAt: row.endsAt.toISOString(),
      status: row.status.toUpperCase(),
      assignees: row.assigneeIds.map((id) => byId.get(id)).filter(Boolean),
    },
  }));
  return { scheduleEntries: { totalCount: total, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null }, edges } };
}

// The statement MikroORM's em.upsert sends for UserService.upsert (captured on the wire), with pg placeholders.
const UPSERT_SQL = `insert into "users" ("created_at", "display_name", "email", "external_id", "id", "role", "tenant_id") values (?, ?, ?, ?, ?, ?, ?)
  on conflict ("tenant_id", "external_id") do update set "email" = excluded."email", "display_name" = excluded."display_name", "role" = excluded."role"
  returning "id", "created_at"`;

async function upsertUser(caller: Caller, input: { externalId: string; email: string; role?: string }) {
  if (caller.role !== 'admin') throw new Error('forbidden');
  const role = (input.role ?? 'USER').toLowerCase();
  const [row] = await query(UPSERT_SQL, [new Date(), null, input.email.toLowerCase(), input.externalId, crypto.randomUUID(), role, caller.tenantId]);
  return { upsertUser: { id: row!.id, externalId: input.externalId, email: input.email.toLowerCase(), role: role.toUpperCase() } };
}

async function main(): Promise<void> {
  const app = Fastify({ logger: false });
  app.get('/readyz', async () => (await query('select 1'), { ready: true }));
  app.post('/floor/:operation', async (request, reply) => {
    const caller = await authenticate(request.headers.authorization);
    if (!caller) return reply.code(401).send({ errors: [{ message: 'Authentication required', extensions: { code: 'UNAUTHENTICATED' } }] });
    const { variables } = request.body as { variables?: Record<string, any> };
    switch ((request.params as { operation: string }).operation) {
      case 'edition':
        return { data: { edition: 'COMMUNITY' } };
      case 'scheduleEntries':
        return { data: await scheduleEntries(caller, Number(variables?.first ?? 50)) };
      case 'upsertUser':
        return { data: await upsertUser(caller, variables!.input) };
      default:
        return reply.code(404).send({ error: 'unknown operation' });
    }
  });
  await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
  const shutdown = () => void app.close().then(() => pool.end()).then(() => process.exit(0));
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`floor server failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
