import type { CalendarProviderRecord } from './calendar-provider.repository';
import { adapterFor, type ProviderAdapterDeps } from './provider-adapter';

export type WebhookStopDeps = ProviderAdapterDeps;

/**
 * Stops the provider's Google channel / Graph subscription with the grant the provider row holds right now, so
 * callers that are about to revoke or replace that grant must call this first. Already gone counts as stopped.
 */
export async function stopProviderWebhook(deps: WebhookStopDeps, provider: CalendarProviderRecord): Promise<void> {
  if (!provider.webhookSubscriptionId || !provider.webhookExpiresAt) return;
  await adapterFor(deps, provider).unwatch({ id: provider.webhookSubscriptionId, resourceId: provider.webhookResourceId, expiresAt: provider.webhookExpiresAt });
}
