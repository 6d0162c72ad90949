import type { StoredTokens } from './stored-tokens';

/** Refresh this long before expiry (MSAL's own renewal offset), so a token never expires mid-request. */
export const REFRESH_MARGIN_MS = 300_000;

/**
 * Pure: the access token to use as-is, or undefined when it must be refreshed first. For Microsoft, the access
 * token is read from MSAL's serialized cache (AccessToken entries of the account, `expires_on` in seconds).
 */
export function usableAccessToken(tokens: StoredTokens, nowMs: number): string | undefined {
  if (tokens.kind === 'google') return tokens.expiresAt - nowMs > REFRESH_MARGIN_MS ? tokens.accessToken : undefined;
  let cache: { AccessToken?: Record<string, { home_account_id?: string; secret?: string; expires_on?: string }> };
  try {
    cache = JSON.parse(tokens.msalCache);
  } catch {
    return undefined;
  }
  const candidates = Object.values(cache.AccessToken ?? {}).filter(
    (entry) => entry.home_account_id === tokens.homeAccountId && entry.secret && Number(entry.expires_on) * 1000 - nowMs > REFRESH_MARGIN_MS,
  );
  candidates.sort((a, b) => Number(b.expires_on) - Number(a.expires_on));
  return candidates[0]?.secret;
}
