import type { Config } from '../../../src/config/config';
import { createCalendarAdapter } from './adapters/create-calendar-adapter';
import type { CalendarProviderRecord } from './calendar-provider.repository';
import type { CalendarTokenManager } from './calendar-token-manager';

export interface WebhookStopDeps {
  config: Pick<Config, 'providers'>;
  tokens: Pick<CalendarTokenManager, 'accessToken'>;
}

/**
 * Stops the provider's Google channel / Graph subscription with the grant the provider row holds right now, so
 * callers that are about to revoke or replace that grant must call this first. Already gone counts as stopped.
 */
export async function stopProviderWebhook(deps: WebhookStopDeps, provider: CalendarProviderRecord): Promise<void> {
  if (!provider.webhookSubscriptionId || !provider.webhookExpiresAt) return;
  const adapter = createCalendarAdapter(provider.providerType, {
    accessToken: () => deps.tokens.accessToken(provider.tenantId, provider.id),
    providers: deps.config.providers,
    fetchImplementation: fetch,
  });
  await adapter.unwatch({ id: provider.webhookSubscriptionId, resourceId: provider.webhookResourceId, expiresAt: provider.webhookExpiresAt });
}
