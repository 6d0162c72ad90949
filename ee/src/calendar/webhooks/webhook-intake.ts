import { timingSafeEqual } from 'node:crypto';
import type { ServiceDeps } from '../../../../src/runtime/service-deps';
import type { CalendarProviderType } from '../adapters/calendar-adapter';
import { CALENDAR_SYNC_QUEUE, incrementalSyncJob } from '../calendar-jobs';
import type { CalendarProviderRecord, CalendarProviderRepository } from '../calendar-provider.repository';
import { webhookSecretContext } from '../calendar-tokens-secret';
import { WebhookInboxRepository } from './webhook-inbox.repository';

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

  /** Persist first, then queue: a queued sync without its inbox row is harmless, the reverse would lose the signal. */
  async accept(provider: CalendarProviderRecord, kind: string, payload: Record<string, unknown>): Promise<void> {
    await this.inbox.insert(this.deps.orm.em.fork(), {
      tenantId: provider.tenantId,
      providerId: provider.id,
      providerType: provider.providerType,
      kind,
      payload,
    });
    await this.deps.queue.add(CALENDAR_SYNC_QUEUE, ...incrementalSyncJob(provider.tenantId, provider.id));
  }
}
