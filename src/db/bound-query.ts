import type { EntityManager, Knex } from '@mikro-orm/postgresql';

/**
 * A statement with its parameters sent as bind values (the driver's extended protocol), on a pooled connection
 * of its own. `em.execute` formats every parameter into the SQL text client-side, escaping included, which is most
 * of a small statement's cost on a hot path (a webhook ack). Not part of any transaction the caller's `em` is in:
 * for single statements only. `?` placeholders, as with `em.execute`. `timeoutMs`: the statement is cancelled on
 * the server (pg_cancel_backend) and the call rejects once it has run that long.
 */
export async function queryBound<T>(em: EntityManager, sql: string, params: readonly Knex.RawBinding[], options: { timeoutMs?: number } = {}): Promise<T[]> {
  const query = em.getKnex().raw(sql, params);
  const result = (await (options.timeoutMs ? query.timeout(options.timeoutMs, { cancel: true }) : query)) as { rows: T[] };
  return result.rows;
}
