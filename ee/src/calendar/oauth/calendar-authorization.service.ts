import { randomBytes, randomUUID } from 'node:crypto';
import type { Auth } from 'googleapis';
import type { RequestContext } from '../../../../src/auth/request-context';
import type { StateSigner } from '../../../../src/crypto/signed-state';
import { badUserInput } from '../../../../src/errors/domain-errors';
import { createMsalClient } from '../../../../src/microsoft/msal-client';
import type { ServiceDeps } from '../../../../src/runtime/service-deps';
import type { CalendarProviderType } from '../adapters/calendar-adapter';
import type { CalendarProviderService } from '../calendar-provider.service';
import type { GoogleCalendarAppService } from '../google-calendar-app.service';
import { sealPendingTokens } from '../stored-tokens';
import { exchangeAuthorizationCode, type ExchangedGrant } from './code-exchange';
import { createGoogleOAuthClient, GOOGLE_CALENDAR_SCOPES } from './google-oauth-client';
import { MICROSOFT_CALENDAR_SCOPES } from './microsoft-calendar-scopes';
import { type ConsumedOAuthState, OAuthStateRepository } from './oauth-state.repository';
import { PendingGrantRepository } from './pending-grant.repository';
import { stillBoundProfile } from './still-bound-profile';
import { createPkcePair } from './pkce';

const STATE_TTL_SECONDS = 600;
/** How long the starter has to complete (completeCalendarAuthorization) once the provider sent the browser back. */
export const PENDING_GRANT_TTL_SECONDS = 600;
export const CALENDAR_OAUTH_STATE_PURPOSE = 'calendar_oauth';

export type CallbackFailure =
  | 'invalid_state'
  | 'expired_state'
  | 'state_already_used'
  | 'provider_mismatch'
  | 'access_denied'
  | 'missing_code'
  | 'binding_changed'
  | 'code_exchange_failed';

/** `ticket` completes the connection; it goes to the browser that consented, and only the starter can use it. */
export type CallbackResult = { ok: true; providerId: string; ticket: string } | { ok: false; reason: CallbackFailure; providerId?: string };

export interface CallbackQuery {
  code?: string;
  state?: string;
  error?: string;
}

export interface CalendarAuthorizationDeps extends Pick<ServiceDeps, 'orm' | 'secretBox' | 'config' | 'logger' | 'microsoftCredentials'> {
  providers: CalendarProviderService;
  googleApps: GoogleCalendarAppService;
  signer: StateSigner;
}

const verifierContext = (nonce: string) => `oauth_states.code_verifier:${nonce}`;

/**
 * OAuth connect for calendar providers, first half: a signed, expiring (10 min), single-use state bound to tenant,
 * user and provider, with PKCE. The callback only parks the tokens as a pending grant of the starting user: the
 * browser that consented may belong to anyone, so the provider changes only when that user completes it
 * (CalendarAuthorizationCompletion). A failed callback writes nothing but the state consumption.
 */
export class CalendarAuthorizationService {
  private readonly states = new OAuthStateRepository();
  private readonly grants = new PendingGrantRepository();

  constructor(private readonly deps: CalendarAuthorizationDeps) {}

  async start(ctx: RequestContext, providerId: string): Promise<{ authorizationUrl: string }> {
    const provider = await this.deps.providers.getAccessible(ctx, providerId);
    const nonce = randomBytes(24).toString('base64url');
    const pkce = createPkcePair();
    const state = this.deps.signer.signState({ nonce, providerId }, STATE_TTL_SECONDS);
    const { authorizationUrl, microsoftProfileId } = await this.authorizationUrl(ctx.tenantId, provider.providerType, state, pkce.challenge);
    await this.states.insert(this.deps.orm.em.fork(), {
      nonce,
      tenantId: ctx.tenantId,
      userId: ctx.userId,
      providerId,
      microsoftProfileId,
      codeVerifier: this.deps.secretBox.encrypt(pkce.verifier, verifierContext(nonce)),
      expiresAt: new Date(Date.now() + STATE_TTL_SECONDS * 1000),
    });
    await this.states.purgeExpired(this.deps.orm.em.fork()).catch((error) => this.deps.logger.warn({ err: error }, 'purging old OAuth states failed'));
    await this.purgeExpiredGrants(ctx.tenantId);
    return { authorizationUrl };
  }

