import type { SecretBox } from '../../../src/crypto/secret-box';
import { calendarTokensContext, pendingGrantTokensContext } from './calendar-tokens-secret';

/** What `calendar_providers.encrypted_tokens` (and a pending grant's) holds once decrypted. */
export type StoredTokens =
  | { kind: 'google'; accessToken: string; refreshToken: string | null; expiresAt: number; scope: string | null }
  | { kind: 'microsoft'; msalCache: string; homeAccountId: string };

export function sealTokens(secretBox: SecretBox, providerId: string, tokens: StoredTokens): string {
  return secretBox.encrypt(JSON.stringify(tokens), calendarTokensContext(providerId));
}

export function openTokens(secretBox: SecretBox, providerId: string, envelope: string): StoredTokens {
  return JSON.parse(secretBox.decrypt(envelope, calendarTokensContext(providerId))) as StoredTokens;
}

export function sealPendingTokens(secretBox: SecretBox, grantId: string, tokens: StoredTokens): string {
  return secretBox.encrypt(JSON.stringify(tokens), pendingGrantTokensContext(grantId));
}

export function openPendingTokens(secretBox: SecretBox, grantId: string, envelope: string): StoredTokens {
  return JSON.parse(secretBox.decrypt(envelope, pendingGrantTokensContext(grantId))) as StoredTokens;
}
