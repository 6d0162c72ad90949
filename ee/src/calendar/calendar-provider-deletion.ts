import type { RequestContext } from '../../../src/auth/request-context';
import type { ServiceDeps } from '../../../src/runtime/service-deps';
import type { CalendarProviderRecord } from './calendar-provider.repository';
import type { CalendarProviderService } from './calendar-provider.service';
import type { CalendarTokenManager } from './calendar-token-manager';
import { stopProviderWebhook } from './calendar-webhook-stop';
import type { GoogleCalendarAppService } from './google-calendar-app.service';
import { createGoogleOAuthClient } from './oauth/google-oauth-client';
import { openTokens } from './stored-tokens';

/**
 * Disconnects and removes a provider: stops its webhook, revokes its grant at the provider, then deletes the row
 * (mappings, conflicts, states and inbox rows go with it; schedule entries stay). Provider-side steps are best
 * effort: an unreachable provider must not keep a user from removing a connection. Each failure is logged.
 */
export class CalendarProviderDeletion {
  constructor(
    private readonly deps: Pick<ServiceDeps, 'orm' | 'secretBox' | 'config' | 'logger'> & {
      providers: CalendarProviderService;
      tokens: CalendarTokenManager;
      googleApps: GoogleCalendarAppService;
    },
  ) {}

  async delete(ctx: RequestContext, id: string): Promise<void> {
    const provider = await this.deps.providers.getAccessible(ctx, id);
    // In this order, one after the other: stopping a channel needs a live token, and revoking kills every token.
    await this.bestEffort(provider, 'stopping the webhook', () => stopProviderWebhook(this.deps, provider));
    await this.bestEffort(provider, 'revoking the grant', () => this.revokeGrant(provider));
    await this.deps.providers.repository.delete(this.deps.orm.em.fork(), ctx.tenantId, id);
  }

  private async bestEffort(provider: CalendarProviderRecord, step: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.deps.logger.warn({ err: error, providerId: provider.id, step }, 'calendar provider cleanup at the provider failed');
    }
  }

  /** Google revokes the whole grant; Microsoft has no per-grant revocation, so dropping the MSAL cache is all we can do. */
  private async revokeGrant(provider: CalendarProviderRecord): Promise<void> {
    if (!provider.encryptedTokens) return;
    const tokens = openTokens(this.deps.secretBox, provider.id, provider.encryptedTokens);
    if (tokens.kind !== 'google') return;
    const app = await this.deps.googleApps.credentials(provider.tenantId);
    if (!app) return;
    await createGoogleOAuthClient(app, this.deps.config.providers).revokeToken(tokens.refreshToken ?? tokens.accessToken);
  }
}
