import { createHash, timingSafeEqual } from 'node:crypto';
import type { ServiceDeps } from '../../../../src/runtime/service-deps';
import type { CalendarProviderType } from '../adapters/calendar-adapter';
import { CALENDAR_SYNC_QUEUE, CALENDAR_WEBHOOK_MAINTENANCE_QUEUE, providerSyncJob, webhookLifecycleJob, type WebhookLifecycleEvent } from '../calendar-jobs';
import type { CalendarProviderRecord, CalendarProviderRepository } from '../calendar-provider.repository';
import { webhookSecretContext } from '../calendar-tokens-secret';
import { WebhookInboxRepository, type InboxEntry, type InsertedEntry } from './webhook-inbox.repository';
import { EnqueueCoalescer } from './webhook-inbox.enqueue-coalescer';
import { webhookIntakeMetrics, type WebhookIntakeMetrics } from './webhook-inbox.metrics';
import { withTimeout } from '../../../../src/runtime/with-timeout';
import { overlapChannelSecretContext, WebhookChannelRepository } from './webhook-channel.repository';

/** Google and Graph wait ~3 s for the answer; a slow or absent Redis may cost the ack at most this. */
const ENQUEUE_BUDGET_MS = 500;
const LIFECYCLE_PREFIX = 'microsoft.lifecycle.';
/** Lifecycle events the maintenance processor acts on; any other is kept in the inbox (and covered by the next run). */
const LIFECYCLE_EVENTS = new Set<string>(['reauthorizationRequired', 'subscriptionRemoved', 'missed'] satisfies WebhookLifecycleEvent[]);

/** A notification whose secret was verified, ready to persist. */
export interface VerifiedNotification {
  provider: CalendarProviderRecord;
  /** e.g. `google.exists`, `microsoft.change`, `microsoft.lifecycle.missed`. */
  kind: string;
  payload: Record<string, unknown>;
  /** What makes two deliveries the same notification; null when the provider gives nothing to tell them apart. */
  identity: ReadonlyArray<string> | null;
}

export type IntakeOutcome = { persisted: true; inserted: number; duplicates: number } | { persisted: false };

