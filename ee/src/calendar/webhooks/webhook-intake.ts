import { createHash } from 'node:crypto';
import { uuidv7 } from '../../../../src/db/uuid';
import type { ServiceDeps } from '../../../../src/runtime/service-deps';
import type { CalendarProviderType } from '../adapters/calendar-adapter';
import { CALENDAR_SYNC_QUEUE, CALENDAR_WEBHOOK_MAINTENANCE_QUEUE, providerSyncJob, webhookLifecycleJob, type WebhookLifecycleEvent } from '../calendar-jobs';
import { WebhookInboxRepository, type InboxRow } from './webhook-inbox.repository';
import { BatchWriter } from './webhook-inbox.batch-writer';
import { EnqueueCoalescer } from './webhook-inbox.enqueue-coalescer';
import { webhookIntakeMetrics, type WebhookIntakeMetrics } from './webhook-inbox.metrics';
import { withTimeout } from '../../../../src/runtime/with-timeout';
import type { ConfirmedListener } from '../../../../src/db/confirmed-listener';
import { listenForOwnerChanges, WebhookOwners, type WebhookOwner } from './webhook-owners';

/** An enqueue (after the answer) not done by then is logged as failed; the sweeper queues the run instead. */
const ENQUEUE_BUDGET_MS = 500;
/** Per job key, adds start at least this far apart (EnqueueCoalescer): a burst costs Redis a few adds, not one per ack. */
const ENQUEUE_GAP_MS = 50;
const LIFECYCLE_PREFIX = 'microsoft.lifecycle.';
/** Lifecycle events the maintenance processor acts on; any other is kept in the inbox (and covered by the next run). */
const LIFECYCLE_EVENTS = new Set<string>(['reauthorizationRequired', 'subscriptionRemoved', 'missed'] satisfies WebhookLifecycleEvent[]);

/** A notification whose secret was verified, ready to persist. */
export interface VerifiedNotification {
  provider: WebhookOwner;
  /** e.g. `google.exists`, `microsoft.change`, `microsoft.lifecycle.missed`. */
  kind: string;
  payload: Record<string, unknown>;
  /** What makes two deliveries the same notification; null when the provider gives nothing to tell them apart. */
  identity: ReadonlyArray<string> | null;
}

export type IntakeOutcome = { persisted: true; inserted: number; duplicates: number } | { persisted: false };

/**
 * Inserts in flight at once; acks arriving meanwhile are written together in the next one. One: fewest statements
 * and commits (measured: higher max rate and lower p50 than two). A statement that hangs (a lock, a stalled disk)
 * would hold every ack behind it, so it is cancelled after INSERT_TIMEOUT_MS and its callers answer 503 (Google and
 * Graph retry), well inside the ~3 s they wait for an answer.
 */
const INSERTS_IN_FLIGHT = 1;
const INSERT_TIMEOUT_MS = 2000;
/** Rows per insert at most: a Graph batch is up to 1,000 items, and is never split. */
const ROWS_PER_INSERT = 1000;

/**
 * Shared by both receivers: find the provider a notification claims, verify its secret, persist it, queue a
 * sync. Unknown or unverifiable notifications have no side effect at all.
 */
export class WebhookIntake {
  private readonly inbox = new WebhookInboxRepository();
  private readonly writer: BatchWriter<InboxRow>;
  private readonly enqueues = new EnqueueCoalescer(Date.now, ENQUEUE_GAP_MS);
  readonly owners: WebhookOwners;
  readonly metrics: WebhookIntakeMetrics;
  private ownerChanges: ConfirmedListener | undefined;

  constructor(private readonly deps: Pick<ServiceDeps, 'orm' | 'secretBox' | 'queue' | 'logger' | 'config'>) {
    this.metrics = webhookIntakeMetrics(deps.orm);
    this.owners = new WebhookOwners({ em: () => deps.orm.em.fork(), secretBox: deps.secretBox, ttlMs: deps.config.calendarWebhookIntake.ownerCacheMs });
    this.writer = new BatchWriter({
      write: async (rows) => {
        const ids = await this.inbox.insertMany(deps.orm.em.fork(), rows, INSERT_TIMEOUT_MS);
        return new Set(rows.filter((row) => ids.has(row.id)));
      },
      maxInFlight: INSERTS_IN_FLIGHT,
      maxRows: ROWS_PER_INSERT,
    });
  }

