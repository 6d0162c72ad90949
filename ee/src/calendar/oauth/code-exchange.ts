import type { ResolvedMicrosoftProfile } from '../../../../src/microsoft/consumer-resolution';
import type { ExternalAccount } from '../adapters/calendar-adapter';
import { createCalendarAdapter } from '../adapters/create-calendar-adapter';
import { createMsalClient } from '../../../../src/microsoft/msal-client';
import type { ServiceDeps } from '../../../../src/runtime/service-deps';
import type { CalendarProviderRecord } from '../calendar-provider.repository';
import type { GoogleCalendarAppService } from '../google-calendar-app.service';
import type { StoredTokens } from '../stored-tokens';
import { createGoogleOAuthClient, PROVIDER_TOKEN_TIMEOUT_MS } from './google-oauth-client';
import { withTimeout } from '../../../../src/runtime/with-timeout';
import { MICROSOFT_CALENDAR_SCOPES } from './microsoft-calendar-scopes';
import { ProviderTokenCachePlugin } from './msal-token-cache';

interface ExchangeDeps extends Pick<ServiceDeps, 'config' | 'logger'> {
  googleApps: GoogleCalendarAppService;
}

/** What a redeemed code gives us: the tokens to store and whose account they open. */
export interface ExchangedGrant {
  tokens: StoredTokens;
  account: ExternalAccount;
}

interface Redeemed {
  tokens: StoredTokens;
  accessToken: string;
}

/** Turns an authorization code into tokens and the account they belong to. Throws on any failure (the caller reports it). */
export async function exchangeAuthorizationCode(
  deps: ExchangeDeps,
  provider: CalendarProviderRecord,
  code: string,
  codeVerifier: string,
  microsoftProfile?: ResolvedMicrosoftProfile,
): Promise<ExchangedGrant> {
  const redeemed = await redeemCode(deps, provider, code, codeVerifier, microsoftProfile);
  // Asked right away, with the token just issued: the pending grant must say whose account it opens.
  const adapter = createCalendarAdapter(provider.providerType, {
    accessToken: async () => redeemed.accessToken,
    providers: deps.config.providers,
    fetchImplementation: fetch,
    timeoutMs: PROVIDER_TOKEN_TIMEOUT_MS,
  });
  return { tokens: redeemed.tokens, account: await adapter.account() };
}

function redeemCode(
  deps: ExchangeDeps,
  provider: CalendarProviderRecord,
  code: string,
  codeVerifier: string,
  microsoftProfile?: ResolvedMicrosoftProfile,
): Promise<Redeemed> {
  if (provider.providerType === 'google') return exchangeGoogle(deps, provider, code, codeVerifier);
  if (!microsoftProfile) throw new Error('a Microsoft code exchange needs the CALENDAR-bound profile');
  return exchangeMicrosoft(deps, microsoftProfile, code, codeVerifier);
}

async function exchangeGoogle(deps: ExchangeDeps, provider: CalendarProviderRecord, code: string, codeVerifier: string): Promise<Redeemed> {
  const app = await deps.googleApps.credentials(provider.tenantId);
  if (!app) throw new Error('the Google Calendar app is no longer configured');
  const { tokens } = await createGoogleOAuthClient(app, deps.config.providers).getToken({ code, codeVerifier });
  if (!tokens.access_token) throw new Error('Google returned no access token');
  const stored: StoredTokens = {
    kind: 'google',
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token ?? null,
    expiresAt: tokens.expiry_date ?? Date.now() + 3_600_000,
    scope: tokens.scope ?? null,
  };
  return { tokens: stored, accessToken: tokens.access_token };
}

/** `profile` is the CALENDAR-bound profile that built the authorization URL (checked by the caller). */
async function exchangeMicrosoft(deps: ExchangeDeps, profile: ResolvedMicrosoftProfile, code: string, codeVerifier: string): Promise<Redeemed> {
  const plugin = new ProviderTokenCachePlugin(null);
  const msal = createMsalClient(profile, deps.config.providers.microsoft, { logger: deps.logger, cache: { cachePlugin: plugin } });
  const result = await withTimeout(
    msal.acquireTokenByCode({
      code,
      codeVerifier,
      scopes: MICROSOFT_CALENDAR_SCOPES,
      redirectUri: `${deps.config.publicUrl}/api/auth/microsoft/calendar/callback`,
    }),
    PROVIDER_TOKEN_TIMEOUT_MS,
    'Microsoft token endpoint',
  );
  if (!result.account || !plugin.serialized) throw new Error('Microsoft returned no account: cannot refresh later');
  return { tokens: { kind: 'microsoft', msalCache: plugin.serialized, homeAccountId: result.account.homeAccountId }, accessToken: result.accessToken };
}
