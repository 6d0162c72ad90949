import type { MicrosoftConsumerProfileResolver } from '../../../../src/microsoft/consumer-profile-resolver';
import type { ResolvedMicrosoftProfile } from '../../../../src/microsoft/consumer-resolution';

/**
 * The CALENDAR-bound profile if it is still the one that started the authorization, else null: Microsoft codes
 * and tokens belong to the app registration that asked for them, and the binding may move meanwhile.
 */
export async function stillBoundProfile(
  resolver: MicrosoftConsumerProfileResolver,
  tenantId: string,
  expectedProfileId: string | null,
): Promise<ResolvedMicrosoftProfile | null> {
  const resolution = await resolver.resolveMicrosoftConsumerProfile(tenantId, 'calendar');
  return resolution.ok && resolution.profile.id === expectedProfileId ? resolution.profile : null;
}