  /**
   * Starts listening for channel owner changes, which turns on keeping verified owners (webhook-owners.ts). Without a
   * DATABASE_URL (embedded PGlite: NOTIFY is never delivered) or with CALENDAR_WEBHOOK_OWNER_CACHE_MS=0 every
   * notification reads its owner.
   */
  async start(): Promise<void> {
    const url = this.deps.config.database.url;
    if (!url || this.deps.config.calendarWebhookIntake.ownerCacheMs === 0 || this.ownerChanges) return;
    this.ownerChanges = listenForOwnerChanges(this.owners, {
      url,
      notify: (channel, payload) => this.deps.orm.em.fork().getConnection().execute('select pg_notify(?, ?)', [channel, payload]),
      logger: this.deps.logger.child({ module: 'webhook-owners' }),
    });
    await this.ownerChanges.start();
  }

  async stop(): Promise<void> {
    await this.ownerChanges?.stop();
    this.ownerChanges = undefined;
  }

  /**
   * The provider whose current channel/subscription is `subscriptionId`, or whose Google channel it was until a roll
   * that is still in its overlap: then the owner carries that channel's resource id, so the receiver checks the
   * notification against the channel it came on.
   */
  async verifiedProvider(type: CalendarProviderType, subscriptionId: string, presentedSecret: string | undefined): Promise<WebhookOwner | null> {
    const verdict = await this.owners.verify(type, subscriptionId, presentedSecret);
    if (!verdict.owner && verdict.mismatchOf) this.deps.logger.warn({ providerId: verdict.mismatchOf, type }, 'webhook secret mismatch: notification ignored');
    return verdict.owner;
  }

  /**
   * Persist first, answer, then queue. The rows of concurrent acks go in one group-committed insert (duplicates fall
   * out on the dedupe key); once it committed the caller answers, and at most one sync enqueue per provider that got
   * a new row, and one maintenance job per new lifecycle event, follow without holding the answer. The inbox row is
   * the durable signal; the job only makes it prompt. An enqueue that fails or hangs is logged and the sweeper queues
   * what was missed.
   */
  async accept(notifications: readonly VerifiedNotification[]): Promise<IntakeOutcome> {
    if (notifications.length === 0) return { persisted: true, inserted: 0, duplicates: 0 };
    let inserted: InboxRow[];
    try {
      inserted = await this.writer.write(notifications.map(inboxRow));
    } catch (error) {
      this.deps.logger.error({ err: error, count: notifications.length }, 'webhook notifications could not be persisted: answering 503');
      return { persisted: false };
    }
    this.count(notifications, inserted);
    void this.enqueue(notifications, inserted);
    return { persisted: true, inserted: inserted.length, duplicates: notifications.length - inserted.length };
  }

  private count(notifications: readonly VerifiedNotification[], inserted: readonly InboxRow[]): void {
    const providerType = notifications[0]!.provider.providerType;
    this.metrics.received.inc({ provider_type: providerType }, notifications.length);
    const duplicates = notifications.length - inserted.length;
    if (duplicates > 0) this.metrics.deduplicated.inc({ provider_type: providerType }, duplicates);
  }

  private async enqueue(notifications: readonly VerifiedNotification[], inserted: readonly InboxRow[]): Promise<void> {
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
function inboxRow(notification: VerifiedNotification): InboxRow {
  const { provider, kind, payload, identity } = notification;
  return {
    id: uuidv7(),
    tenantId: provider.tenantId,
    providerId: provider.id,
    providerType: provider.providerType,
    kind,
    payload,
    dedupeKey: identity ? createHash('sha256').update(identity.join('\u0000')).digest('base64url') : null,
  };
}
