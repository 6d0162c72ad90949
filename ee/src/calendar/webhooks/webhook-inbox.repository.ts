import type { EntityManager } from '@mikro-orm/postgresql';
import { queryBound } from '../../../../src/db/bound-query';
import type { CalendarProviderType } from '../adapters/calendar-adapter';

export interface InboxEntry {
  tenantId: string;
  providerId: string;
  providerType: CalendarProviderType;
  /** e.g. `google.exists`, `microsoft.change`, `microsoft.lifecycle.missed`. */
  kind: string;
  payload: Record<string, unknown>;
  /** Same key, same notification (a provider retry or a duplicate); null: never merged. */
  dedupeKey: string | null;
}

/** An entry with the key it is stored under. */
export interface InboxRow extends InboxEntry {
  id: string;
}

function toColumns(row: InboxRow) {
  return {
    id: row.id,
    tenant_id: row.tenantId,
    provider_id: row.providerId,
    provider_type: row.providerType,
    kind: row.kind,
    payload: row.payload,
    dedupe_key: row.dedupeKey,
  };
}

export interface PendingProvider {
  tenantId: string;
  providerId: string;
}

export interface InboxLag {
  pending: number;
  oldestAgeSeconds: number | null;
}

/**
 * A provider a sync run would process: the sweeper and the lag metric only look at rows of these, so a paused
 * or disconnected provider's notifications wait (and age out with the retention) instead of queueing runs that
 * return without reading anything.
 */
const SYNCABLE = `p.active and p.status = 'connected' and p.calendar_id is not null and p.sync_direction <> 'to_external'`;

/**
 * webhook_inbox: notifications are persisted before they are acknowledged, so none is lost on a crash. Hand-written
 * SQL (not the ORM): one multi-row `insert … on conflict do nothing` per group of acks is their hot path, and the
 * sweeper/purge are set-wise statements. The sync run marks rows processed (provider-sync.runner.ts).
 */
export class WebhookInboxRepository {
  /**
   * One statement for the whole batch, with the rows as one JSON bind parameter (a batch of many requests is not
   * hundreds of values to format), and returns the ids actually inserted: duplicates fall out on the dedupe key,
   * rows of a provider deleted meanwhile on the join (so one of them never fails the others' statement). After
   * `timeoutMs` the statement is cancelled and the call fails.
   */
  async insertMany(em: EntityManager, rows: readonly InboxRow[], timeoutMs?: number): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const inserted = await queryBound<{ id: string }>(
      em,
      `insert into webhook_inbox (id, tenant_id, provider_id, provider_type, kind, payload, dedupe_key)
       select r.id, r.tenant_id, r.provider_id, r.provider_type, r.kind, r.payload, r.dedupe_key
         from jsonb_to_recordset(?::jsonb) as r(id uuid, tenant_id uuid, provider_id uuid, provider_type text, kind text, payload jsonb, dedupe_key text)
         join calendar_providers p on p.tenant_id = r.tenant_id and p.id = r.provider_id
       on conflict (provider_id, dedupe_key) do nothing returning id`,
      [JSON.stringify(rows.map(toColumns))],
      { timeoutMs },
    );
    return new Set(inserted.map((row) => row.id));
  }

  /**
   * Providers with a notification still unprocessed after `olderThanMs`: its sync job was lost (Redis down or
   * restarted, a crash between insert and enqueue). System-wide by nature; each result names its tenant.
   */
  async findProvidersWithStalePending(em: EntityManager, olderThanMs: number, limit = 1000): Promise<PendingProvider[]> {
    return em.execute<PendingProvider[]>(
      `select distinct w.tenant_id as "tenantId", w.provider_id as "providerId"
         from webhook_inbox w join calendar_providers p on p.tenant_id = w.tenant_id and p.id = w.provider_id
        where w.processed_at is null and w.received_at < now() - (? * interval '1 millisecond') and ${SYNCABLE}
        limit ?`,
      [olderThanMs, limit],
    );
  }

  /** Deletes rows received before the retention window, in bounded batches (no long lock on a busy table). */
  async purgeOlderThan(em: EntityManager, retentionMs: number, batchSize = 5000): Promise<number> {
    let total = 0;
    for (;;) {
      const deleted = await em.execute<Array<{ id: string }>>(
        `delete from webhook_inbox where id in (
           select id from webhook_inbox where received_at < now() - (? * interval '1 millisecond') limit ?) returning id`,
        [retentionMs, batchSize],
      );
      total += deleted.length;
      if (deleted.length < batchSize) return total;
    }
  }

  /** Marks a provider's notifications since `since` unprocessed again; the next run covers and re-marks them. */
  async reopenSince(em: EntityManager, tenantId: string, providerId: string, since: Date): Promise<number> {
    const rows = await em.execute<Array<{ id: string }>>(
      `update webhook_inbox set processed_at = null where tenant_id = ? and provider_id = ? and received_at >= ? returning id`,
      [tenantId, providerId, since],
    );
    return rows.length;
  }

  /** Unprocessed rows of syncable providers and the age of the oldest (the inbox lag), on the database clock. */
  async lag(em: EntityManager): Promise<InboxLag> {
    const [row] = await em.execute<Array<{ pending: string; oldest: string | null }>>(
      `select count(*) as pending, extract(epoch from now() - min(w.received_at)) as oldest
         from webhook_inbox w join calendar_providers p on p.tenant_id = w.tenant_id and p.id = w.provider_id
        where w.processed_at is null and ${SYNCABLE}`,
    );
    return { pending: Number(row?.pending ?? 0), oldestAgeSeconds: row?.oldest == null ? null : Number(row.oldest) };
  }
}
