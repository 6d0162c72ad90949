import type { MicrosoftConsumer } from '../edition/matrix';

/** Decrypted credentials of the bound profile: only credential runtimes (msal) may hold these. */
export interface ResolvedMicrosoftProfile {
  id: string;
  displayName: string;
  clientId: string;
  tenantAuthority: string;
  /** Directories a multi-tenant authority admits (MSP SSO checks the signed-in account's `tid` against it). */
  allowedDirectoryIds: string[];
  clientSecret: string;
}

export type MicrosoftConsumerResolutionFailure = 'not_bound' | 'profile_archived' | 'missing_credentials' | 'edition_unavailable';

/**
 * The answer to "which credentials does this consumer use?" (DESIGN.md §4.1). There is no fallback branch: a
 * failure names why, and the caller fails closed.
 */
export type MicrosoftConsumerResolution =
  | { ok: true; consumer: MicrosoftConsumer; profile: ResolvedMicrosoftProfile }
  | { ok: false; consumer: string; reason: MicrosoftConsumerResolutionFailure; profileId?: string };

export const RESOLUTION_FAILURE_MESSAGES: Record<MicrosoftConsumerResolutionFailure, string> = {
  not_bound: 'No Microsoft profile is bound to this consumer. An admin must bind one.',
  profile_archived: 'The Microsoft profile bound to this consumer is archived. An admin must bind an active profile.',
  missing_credentials: 'The Microsoft profile bound to this consumer has no usable client secret.',
  edition_unavailable: 'This consumer is not available in this edition.',
};
