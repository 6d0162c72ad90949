import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { Orm } from '../../../../src/db/orm';
import type { CalendarProviderType } from '../adapters/calendar-adapter';
import { WebhookInboxRepository } from './webhook-inbox.repository';

/** Why a notification was refused. `unverified`: unknown channel/subscription or a wrong secret (one answer for both). */
export type WebhookRejection = 'malformed' | 'unverified' | 'resource_mismatch';

export interface WebhookIntakeMetrics {
  received: Counter<'provider_type'>;
  deduplicated: Counter<'provider_type'>;
  rejected: Counter<'provider_type' | 'reason'>;
  /** Seconds from the request's arrival to its answer, by provider and status code. */
  ackSeconds: Histogram<'provider_type' | 'status'>;
}

/**
 * Counters live in the process that receives webhooks (the API). One set per runtime, keyed by its ORM: the intake
 * (built by the calendar module's routes) and /metrics (this module's `metrics` hook) are handed different deps
 * objects of the same runtime, and tests start several runtimes in one process.
 */
const byRuntime = new WeakMap<Orm, WebhookIntakeMetrics>();

export function webhookIntakeMetrics(orm: Orm): WebhookIntakeMetrics {
  let metrics = byRuntime.get(orm);
  if (!metrics) {
    metrics = {
      received: new Counter({ name: 'calendar_webhook_notifications_received_total', help: 'Verified webhook notifications (Graph: batch items)', labelNames: ['provider_type'], registers: [] }),
      deduplicated: new Counter({ name: 'calendar_webhook_notifications_deduplicated_total', help: 'Verified notifications already in the inbox (retries, duplicates)', labelNames: ['provider_type'], registers: [] }),
      rejected: new Counter({ name: 'calendar_webhook_notifications_rejected_total', help: 'Refused webhook notifications by reason', labelNames: ['provider_type', 'reason'], registers: [] }),
      ackSeconds: new Histogram({
        name: 'calendar_webhook_ack_seconds',
        help: 'Time to acknowledge a webhook request (Graph gives up at 3 s and throttles above 2.9 s)',
        labelNames: ['provider_type', 'status'],
        buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.9],
        registers: [],
      }),
    };
    byRuntime.set(orm, metrics);
  }
  return metrics;
}

export function countRejected(metrics: WebhookIntakeMetrics, providerType: CalendarProviderType, reason: WebhookRejection, count = 1): void {
  if (count > 0) metrics.rejected.inc({ provider_type: providerType, reason }, count);
}

/** Intake counters, plus the inbox lag read from the database on scrape (the sweeper and runs are elsewhere). */
export function registerWebhookInboxMetrics(registry: Registry, orm: Orm): void {
  const intake = webhookIntakeMetrics(orm);
  for (const metric of [intake.received, intake.deduplicated, intake.rejected, intake.ackSeconds]) registry.registerMetric(metric);
  const inbox = new WebhookInboxRepository();
  let pending: ReturnType<WebhookInboxRepository['lag']> | undefined;
  // One query per scrape for both gauges; a failed read reports nothing rather than a reassuring zero.
  const lag = () => {
    pending ??= inbox.lag(orm.em.fork()).finally(() => setTimeout(() => (pending = undefined), 0));
    return pending.catch(() => undefined);
  };
  new Gauge({
    name: 'calendar_webhook_inbox_lag_seconds',
    help: 'Age of the oldest unprocessed inbox notification of a syncable provider (0 when none)',
    registers: [registry],
    async collect() {
      const value = await lag();
      this.reset();
      if (value) this.set(value.oldestAgeSeconds ?? 0);
    },
  });
  new Gauge({
    name: 'calendar_webhook_inbox_pending',
    help: 'Unprocessed inbox notifications of syncable providers',
    registers: [registry],
    async collect() {
      const value = await lag();
      this.reset();
      if (value) this.set(value.pending);
    },
  });
}

/** Observed just before the answer is sent: Fastify's elapsed time runs from the request's arrival. */
export function observeAck(metrics: WebhookIntakeMetrics, providerType: CalendarProviderType, status: number, elapsedMs: number): void {
  metrics.ackSeconds.observe({ provider_type: providerType, status: String(status) }, elapsedMs / 1000);
}
