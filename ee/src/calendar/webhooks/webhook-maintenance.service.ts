import type { EntityManager } from '@mikro-orm/postgresql';
import type { Orm } from '../../../../src/db/orm';
import type { Logger } from '../../../../src/observability/logger';
import type { JobQueue } from '../../../../src/queue/job-queue';
import { CALENDAR_SYNC_QUEUE, providerSyncJob, type WebhookLifecycleJobData } from '../calendar-jobs';
import type { CalendarProviderRecord, CalendarProviderRepository } from '../calendar-provider.repository';
import { decideWatch, MAX_CONSECUTIVE_FAILURES, type WatchAction } from './webhook-maintenance.decision';
import type { WebhookHealthRepository } from './webhook-maintenance.health';
import { isSubscriptionRefused, refusalReason } from './webhook-refusal';
import type { WebhookSubscriptionService } from './webhook-subscription.service';
import type { ProcessLocks } from './process-locks';

export interface WebhookMaintenanceDeps {
  orm: Orm;
  queue: Pick<JobQueue, 'add'>;
  logger: Logger;
  providers: CalendarProviderRepository;
  subscriptions: WebhookSubscriptionService;
  health: WebhookHealthRepository;
  /** Injected so tests can move it together with the simulators' clocks. */
  clock?: () => Date;
  /** Embedded mode (PGlite, one process): locks in memory instead of advisory locks held in a transaction. */
  processLocks?: ProcessLocks;
}

export interface MaintenanceReport {
  providers: number;
  actions: Partial<Record<WatchAction, number>>;
  failed: number;
  polled: number;
}

const RENEWAL_ERROR_PREFIX = 'Calendar change notifications could not be renewed';

/** ERROR set by this job's failed renewals, as opposed to one the sync engine or the token manager set. */
function isOwnError(provider: CalendarProviderRecord): boolean {
  return provider.status === 'error' && (provider.lastError?.startsWith(RENEWAL_ERROR_PREFIX) ?? false);
}

/** Advisory lock keys (pg_advisory_xact_lock(int, int)): one namespace, the run itself and per-provider locks. */
const LOCK_NAMESPACE = 0x5b0a57;
const RUN_LOCK = 0;
/** Providers handled at once by a run: each holds a pooled connection for its lock while it talks to the provider. */
const RUN_CONCURRENCY = 3;

/**
 * Keeps every provider's watch alive: creates missing ones, renews (Graph) or rolls (Google) those within a day of
 * expiry, replaces those on a previous calendar, stops unwanted ones, ends Google overlaps, and queues syncs for
 * providers that refuse push. One run at a time across processes; per provider, one change at a time with the
 * ensure job, lifecycle events and renewCalendarWebhook.
 */
export class WebhookMaintenanceService {
  constructor(private readonly deps: WebhookMaintenanceDeps) {}

  private now(): Date {
    return this.deps.clock ? this.deps.clock() : new Date();
  }

  /** Null when another run holds the lock (BullMQ may start the next period while a slow run is still going). */
  async run(): Promise<MaintenanceReport | null> {
    const local = this.deps.processLocks;
    if (local) return local.tryLock('webhook-maintenance-run', () => this.runLocked(this.deps.orm.em.fork()));
    return this.deps.orm.em.fork().transactional(async (em) => {
      const [lock] = await em.execute<Array<{ locked: boolean }>>('select pg_try_advisory_xact_lock(?, ?) as locked', [LOCK_NAMESPACE, RUN_LOCK]);
      if (!lock?.locked) return null;
      return this.runLocked(em);
    });
  }

  private async runLocked(em: EntityManager): Promise<MaintenanceReport> {
    const report: MaintenanceReport = { providers: 0, actions: {}, failed: 0, polled: 0 };
    const candidates = await em.execute<Array<{ tenantId: string; id: string }>>(
      `select tenant_id as "tenantId", id from calendar_providers
        where webhook_subscription_id is not null or (active and status = 'connected' and calendar_id is not null and sync_direction <> 'to_external')
        order by id`,
    );
    report.providers = candidates.length;
    for (let i = 0; i < candidates.length; i += RUN_CONCURRENCY) {
      const batch = candidates.slice(i, i + RUN_CONCURRENCY);
      const results = await Promise.allSettled(batch.map((c) => this.ensure(c.tenantId, c.id)));
      for (const [index, result] of results.entries()) {
        if (result.status === 'fulfilled') report.actions[result.value] = (report.actions[result.value] ?? 0) + 1;
        else {
          report.failed += 1;
          this.deps.logger.error({ err: result.reason, providerId: batch[index]!.id }, 'calendar webhook maintenance failed for a provider');
        }
      }
    }
    await this.deps.subscriptions.stopDueOverlaps(this.now());
    report.polled = await this.queuePollingSyncs();
    return report;
  }

  /** Complaint 13: a provider that refuses push is synced on the maintenance period instead. */
  private async queuePollingSyncs(): Promise<number> {
    const polling = await this.deps.health.pollingProviders(this.deps.orm.em.fork());
    await Promise.all(polling.map((p) => this.deps.queue.add(CALENDAR_SYNC_QUEUE, ...providerSyncJob(p.tenantId, p.providerId))));
    return polling.length;
  }

  /** Brings one provider's watch in line with its row. Failures are recorded (and counted), not thrown. */
  async ensure(tenantId: string, providerId: string): Promise<WatchAction> {
    return this.withProviderLock(providerId, async () => {
      const provider = await this.deps.providers.find(this.deps.orm.em.fork(), tenantId, providerId);
      if (!provider) return 'none';
      const health = await this.deps.health.find(this.deps.orm.em.fork(), tenantId, providerId);
      const now = this.now();
      const action = decideWatch({ ...provider, watchedCalendarId: health.watchedCalendarId }, now);
      await this.apply(provider, action, now);
      return action;
    });
  }

