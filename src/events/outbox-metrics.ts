import type { Orm } from '../db/orm';
import { OutboxRepository, type OutboxStats } from './outbox.repository';

export type DeliveryOutcome = 'delivered' | 'failed';

/**
 * Deliveries made by the relays of this process. Process-wide on purpose: the relay is started next to the app
 * (src/server.ts), not inside it, and a counter's value belongs to the process that exposes it.
 */
const deliveryTally: Record<DeliveryOutcome, number> = { delivered: 0, failed: 0 };

export function countDeliveries(outcome: DeliveryOutcome, count: number): void {
  deliveryTally[outcome] += count;
}

/**
 * What /metrics reads about the outbox. prom-client collects all metrics of a scrape concurrently, so the
 * gauges that start while a stats query is in flight share it: one query per scrape, never a stale value.
 */
export class OutboxMetricsReader {
  private readonly repository: OutboxRepository;
  private inFlight: Promise<OutboxStats> | undefined;

  constructor(orm: Orm) {
    this.repository = new OutboxRepository(orm);
  }

  snapshot(): Promise<OutboxStats> {
    this.inFlight ??= this.repository.stats().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  deliveries(): Record<DeliveryOutcome, number> {
    return { ...deliveryTally };
  }
}
