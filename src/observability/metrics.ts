import type { QueueCounts } from '../queue/job-queue';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface QueueDepthSource {
  counts(): Promise<Record<string, QueueCounts>>;
}

/** The outbox as /metrics sees it (src/events OutboxMetricsReader): one shared query per scrape. */
export interface OutboxMetricsSource {
  snapshot(): Promise<{ pending: number; retrying: number; lagSeconds: number }>;
  deliveries(): Record<string, number>;
}

/** One registry per app instance (tests build several apps in one process). */
export class Metrics {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by route',
    labelNames: ['method', 'route', 'status_code'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly graphqlDuration = new Histogram({
    name: 'graphql_operation_duration_seconds',
    help: 'GraphQL operation latency by operation',
    labelNames: ['operation_type', 'operation_name', 'outcome'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly graphqlErrors = new Counter({
    name: 'graphql_errors_total',
    help: 'GraphQL errors by extensions.code',
    labelNames: ['code'],
    registers: [this.registry],
  });

  constructor(queueDepth: QueueDepthSource, outbox?: OutboxMetricsSource) {
    collectDefaultMetrics({ register: this.registry });
    if (outbox) registerOutboxMetrics(this.registry, outbox);
    new Gauge({
      name: 'queue_jobs',
      help: 'Jobs per queue and state',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      async collect() {
        const counts = await queueDepth.counts().catch(() => ({}));
        this.reset();
        for (const [queue, states] of Object.entries(counts)) {
          for (const [state, value] of Object.entries(states)) this.set({ queue, state }, value as number);
        }
      },
    });
  }
}

/** A failed read reports NaN (unknown) rather than failing the whole scrape or claiming an empty outbox. */
function registerOutboxMetrics(registry: Registry, outbox: OutboxMetricsSource): void {
  const gauge = (name: string, help: string, pick: (stats: Awaited<ReturnType<OutboxMetricsSource['snapshot']>>) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        const stats = await outbox.snapshot().catch(() => undefined);
        this.set(stats ? pick(stats) : Number.NaN);
      },
    });
  gauge('outbox_pending', 'Domain events not yet published', (stats) => stats.pending);
  gauge('outbox_lag_seconds', 'Age of the oldest unpublished domain event (0 when none)', (stats) => stats.lagSeconds);
  gauge('outbox_retrying', 'Unpublished domain events whose last delivery failed', (stats) => stats.retrying);
  new Counter({
    name: 'outbox_deliveries_total',
    help: 'Outbox deliveries by the relays of this process, by outcome',
    labelNames: ['outcome'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [outcome, count] of Object.entries(outbox.deliveries())) this.inc({ outcome }, count);
    },
  });
}
