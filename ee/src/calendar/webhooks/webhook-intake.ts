import { timingSafeEqual } from 'node:crypto';
import type { ServiceDeps } from '../../../../src/runtime/service-deps';
import type { CalendarProviderType } from '../adapters/calendar-adapter';
import { CALENDAR_SYNC_QUEUE, providerSyncJob } from '../calendar-jobs';
import type { CalendarProviderRecord, CalendarProviderRepository } from '../calendar-provider.repository';
import { webhookSecretContext } from '../calendar-tokens-secret';
import { WebhookInboxRepository } from './webhook-inbox.repository';
import { withTimeout } from '../../../../src/runtime/with-timeout';

const ENQUEUE_BUDGET_MS = 1000;

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

  constructor(private readonly deps: Pick<ServiceDeps, 'orm' | 'secretBox' | 'queue' | 'logger'> & { repository: CalendarProviderRepository }) {}

  async verifiedProvider(type: CalendarProviderType, subscriptionId: string, presentedSecret: string | undefined): Promise<CalendarProviderRecord | null> {
    const provider = await this.deps.repository.findByWebhookSubscription(this.deps.orm.em.fork(), type, subscriptionId);
    if (!provider || !provider.active || !provider.webhookClientState || presentedSecret === undefined) return null;
    const expected = this.deps.secretBox.decrypt(provider.webhookClientState, webhookSecretContext(provider.id));
    if (!constantTimeEquals(presentedSecret, expected)) {
      this.deps.logger.warn({ providerId: provider.id, type }, 'webhook secret mismatch: notification ignored');
      return null;
    }
    return provider;
  }

  /**
   * Persist first, then queue. The inbox row is the durable signal; the job only makes it prompt. Providers give
   * us ~3 s, so a slow or absent Redis must not hold the acknowledgement: the enqueue is bounded and a failure is
   * logged (unprocessed inbox rows are swept up later).
   */
  async accept(provider: CalendarProviderRecord, kind: string, payload: Record<string, unknown>): Promise<void> {
    await this.inbox.insert(this.deps.orm.em.fork(), {
      tenantId: provider.tenantId,
      providerId: provider.id,
      providerType: provider.providerType,
      kind,
      payload,
    });
    await withTimeout(this.deps.queue.add(CALENDAR_SYNC_QUEUE, ...providerSyncJob(provider.tenantId, provider.id)), ENQUEUE_BUDGET_MS, 'sync enqueue').catch(
      (error: unknown) => this.deps.logger.warn({ err: error, providerId: provider.id }, 'webhook persisted but its sync could not be queued'),
    );
  }
}
