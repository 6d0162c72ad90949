import { InteractionRequiredAuthError } from '@azure/msal-node';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ServiceDeps } from '../../../src/runtime/service-deps';
import { createMsalClient } from '../../../src/microsoft/msal-client';
import { ProviderAuthError } from './adapters/provider-errors';
import type { CalendarProviderRecord, CalendarProviderRepository } from './calendar-provider.repository';
import type { GoogleCalendarAppService } from './google-calendar-app.service';
import { createGoogleOAuthClient, PROVIDER_TOKEN_TIMEOUT_MS } from './oauth/google-oauth-client';
import { withTimeout } from '../../../src/runtime/with-timeout';
import { ProviderTokenCachePlugin } from './oauth/msal-token-cache';
import { MICROSOFT_CALENDAR_SCOPES } from './oauth/microsoft-calendar-scopes';
import { openTokens, sealTokens, type StoredTokens } from './stored-tokens';
import { usableAccessToken } from './token-expiry';

/** Longer than one bounded token call, short enough that a wedged process cannot hold a provider for long. */
const LOCKED_REFRESH_BUDGET_MS = 30_000;

export interface TokenManagerDeps extends Pick<ServiceDeps, 'orm' | 'secretBox' | 'logger' | 'config' | 'microsoftCredentials'> {
  repository: CalendarProviderRepository;
  googleApps: GoogleCalendarAppService;
  now?: () => number;
}

/**
 * Hands adapters a valid access token. Refreshes ahead of expiry, one refresh at a time per provider: callers in
 * this process share one promise; other processes wait on the provider row lock and then reuse what the first
 * one stored. A dead grant flips the provider to reauth_required once; later calls fail fast without a request.
 */
export class CalendarTokenManager {
  private readonly inflight = new Map<string, Promise<string>>();
  private readonly now: () => number;

  constructor(private readonly deps: TokenManagerDeps) {
    this.now = deps.now ?? Date.now;
  }

  /**
   * `known`: the provider row the caller already read; its token is used while still valid, saving a read per
   * request (an access token stays valid until it expires even if another process refreshed meanwhile).
   */
  async accessToken(tenantId: string, providerId: string, known?: CalendarProviderRecord): Promise<string> {
    const fromKnown = known && known.tenantId === tenantId && known.id === providerId ? this.usable(known) : undefined;
    if (fromKnown) return fromKnown;
    const provider = await this.deps.repository.find(this.deps.orm.em.fork(), tenantId, providerId);
    const usable = provider && this.usable(provider);
    if (usable) return usable;
    const key = `${tenantId}:${providerId}`;
    let refresh = this.inflight.get(key);
    if (!refresh) {
      refresh = this.refreshUnderLock(tenantId, providerId).finally(() => this.inflight.delete(key));
      this.inflight.set(key, refresh);
    }
    return refresh;
  }

  /** Stores tokens from a completed authorization (inside the caller's transaction). */
  async store(em: EntityManager, provider: Pick<CalendarProviderRecord, 'tenantId' | 'id'>, tokens: StoredTokens): Promise<void> {
    await this.deps.repository.update(em, provider.tenantId, provider.id, {
      encryptedTokens: sealTokens(this.deps.secretBox, provider.id, tokens),
    });
  }

  private usable(provider: CalendarProviderRecord): string | undefined {
    if (provider.status === 'reauth_required' || !provider.encryptedTokens) return undefined;
    return usableAccessToken(openTokens(this.deps.secretBox, provider.id, provider.encryptedTokens), this.now());
  }

  private async refreshUnderLock(tenantId: string, providerId: string): Promise<string> {
    // A dead grant is recorded in the transaction (so it commits) and thrown after it.
    const outcome = await this.deps.orm.em.fork().transactional((em) => this.refreshLocked(em, tenantId, providerId));
    if ('revoked' in outcome) throw outcome.revoked;
    return outcome.accessToken;
  }