export function constantTimeEquals(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Shared by both receivers: find the provider a notification claims, verify its secret, persist it, queue a
 * sync. Unknown or unverifiable notifications have no side effect at all.
 */
export class WebhookIntake {
  private readonly inbox = new WebhookInboxRepository();
  private readonly enqueues = new EnqueueCoalescer();
  readonly metrics: WebhookIntakeMetrics;

  constructor(private readonly deps: Pick<ServiceDeps, 'orm' | 'secretBox' | 'queue' | 'logger'> & { repository: CalendarProviderRepository }) {
    this.metrics = webhookIntakeMetrics(deps.orm);
  }

  /**
   * The provider whose current channel/subscription is `subscriptionId`, or whose Google channel it was until a roll
   * that is still in its overlap: then the record describes that channel (id, resource id), so the receiver checks
   * the notification against the channel it came on.
   */
  async verifiedProvider(type: CalendarProviderType, subscriptionId: string, presentedSecret: string | undefined): Promise<CalendarProviderRecord | null> {
    const found = await this.channelOwner(type, subscriptionId);
    if (!found || !found.provider.active || presentedSecret === undefined) return null;
    const { provider, expected } = found;
    if (!constantTimeEquals(presentedSecret, expected)) {
      this.deps.logger.warn({ providerId: provider.id, type }, 'webhook secret mismatch: notification ignored');
      return null;
    }
    return provider;
  }

  private async channelOwner(type: CalendarProviderType, channelId: string): Promise<{ provider: CalendarProviderRecord; expected: string } | null> {
    const em = this.deps.orm.em.fork();
    const provider = await this.deps.repository.findByWebhookSubscription(em, type, channelId);
    if (provider?.webhookClientState) return { provider, expected: this.deps.secretBox.decrypt(provider.webhookClientState, webhookSecretContext(provider.id)) };
    const overlap = await new WebhookChannelRepository().findLive(em, type, channelId);
    const owner = overlap && (await this.deps.repository.find(em, overlap.tenantId, overlap.providerId));
    if (!overlap || !owner) return null;
    const expected = this.deps.secretBox.decrypt(overlap.encryptedSecret, overlapChannelSecretContext(overlap.channelId));
    return { provider: { ...owner, webhookSubscriptionId: overlap.channelId, webhookResourceId: overlap.resourceId, webhookExpiresAt: overlap.expiresAt }, expected };
  }

  /**
   * Persist first, then queue. One insert for the whole batch (duplicates fall out on the dedupe key), then at most
   * one sync enqueue per provider that got a new row, and one maintenance job per new lifecycle event. The inbox
   * row is the durable signal; the job only makes it prompt. A slow or absent Redis must not hold the ack: the
   * enqueues share one bounded wait, a failure is logged, and the sweeper queues what was missed.
   */
  async accept(notifications: readonly VerifiedNotification[]): Promise<IntakeOutcome> {
    if (notifications.length === 0) return { persisted: true, inserted: 0, duplicates: 0 };
    let inserted: InsertedEntry[];
    try {
      inserted = await this.inbox.insertMany(this.deps.orm.em.fork(), notifications.map(inboxEntry));
    } catch (error) {
      this.deps.logger.error({ err: error, count: notifications.length }, 'webhook notifications could not be persisted: answering 503');
      return { persisted: false };
    }
    this.count(notifications, inserted);
    await this.enqueue(notifications, inserted);
    return { persisted: true, inserted: inserted.length, duplicates: notifications.length - inserted.length };
  }

  private count(notifications: readonly VerifiedNotification[], inserted: readonly InsertedEntry[]): void {
    const providerType = notifications[0]!.provider.providerType;
    this.metrics.received.inc({ provider_type: providerType }, notifications.length);
    const duplicates = notifications.length - inserted.length;
    if (duplicates > 0) this.metrics.deduplicated.inc({ provider_type: providerType }, duplicates);
  }

  private async enqueue(notifications: readonly VerifiedNotification[], inserted: readonly InsertedEntry[]): Promise<void> {
    const providers = new Map(notifications.map((notification) => [notification.provider.id, notification.provider]));
    const jobs = new Map<string, () => Promise<void>>();
    for (const row of inserted) {
      const provider = providers.get(row.providerId)!;
      if (row.kind.startsWith(LIFECYCLE_PREFIX)) {
        const lifecycleEvent = row.kind.slice(LIFECYCLE_PREFIX.length);
        if (!LIFECYCLE_EVENTS.has(lifecycleEvent)) continue;
        const subscriptionId = String(notifications.find((n) => n.provider.id === provider.id && n.kind === row.kind)?.payload.subscriptionId);
        const [name, data, options] = webhookLifecycleJob({ tenantId: provider.tenantId, providerId: provider.id, subscriptionId, lifecycleEvent: lifecycleEvent as WebhookLifecycleEvent });
        jobs.set(`${CALENDAR_WEBHOOK_MAINTENANCE_QUEUE}:${options.jobId}`, () => this.deps.queue.add(CALENDAR_WEBHOOK_MAINTENANCE_QUEUE, name, data, options));
      } else {
        const [name, data, options] = providerSyncJob(provider.tenantId, provider.id);
        jobs.set(`${CALENDAR_SYNC_QUEUE}:${options.jobId}`, () => this.deps.queue.add(CALENDAR_SYNC_QUEUE, name, data, options));
      }
    }
    if (jobs.size === 0) return;
    const queued = Promise.allSettled([...jobs].map(([key, add]) => this.enqueues.request(key, add))).then((results) => {
      for (const result of results) if (result.status === 'rejected') throw result.reason;
    });
    await withTimeout(queued, ENQUEUE_BUDGET_MS, 'webhook enqueue').catch((error: unknown) =>
      this.deps.logger.warn({ err: error, providerIds: [...providers.keys()] }, 'webhook persisted but its jobs could not be queued (the inbox sweeper will)'),
    );
  }
}

/** Identity parts hashed: bounded index entries however long a Graph resource path is. */
function inboxEntry(notification: VerifiedNotification): InboxEntry {
  const { provider, kind, payload, identity } = notification;
  return {
    tenantId: provider.tenantId,
    providerId: provider.id,
    providerType: provider.providerType,
    kind,
    payload,
    dedupeKey: identity ? createHash('sha256').update(identity.join('\u0000')).digest('base64url') : null,
  };
}
