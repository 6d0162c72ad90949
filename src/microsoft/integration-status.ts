import type { Edition } from '../config/config';
import { capabilityOf, consumersFor, type MicrosoftConsumer } from '../edition/matrix';
import type { MicrosoftConsumerProfileResolver } from './consumer-profile-resolver';
import { RESOLUTION_FAILURE_MESSAGES } from './consumer-resolution';

export interface ConsumerIntegrationStatus {
  consumer: MicrosoftConsumer;
  redirectUris: string[];
  scopes: string[];
  bound: boolean;
  ready: boolean;
  problem: string | null;
  profileId: string | null;
}

/** What an admin must configure in Azure per consumer, and whether each consumer can run right now. */
export async function microsoftIntegrationStatus(
  tenantId: string,
  deps: { edition: Edition; publicUrl: string; resolver: MicrosoftConsumerProfileResolver },
): Promise<ConsumerIntegrationStatus[]> {
  return Promise.all(
    consumersFor(deps.edition).map(async (consumer) => {
      const capability = capabilityOf(consumer);
      const resolution = await deps.resolver.resolveMicrosoftConsumerProfile(tenantId, consumer);
      return {
        consumer,
        redirectUris: capability.redirectPaths.map((redirectPath) => `${deps.publicUrl}${redirectPath}`),
        scopes: [...capability.delegatedScopes],
        bound: resolution.ok || resolution.reason !== 'not_bound',
        ready: resolution.ok,
        problem: resolution.ok ? null : RESOLUTION_FAILURE_MESSAGES[resolution.reason],
        profileId: resolution.ok ? resolution.profile.id : (resolution.profileId ?? null),
      };
    }),
  );
}