  /** renewCalendarWebhook: renew (or create) now, whatever the expiry. */
  async renewNow(tenantId: string, providerId: string): Promise<void> {
    await this.withProviderLock(providerId, async () => {
      const provider = await this.deps.providers.find(this.deps.orm.em.fork(), tenantId, providerId);
      if (!provider) return;
      const health = await this.deps.health.find(this.deps.orm.em.fork(), tenantId, providerId);
      const now = this.now();
      const action = decideWatch({ ...provider, watchedCalendarId: health.watchedCalendarId }, now);
      // Kept watches are renewed anyway; one of a provider waiting for re-authorization has no grant to do it with.
      const forced = action === 'keep' && (provider.status === 'connected' || isOwnError(provider)) ? 'renew' : action;
      await this.apply(provider, forced, now);
    });
  }

  /**
   * Graph lifecycle events (verified by clientState at intake). Each ends with a sync from the delta cursor, which
   * is the catch-up. An event for a subscription we no longer hold is stale and ignored.
   */
  async lifecycle(data: WebhookLifecycleJobData): Promise<void> {
    await this.withProviderLock(data.providerId, async () => {
      const provider = await this.deps.providers.find(this.deps.orm.em.fork(), data.tenantId, data.providerId);
      if (!provider || (data.subscriptionId && provider.webhookSubscriptionId !== data.subscriptionId)) {
        this.deps.logger.info({ providerId: data.providerId, lifecycleEvent: data.lifecycleEvent }, 'lifecycle event for a subscription we no longer hold: ignored');
        return;
      }
      const now = this.now();
      if (data.lifecycleEvent === 'reauthorizationRequired') await this.apply(provider, provider.webhookExpiresAt ? 'renew' : 'create', now);
      if (data.lifecycleEvent === 'subscriptionRemoved') await this.apply(provider, 'create', now);
      await this.deps.queue.add(CALENDAR_SYNC_QUEUE, ...providerSyncJob(provider.tenantId, provider.id));
    });
  }

  private async apply(provider: CalendarProviderRecord, action: WatchAction, now: Date): Promise<void> {
    if (action === 'none' || action === 'keep') return;
    if (action === 'stop') return this.stop(provider);
    try {
      if (action === 'replace') await this.stopBestEffort(provider);
      if (action === 'renew') await this.deps.subscriptions.renew(provider, now);
      // A registration still on the row when creating is dead (lapsed, removed by the provider).
      else await this.deps.subscriptions.create(provider.webhookSubscriptionId ? await this.deps.subscriptions.forget(provider) : provider, now);
    } catch (error) {
      await this.recordFailure(provider, error);
      return;
    }
    await this.clearOwnError(provider);
  }

  /** An ERROR this job set (failed renewals) ends with the next success, e.g. an admin's renewCalendarWebhook. */
  private async clearOwnError(provider: CalendarProviderRecord): Promise<void> {
    if (!isOwnError(provider)) return;
    await this.deps.providers.update(this.deps.orm.em.fork(), provider.tenantId, provider.id, { status: 'connected', lastError: null });
  }

  private async stop(provider: CalendarProviderRecord): Promise<void> {
    await this.stopBestEffort(provider);
    await this.deps.health.recordStopped(this.deps.orm.em.fork(), provider.tenantId, provider.id);
  }

  /** An unwanted watch that cannot be stopped lapses on its own; the row forgets it either way. */
  private async stopBestEffort(provider: CalendarProviderRecord): Promise<void> {
    try {
      await this.deps.subscriptions.stop(provider);
    } catch (error) {
      this.deps.logger.warn({ err: error, providerId: provider.id }, 'stopping a calendar webhook failed; it will lapse on its own');
      await this.deps.subscriptions.forget(provider);
    }
  }

  /** Complaint 13 → polling (not a failure); anything else counts, and the third in a row marks the provider ERROR. */
  private async recordFailure(provider: CalendarProviderRecord, error: unknown): Promise<void> {
    const em = this.deps.orm.em.fork();
    const message = error instanceof Error ? error.message : String(error);
    if (isSubscriptionRefused(provider.providerType, error)) {
      this.deps.logger.warn({ providerId: provider.id, err: error }, 'the provider refuses change notifications: polling instead');
      await this.deps.health.recordPolling(em, provider.tenantId, provider.id, refusalReason(message));
      return;
    }
    const failures = await this.deps.health.recordFailure(em, provider.tenantId, provider.id, message);
    this.deps.logger.warn({ providerId: provider.id, failures, err: error }, 'calendar webhook renewal failed');
    if (failures < MAX_CONSECUTIVE_FAILURES) return;
    await this.deps.providers.update(em, provider.tenantId, provider.id, {
      status: 'error',
      lastError: `${RENEWAL_ERROR_PREFIX} ${failures} times in a row: ${message}`,
    });
  }

  /** Serializes work on one provider's watch across processes; the transaction only carries the lock. */
  private async withProviderLock<T>(providerId: string, work: () => Promise<T>): Promise<T> {
    if (this.deps.processLocks) return this.deps.processLocks.withLock(`webhook-provider:${providerId}`, work);
    return this.deps.orm.em.fork().transactional(async (em) => {
      await em.execute('select pg_advisory_xact_lock(?, hashtext(?))', [LOCK_NAMESPACE, providerId]);
      return work();
    });
  }
}
