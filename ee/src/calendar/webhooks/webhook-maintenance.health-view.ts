import DataLoader from 'dataloader';
import type { Orm } from '../../../../src/db/orm';
import type { RequestLoaders } from '../../../../src/graphql/request-loaders';
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

export interface HealthViewDeps {
  orm: Orm;
  health: WebhookHealthRepository;
}

/** Health of several providers of one tenant: the rows' current watches, the maintenance records and the inbox. */
export async function webhookHealthOf(deps: HealthViewDeps, providers: readonly CalendarProviderRecord[], now = new Date()): Promise<WebhookHealthView[]> {
  if (providers.length === 0) return [];
  const em = deps.orm.em.fork();
  const tenantId = providers[0]!.tenantId;
  const ids = providers.map((provider) => provider.id);
  const [records, notifications] = await Promise.all([deps.health.findMany(em, tenantId, ids), deps.health.lastNotificationsAt(em, tenantId, ids)]);
  return providers.map((provider) => {
    const health = records.get(provider.id)!;
    const expiresAt = provider.webhookSubscriptionId ? provider.webhookExpiresAt : null;
    return {
      status: webhookStatus({ expiresAt, consecutiveFailures: health.consecutiveFailures, polling: health.polling }, now),
      expiresAt,
      lastNotificationAt: notifications.get(provider.id) ?? null,
      lastRenewalAt: health.lastRenewalAt,
      consecutiveFailures: health.consecutiveFailures,
      lastError: health.lastError,
      polling: health.polling,
    };
  });
}

const HEALTH_LOADER = Symbol('calendar-webhook-health');

/** One batch per request however many providers a list resolves (a request is one tenant's). */
export function webhookHealthLoader(deps: HealthViewDeps, loaders: RequestLoaders): DataLoader<CalendarProviderRecord, WebhookHealthView, string> {
  return loaders.get(HEALTH_LOADER, () =>
    new DataLoader<CalendarProviderRecord, WebhookHealthView, string>((providers) => webhookHealthOf(deps, providers), { cacheKeyFn: (provider) => provider.id }),
  );
}