  async handleCallback(providerType: CalendarProviderType, query: CallbackQuery): Promise<CallbackResult> {
    const verified = this.deps.signer.verifyState<{ nonce: string; providerId: string }>(query.state);
    if (!verified.ok) return { ok: false, reason: verified.reason === 'expired' ? 'expired_state' : 'invalid_state' };
    const state = await this.states.consume(this.deps.orm.em.fork(), verified.payload.nonce);
    if (!state || state.providerId !== verified.payload.providerId) return { ok: false, reason: 'state_already_used' };
    const { tenantId, providerId } = state;
    const provider = await this.deps.providers.repository.find(this.deps.orm.em.fork(), tenantId, providerId);
    if (!provider || provider.providerType !== providerType) return { ok: false, reason: 'provider_mismatch', providerId };
    if (query.error) return { ok: false, reason: 'access_denied', providerId };
    if (!query.code) return { ok: false, reason: 'missing_code', providerId };
    const codeVerifier = this.deps.secretBox.decrypt(state.codeVerifier, verifierContext(verified.payload.nonce));
    // Microsoft: the code must be redeemed by the app registration that asked for it, which must still be bound.
    const profile =
      provider.providerType === 'microsoft' ? await stillBoundProfile(this.deps.microsoftCredentials, tenantId, state.microsoftProfileId) : undefined;
    if (profile === null) return { ok: false, reason: 'binding_changed', providerId };
    const grant = await exchangeAuthorizationCode(this.deps, provider, query.code, codeVerifier, profile).catch((error: unknown) => {
      this.deps.logger.warn({ err: error, tenantId, providerId }, 'calendar authorization code exchange failed');
      return undefined;
    });
    if (!grant) return { ok: false, reason: 'code_exchange_failed', providerId };
    return { ok: true, providerId, ticket: await this.park(state, grant) };
  }

  /** Stores the grant for the user who started; returns the ticket (random, 256 bits; only its hash is kept). */
  private async park(state: ConsumedOAuthState, grant: ExchangedGrant): Promise<string> {
    const ticket = randomBytes(32).toString('base64url');
    const id = randomUUID();
    await this.grants.insert(this.deps.orm.em.fork(), {
      id,
      ticket,
      tenantId: state.tenantId,
      userId: state.userId,
      providerId: state.providerId,
      microsoftProfileId: state.microsoftProfileId,
      encryptedTokens: sealPendingTokens(this.deps.secretBox, id, grant.tokens),
      accountId: grant.account.id,
      accountEmail: grant.account.email,
      ttlSeconds: PENDING_GRANT_TTL_SECONDS,
    });
    await this.purgeExpiredGrants(state.tenantId);
    return ticket;
  }

  /** Called on start and on callback, so expired tokens do not wait for the tenant's next callback. */
  private async purgeExpiredGrants(tenantId: string): Promise<void> {
    await this.grants
      .purgeExpired(this.deps.orm.em.fork(), tenantId)
      .catch((error) => this.deps.logger.warn({ err: error }, 'purging expired pending grants failed'));
  }

  private async authorizationUrl(
    tenantId: string,
    type: CalendarProviderType,
    state: string,
    challenge: string,
  ): Promise<{ authorizationUrl: string; microsoftProfileId: string | null }> {
    if (type === 'google') {
      const app = await this.deps.googleApps.credentials(tenantId);
      if (!app) throw badUserInput('Configure the Google Calendar app (configureGoogleCalendarApp) before connecting Google calendars.');
      const authorizationUrl = createGoogleOAuthClient(app, this.deps.config.providers).generateAuthUrl({
        access_type: 'offline',
        prompt: 'consent',
        scope: GOOGLE_CALENDAR_SCOPES,
        state,
        code_challenge: challenge,
        // A type-only import: the googleapis root would load every Google API (see google-api.ts).
        code_challenge_method: 'S256' as Auth.CodeChallengeMethod,
      });
      return { authorizationUrl, microsoftProfileId: null };
    }
    const profile = await this.deps.providers.requireCalendarBinding(tenantId);
    const authorizationUrl = await createMsalClient(profile, this.deps.config.providers.microsoft, { logger: this.deps.logger }).getAuthCodeUrl({
      scopes: MICROSOFT_CALENDAR_SCOPES,
      redirectUri: `${this.deps.config.publicUrl}/api/auth/microsoft/calendar/callback`,
      state,
      codeChallenge: challenge,
      codeChallengeMethod: 'S256',
      prompt: 'select_account',
    });
    return { authorizationUrl, microsoftProfileId: profile.id };
  }
}
