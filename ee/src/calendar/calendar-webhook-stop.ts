import type { Orm } from '../../../src/db/orm';
import type { CalendarProviderRecord } from './calendar-provider.repository';
import { adapterFor, type ProviderAdapterDeps } from './provider-adapter';
import { WebhookChannelRepository } from './webhooks/webhook-channel.repository';

export type WebhookStopDeps = ProviderAdapterDeps & { orm: Orm };

/**
 * Stops the provider's Google channel / Graph subscription, and any Google channel still overlapping after a
 * roll, with the grant the provider row holds right now, so callers that are about to revoke or replace that grant
 * must call this first. Already gone counts as stopped.
 */
export async function stopProviderWebhook(deps: WebhookStopDeps, provider: CalendarProviderRecord): Promise<void> {
  const adapter = adapterFor(deps, provider);
  const channels = new WebhookChannelRepository();
  for (const channel of await channels.listForProvider(deps.orm.em.fork(), provider.tenantId, provider.id)) {
    await adapter.unwatch({ id: channel.channelId, resourceId: channel.resourceId, expiresAt: channel.expiresAt });
    await channels.delete(deps.orm.em.fork(), channel.providerType, channel.channelId);
  }
  if (!provider.webhookSubscriptionId || !provider.webhookExpiresAt) return;
  await adapter.unwatch({ id: provider.webhookSubscriptionId, resourceId: provider.webhookResourceId, expiresAt: provider.webhookExpiresAt });
}
