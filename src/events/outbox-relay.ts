import { randomUUID } from 'node:crypto';
import type { Orm } from '../db/orm';
import type { HookRegistry } from '../edition/extension-registry';
import type { Logger } from '../observability/logger';
import { throttledWarn } from '../observability/throttled-log';
import { withTimeout } from '../runtime/with-timeout';
import { countDeliveries } from './outbox-metrics';
import { OutboxListener } from './outbox-listener';
import { OutboxRepository, type ClaimedEvent } from './outbox.repository';
import { retryDelayMs } from './retry-backoff';

export interface OutboxRelayOptions {
  pollIntervalMs: number;
  /** Heads claimed per round; each belongs to a different aggregate, so they are delivered concurrently. */
  batchSize: number;
  leaseMs: number;
  /** A subscriber still running after this counts as a failed attempt; keep it below `leaseMs`. */
  deliveryTimeoutMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  retentionHours: number;
  purgeIntervalMs: number;
  purgeBatchSize: number;
}

export interface OutboxRelayDeps {
  orm: Orm;
  hooks: HookRegistry;
  logger: Logger;
  /** Database URL for LISTEN; undefined = polling only. */
  listenUrl?: string;
  options?: Partial<OutboxRelayOptions>;
}

export interface DrainResult {
  claimed: number;
  delivered: number;
  failed: number;
}

const DEFAULT_LEASE_MS = 60_000;

export const DEFAULT_RELAY_OPTIONS: OutboxRelayOptions = {
  pollIntervalMs: 1000,
  batchSize: 50,
  leaseMs: DEFAULT_LEASE_MS,
  deliveryTimeoutMs: DEFAULT_LEASE_MS / 2,
  retryBaseMs: 1000,
  retryMaxMs: 300_000,
  retentionHours: 168,
  purgeIntervalMs: 10 * 60_000,
  purgeBatchSize: 1000,
};

/**
 * Delivers `domain_events` to the `schedule.entryChanged` subscribers, at least once and in order per aggregate,
 * from any number of processes at once.
 *
 * - Claim: one statement leases the due *heads* (oldest unpublished event of each aggregate) with
 *   `FOR UPDATE SKIP LOCKED`. Plain SKIP LOCKED on rows would let relay B take event #2 while A delivers #1; here
 *   #2 is not a head until #1 is published, so a failing or leased event holds back its own aggregate only.
 * - Lease instead of an open transaction: the claim commits at once and the subscribers run outside any
 *   transaction, bounded by `deliveryTimeoutMs` (< lease). Holding a row lock across a subscriber would pin a
 *   pool connection per batch and, on embedded PGlite (one session shared by all connections), stall every
 *   other query, the subscriber's own included. Cost: a relay killed mid-delivery leaves its events leased; any
 *   relay redelivers them once the lease expires (`OUTBOX_LEASE_SECONDS`). Updates are fenced by the lease
 *   token, so a relay that lost its lease cannot publish over the new owner.
 * - Retry: a failed delivery releases the lease and sets `next_attempt_at` by exponential backoff, capped;
 *   past the cap it keeps retrying at the cap (nothing is dropped) and logs at error level.
 * - Wake-ups: NOTIFY from appendDomainEvent (sent at commit) via a dedicated LISTEN connection, plus polling
 *   every `pollIntervalMs`, which also picks up retries as they come due and covers a lost listener.
 * - Purge: published rows older than the retention window are deleted in batches, every `purgeIntervalMs`.
 * With no subscriber (CE) every delivery succeeds at once: events are published and later purged.
 */
export class OutboxRelay {
  private readonly options: OutboxRelayOptions;
  private readonly repository: OutboxRepository;
  private readonly warnDrainFailed: (error: unknown) => void;
  private listener: OutboxListener | undefined;
  private timers: NodeJS.Timeout[] = [];
  private running: Promise<void> | undefined;
  private purging: Promise<unknown> | undefined;
  private wanted = false;
  private stopped = true;