  private async refreshLocked(
    em: EntityManager,
    tenantId: string,
    providerId: string,
  ): Promise<{ accessToken: string } | { revoked: ProviderAuthError }> {
    // Backstop for the row lock: a session stuck mid-refresh is ended by Postgres, releasing the lock.
    await em.execute(`set local idle_in_transaction_session_timeout = '${LOCKED_REFRESH_BUDGET_MS}ms'`);
    const provider = await this.deps.repository.find(em, tenantId, providerId, { forUpdate: true });
    if (!provider) return { revoked: new ProviderAuthError('calendar provider no longer exists') };
    if (provider.status === 'reauth_required' || !provider.encryptedTokens) {
      return { revoked: new ProviderAuthError(provider.lastError ?? 'calendar provider is not connected: re-authorize it') };
    }
    // Another process may have refreshed while this one waited for the lock.
    const current = openTokens(this.deps.secretBox, provider.id, provider.encryptedTokens);
    const reusable = usableAccessToken(current, this.now());
    if (reusable) return { accessToken: reusable };
    try {
      const { accessToken, tokens } = await this.refresh(provider, current);
      await this.store(em, provider, tokens);
      return { accessToken };
    } catch (error) {
      if (!(error instanceof ProviderAuthError)) throw error;
      await this.deps.repository.update(em, tenantId, providerId, { status: 'reauth_required', lastError: error.message });
      this.deps.logger.warn({ tenantId, providerId, reason: error.message }, 'calendar grant revoked or expired: re-authorization required');
      return { revoked: error };
    }
  }

  private refresh(provider: CalendarProviderRecord, tokens: StoredTokens): Promise<{ accessToken: string; tokens: StoredTokens }> {
    return tokens.kind === 'google' ? this.refreshGoogle(provider, tokens) : this.refreshMicrosoft(provider, tokens);
  }

  private async refreshGoogle(provider: CalendarProviderRecord, tokens: Extract<StoredTokens, { kind: 'google' }>) {
    const app = await this.deps.googleApps.credentials(provider.tenantId);
    if (!app) throw new ProviderAuthError('The Google Calendar app of this tenant is not configured.');
    if (!tokens.refreshToken) throw new ProviderAuthError('Google granted no refresh token: re-authorize the calendar.');
    const client = createGoogleOAuthClient(app, this.deps.config.providers);
    client.setCredentials({ refresh_token: tokens.refreshToken });
    try {
      const { credentials } = await client.refreshAccessToken();
      const accessToken = credentials.access_token!;
      const refreshed = {
        ...tokens,
        accessToken,
        refreshToken: credentials.refresh_token ?? tokens.refreshToken,
        expiresAt: credentials.expiry_date ?? this.now() + 3_600_000,
      };
      return { accessToken, tokens: refreshed };
    } catch (error) {
      const data = (error as { response?: { data?: { error?: string; error_description?: string } } }).response?.data;
      if (data?.error === 'invalid_grant') throw new ProviderAuthError(`Google: ${data.error_description ?? 'invalid_grant'}`);
      throw error;
    }
  }

  private async refreshMicrosoft(provider: CalendarProviderRecord, tokens: Extract<StoredTokens, { kind: 'microsoft' }>) {
    const resolution = await this.deps.microsoftCredentials.resolveMicrosoftConsumerProfile(provider.tenantId, 'calendar');
    if (!resolution.ok) throw new ProviderAuthError(`Microsoft calendar consumer is ${resolution.reason}: re-authorize after binding a profile.`);
    const plugin = new ProviderTokenCachePlugin(tokens.msalCache);
    const msal = createMsalClient(resolution.profile, this.deps.config.providers.microsoft, { logger: this.deps.logger, cache: { cachePlugin: plugin } });
    const account = await msal.getTokenCache().getAccountByHomeId(tokens.homeAccountId);
    if (!account) throw new ProviderAuthError('Microsoft: the stored sign-in belongs to another app registration: re-authorize.');
    try {
      const result = await withTimeout(msal.acquireTokenSilent({ account, scopes: MICROSOFT_CALENDAR_SCOPES }), PROVIDER_TOKEN_TIMEOUT_MS, 'Microsoft token endpoint');
      return { accessToken: result.accessToken, tokens: { ...tokens, msalCache: plugin.serialized ?? tokens.msalCache } };
    } catch (error) {
      if (error instanceof InteractionRequiredAuthError) throw new ProviderAuthError(`Microsoft: ${error.errorCode}: ${error.errorMessage.split('\n')[0]}`);
      throw error;
    }
  }
}
