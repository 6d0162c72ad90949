import type { RequestContext } from '../../../../src/auth/request-context';
import type { Resolvers } from '../../generated/graphql';
import type { CalendarProviderService } from '../calendar-provider.service';
import { webhookHealthLoader, webhookHealthOf, type HealthViewDeps } from './webhook-maintenance.health-view';
import type { WebhookMaintenanceService } from './webhook-maintenance.service';

export interface WebhookMaintenanceResolverDeps {
  providers: CalendarProviderService;
  maintenance: WebhookMaintenanceService;
  health: HealthViewDeps;
}

/** Thin: the admin rule is in ee/src/access-rules.ts, visibility in CalendarProviderService.getAccessible. */
export function webhookMaintenanceResolvers(deps: WebhookMaintenanceResolverDeps): Resolvers {
  const renew = async (auth: RequestContext, providerId: string) => {
    const provider = await deps.providers.getAccessible(auth, providerId);
    await deps.maintenance.renewNow(provider.tenantId, provider.id);
    const renewed = await deps.providers.getAccessible(auth, providerId);
    const [health] = await webhookHealthOf(deps.health, [renewed]);
    return { ...health!, provider: renewed };
  };
  return {
    Query: {
      calendarWebhookHealth: async (_root, { providerId }, { auth, loaders }) => {
        const provider = await deps.providers.getAccessible(auth, providerId);
        return { ...(await webhookHealthLoader(deps.health, loaders).load(provider)), provider };
      },
    },
    Mutation: {
      renewCalendarWebhook: (_root, { providerId }, { auth }) => renew(auth, providerId),
    },
    CalendarProvider: {
      webhookHealth: async (provider, _args, { loaders }) => ({ ...(await webhookHealthLoader(deps.health, loaders).load(provider)), provider }),
      // Replaces the calendar module's expiry-only answer, so both fields tell the same story (FAILING included).
      webhook: async (provider, _args, { loaders }) => {
        const health = await webhookHealthLoader(deps.health, loaders).load(provider);
        return { status: health.status, expiresAt: health.expiresAt };
      },
    },
  };
}