  constructor(private readonly deps: OutboxRelayDeps) {
    const leaseMs = deps.options?.leaseMs ?? DEFAULT_RELAY_OPTIONS.leaseMs;
    this.options = { ...DEFAULT_RELAY_OPTIONS, deliveryTimeoutMs: leaseMs / 2, ...deps.options };
    this.repository = new OutboxRepository(deps.orm);
    this.warnDrainFailed = throttledWarn(deps.logger, 'outbox relay round failed; retrying on the next poll');
  }

  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    this.timers = [
      setInterval(() => this.wake(), this.options.pollIntervalMs),
      setInterval(() => this.purgeInBackground(), this.options.purgeIntervalMs),
    ];
    for (const timer of this.timers) timer.unref();
    if (this.deps.listenUrl) {
      this.listener = new OutboxListener({ url: this.deps.listenUrl, logger: this.deps.logger, onWake: () => this.wake() });
      await this.listener.start();
    }
    this.wake();
    this.purgeInBackground();
  }

  /** Stops waking up, then waits for the round in flight (its subscribers and bookkeeping) to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    await this.listener?.stop();
    this.listener = undefined;
    await this.running;
    await this.purging;
  }

  /** One round: lease the due heads, deliver them, publish the successes, schedule retries for the rest. */
  async drainOnce(): Promise<DrainResult> {
    const leaseToken = randomUUID();
    const claimed = await this.repository.claimDueHeads(this.options.batchSize, leaseToken, this.options.leaseMs);
    if (claimed.length === 0) return { claimed: 0, delivered: 0, failed: 0 };
    const errors = await Promise.all(claimed.map((item) => this.deliver(item)));
    const succeeded = claimed.filter((_, index) => !errors[index]);
    const published = await this.repository.markPublished(leaseToken, succeeded.map((item) => item.event));
    if (published.length < succeeded.length) this.warnLostLeases(succeeded, published);
    const failures = claimed.flatMap((item, index) => (errors[index] ? [{ item, error: errors[index] }] : []));
    await Promise.all(failures.map(({ item, error }) => this.scheduleRetry(leaseToken, item, error)));
    countDeliveries('delivered', published.length);
    countDeliveries('failed', failures.length);
    return { claimed: claimed.length, delivered: published.length, failed: failures.length };
  }

  /** Deletes every published event older than the retention window, batch by batch; returns how many. */
  async purgeOnce(): Promise<number> {
    let total = 0;
    for (;;) {
      const deleted = await this.repository.purgePublished(this.options.retentionHours, this.options.purgeBatchSize);
      total += deleted;
      if (deleted < this.options.purgeBatchSize) return total;
    }
  }

  private wake(): void {
    if (this.stopped) return;
    this.wanted = true;
    this.running ??= this.loop().finally(() => (this.running = undefined));
  }

  private async loop(): Promise<void> {
    while (this.wanted && !this.stopped) {
      this.wanted = false;
      try {
        const result = await this.drainOnce();
        // A published head makes its aggregate's next event due; a full batch means more may be waiting.
        if (result.delivered > 0 || result.claimed === this.options.batchSize) this.wanted = true;
      } catch (error) {
        this.warnDrainFailed(error);
      }
    }
  }

  /** Resolves with the failure (never rejects), so one subscriber error cannot stop the others' bookkeeping. */
  private async deliver({ event, attempt }: ClaimedEvent): Promise<Error | undefined> {
    try {
      const delivery = this.deps.hooks.run('schedule.entryChanged', event, { eventId: event.id, attempt });
      await withTimeout(delivery, this.options.deliveryTimeoutMs, `schedule.entryChanged subscriber for event ${event.id}`);
      return undefined;
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  }

  private async scheduleRetry(leaseToken: string, { event, attempt }: ClaimedEvent, error: Error): Promise<void> {
    const delayMs = retryDelayMs(attempt, this.options.retryBaseMs, this.options.retryMaxMs);
    const kept = await this.repository.recordFailure(leaseToken, event, delayMs, error.message.slice(0, 1000));
    const context = { eventId: event.id, tenantId: event.tenantId, type: event.type, attempt, retryInMs: delayMs, err: error };
    if (!kept) this.deps.logger.warn(context, 'outbox delivery failed after its lease expired; the new lease holder retries it');
    else if (delayMs >= this.options.retryMaxMs) this.deps.logger.error(context, 'outbox delivery keeps failing; retrying at the backoff cap');
    else this.deps.logger.warn(context, 'outbox delivery failed; will retry');
  }

  private warnLostLeases(succeeded: ClaimedEvent[], published: string[]): void {
    const lost = succeeded.map((item) => item.event.id).filter((id) => !published.includes(id));
    this.deps.logger.warn({ eventIds: lost }, 'outbox lease expired during delivery; the events will be delivered again');
  }

  private purgeInBackground(): void {
    if (this.stopped || this.purging) return;
    this.purging = this.purgeOnce()
      .then((deleted) => deleted > 0 && this.deps.logger.info({ deleted }, 'published outbox events purged'))
      .catch((error) => this.deps.logger.warn({ err: error }, 'outbox purge failed; retrying on the next interval'))
      .finally(() => (this.purging = undefined));
  }
}
