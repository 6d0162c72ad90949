import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import Fastify from 'fastify';
import { Redis } from 'ioredis';
import { Pool } from 'pg';

/**
 * The floor of bench/webhook-ack: bare Fastify + `pg` + one BullMQ queue in its own process. Per request exactly
 * what the issue names: one indexed SELECT (the provider by its channel/subscription id), one INSERT (the inbox
 * row) and one BullMQ `add` (the coalesced sync job), then the provider's status code. No verification, no hooks,
 * no rate limiter: what HTTP, the database and Redis alone cost on this box.
 */
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_MAX ?? 10) });
const connection = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: null });
const queue = new Queue('calendar-sync', { connection, prefix: process.env.REDIS_PREFIX });

const SELECT = 'select id, tenant_id, provider_type from calendar_providers where provider_type = $1 and webhook_subscription_id = $2';
const INSERT = `insert into webhook_inbox (id, tenant_id, provider_id, provider_type, kind, payload, dedupe_key)
  values ($1, $2, $3, $4, $5, $6, $7) on conflict (provider_id, dedupe_key) do nothing`;

async function accept(type: 'google' | 'microsoft', subscriptionId: string, payload: unknown, dedupeKey: string): Promise<boolean> {
  const { rows } = await pool.query(SELECT, [type, subscriptionId]);
  const provider = rows[0];
  if (!provider) return false;
  await pool.query(INSERT, [randomUUID(), provider.tenant_id, provider.id, type, `${type}.floor`, JSON.stringify(payload), dedupeKey]);
  await queue.add('provider-sync', { tenantId: provider.tenant_id, providerId: provider.id }, { jobId: `sync-${provider.id}`, removeOnComplete: true });
  return true;
}

async function main(): Promise<void> {
  const app = Fastify({ logger: false });
  app.get('/readyz', async () => (await pool.query('select 1'), { ready: true }));
  app.post('/floor/google', async (request, reply) => {
    const channel = String(request.headers['x-goog-channel-id'] ?? '');
    const ok = await accept('google', channel, { state: request.headers['x-goog-resource-state'] }, `${channel}:${request.headers['x-goog-message-number']}`);
    return reply.code(ok ? 200 : 404).send({ success: ok });
  });
  app.post('/floor/microsoft', async (request, reply) => {
    const item = ((request.body as { value?: Array<Record<string, any>> }).value ?? [])[0] ?? {};
    const ok = await accept('microsoft', String(item.subscriptionId), item, `${item.subscriptionId}:${item.resource}:${item.resourceData?.['@odata.etag']}`);
    return reply.code(ok ? 202 : 404).send();
  });
  const close = async () => {
    await app.close();
    await queue.close();
    await connection.quit();
    await pool.end();
    process.exit(0);
  };
  process.once('SIGTERM', () => void close());
  await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
