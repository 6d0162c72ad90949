import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArray } from '../../../../src/db/sql-rows';

/** calendar_webhook_health: one row per provider, written by the maintenance job (SQL: upserts with counters). */
export interface WebhookHealthRecord {
  providerId: string;
  tenantId: string;
  watchedCalendarId: string | null;
  consecutiveFailures: number;
  lastError: string | null;
  lastRenewalAt: Date | null;
  polling: boolean;
}

const EMPTY = { watchedCalendarId: null, consecutiveFailures: 0, lastError: null, lastRenewalAt: null, polling: false };

export class WebhookHealthRepository {
  async find(em: EntityManager, tenantId: string, providerId: string): Promise<WebhookHealthRecord> {
    return (await this.findMany(em, tenantId, [providerId])).get(providerId)!;
  }

  /** Every asked provider gets a record; one never touched by the maintenance job has the empty one. */
  async findMany(em: EntityManager, tenantId: string, providerIds: readonly string[]): Promise<Map<string, WebhookHealthRecord>> {
    const rows = await em.execute<Array<Record<string, unknown>>>(
      `select provider_id as "providerId", watched_calendar_id as "watchedCalendarId", consecutive_failures as "consecutiveFailures",
              last_error as "lastError", last_renewal_at as "lastRenewalAt", polling
         from calendar_webhook_health where tenant_id = ? and provider_id = any(?::uuid[])`,
      [tenantId, pgArray(providerIds)],
    );
    const found = new Map(rows.map((row) => [row.providerId as string, row]));
    return new Map(providerIds.map((providerId) => [providerId, toHealth(tenantId, providerId, found.get(providerId))]));
  }

  /** A watch was created or renewed for `calendarId`: the failure streak and any polling fallback end. */
  async recordSuccess(em: EntityManager, tenantId: string, providerId: string, calendarId: string, at: Date): Promise<void> {
    await em.execute(
      `insert into calendar_webhook_health (provider_id, tenant_id, watched_calendar_id, last_renewal_at, renewals_ok)
       values (?, ?, ?, ?, 1)
       on conflict (provider_id) do update set watched_calendar_id = excluded.watched_calendar_id, last_renewal_at = excluded.last_renewal_at,
         consecutive_failures = 0, last_error = null, polling = false,
         renewals_ok = calendar_webhook_health.renewals_ok + 1, updated_at = now()`,
      [providerId, tenantId, calendarId, at],
    );
  }

  /** Returns the failures in a row, this one included. */
  async recordFailure(em: EntityManager, tenantId: string, providerId: string, reason: string): Promise<number> {
    const [row] = await em.execute<Array<{ consecutive_failures: number }>>(
      `insert into calendar_webhook_health (provider_id, tenant_id, consecutive_failures, last_error, renewals_failed)
       values (?, ?, 1, ?, 1)
       on conflict (provider_id) do update set consecutive_failures = calendar_webhook_health.consecutive_failures + 1,
         last_error = excluded.last_error, renewals_failed = calendar_webhook_health.renewals_failed + 1, updated_at = now()
       returning consecutive_failures`,
      [providerId, tenantId, reason],
    );
    return Number(row!.consecutive_failures);
  }

  /** The provider refuses push (tenant policy): the maintenance run queues syncs for it instead. Not a failure streak. */
  async recordPolling(em: EntityManager, tenantId: string, providerId: string, reason: string): Promise<void> {
    await em.execute(
      `insert into calendar_webhook_health (provider_id, tenant_id, polling, last_error) values (?, ?, true, ?)
       on conflict (provider_id) do update set polling = true, consecutive_failures = 0, last_error = excluded.last_error, updated_at = now()`,
      [providerId, tenantId, reason],
    );
  }

  /** The watch was stopped on purpose: nothing is failing and nothing is watched. */
  async recordStopped(em: EntityManager, tenantId: string, providerId: string): Promise<void> {
    await em.execute(
      `update calendar_webhook_health set watched_calendar_id = null, consecutive_failures = 0, last_error = null, polling = false, updated_at = now()
        where tenant_id = ? and provider_id = ?`,
      [tenantId, providerId],
    );
  }

  /** When each provider last sent us a notification (the intake writes webhook_inbox); absent: none kept. */
  async lastNotificationsAt(em: EntityManager, tenantId: string, providerIds: readonly string[]): Promise<Map<string, Date>> {
    const rows = await em.execute<Array<{ provider_id: string; at: string }>>(
      'select provider_id, max(received_at) as at from webhook_inbox where tenant_id = ? and provider_id = any(?::uuid[]) group by provider_id',
      [tenantId, pgArray(providerIds)],
    );
    return new Map(rows.map((row) => [row.provider_id, new Date(row.at)]));
  }

  async pollingProviders(em: EntityManager): Promise<Array<{ tenantId: string; providerId: string }>> {
    return em.execute(
      `select h.tenant_id as "tenantId", h.provider_id as "providerId" from calendar_webhook_health h
         join calendar_providers p on p.id = h.provider_id
        where h.polling and p.active and p.status = 'connected' and p.calendar_id is not null`,
    );
  }
}

function toHealth(tenantId: string, providerId: string, row: Record<string, unknown> | undefined): WebhookHealthRecord {
  if (!row) return { providerId, tenantId, ...EMPTY };
  return {
    providerId,
    tenantId,
    watchedCalendarId: row.watchedCalendarId as string | null,
    consecutiveFailures: Number(row.consecutiveFailures),
    lastError: row.lastError as string | null,
    lastRenewalAt: row.lastRenewalAt ? new Date(row.lastRenewalAt as string) : null,
    polling: Boolean(row.polling),
  };
}
