import type { Orm } from '../../../../src/db/orm';
import type { CalendarProviderRecord } from '../calendar-provider.repository';
import { webhookStatus, type WebhookStatus } from './webhook-maintenance.decision';
import type { WebhookHealthRepository } from './webhook-maintenance.health';

/** CalendarWebhookHealth as GraphQL shows it. */
export interface WebhookHealthView {
  status: WebhookStatus;
  expiresAt: Date | null;
  lastNotificationAt: Date | null;
  lastRenewalAt: Date | null;
  consecutiveFailures: number;
  lastError: string | null;
  polling: boolean;
}

/** Reads a provider's webhook health: the row's current watch, the maintenance record and the inbox. */
export async function webhookHealthOf(deps: { orm: Orm; health: WebhookHealthRepository }, provider: CalendarProviderRecord, now = new Date()): Promise<WebhookHealthView> {
  const em = deps.orm.em.fork();
  const [health, lastNotificationAt] = await Promise.all([
    deps.health.find(em, provider.tenantId, provider.id),
    deps.health.lastNotificationAt(em, provider.tenantId, provider.id),
  ]);
  const expiresAt = provider.webhookSubscriptionId ? provider.webhookExpiresAt : null;
  return {
    status: webhookStatus({ expiresAt, consecutiveFailures: health.consecutiveFailures, polling: health.polling }, now),
    expiresAt,
    lastNotificationAt,
    lastRenewalAt: health.lastRenewalAt,
    consecutiveFailures: health.consecutiveFailures,
    lastError: health.lastError,
    polling: health.polling,
  };
}
