import { randomBytes } from 'node:crypto';
import type { AuthenticationResult } from '@azure/msal-node';
import type { Config } from '../config/config';
import { capabilityOf } from '../edition/matrix';
import type { MicrosoftConsumerProfileResolver } from '../microsoft/consumer-profile-resolver';
import type { ResolvedMicrosoftProfile } from '../microsoft/consumer-resolution';
import { createMsalClient } from '../microsoft/msal-client';
import type { Logger } from '../observability/logger';
import { withTimeout } from '../runtime/with-timeout';
import { directoryAllowed, identityClaims } from './directory-allowance';
import { parseLoginEmail } from './login-domain';
import type { LoginDomainRepository } from './login-domain.repository';
import type { ConsumedLoginState, MspSsoService } from './msp-sso.service';
import type { SsoTicketRepository } from './sso-ticket.repository';

const TICKET_TTL_SECONDS = 120;
const TOKEN_TIMEOUT_MS = 15_000;
const STATE_FAILURES = { invalid: 'invalid_state', expired: 'expired_state', replayed: 'replayed_state' } as const;

export type SsoCallbackFailure =
  | 'invalid_state'
  | 'expired_state'
  | 'replayed_state'
  | 'access_denied'
  | 'binding_changed'
  | 'sign_in_failed'
  | 'directory_not_allowed'
  | 'account_not_allowed';
export type SsoCallbackResult = { ok: true; ticket: string } | { ok: false; reason: SsoCallbackFailure };

type OpenState = Extract<ConsumedLoginState, { ok: true }>;

export interface SsoCallbackDeps {
  sso: Pick<MspSsoService, 'consumeLoginState'>;
  credentials: Pick<MicrosoftConsumerProfileResolver, 'resolveMicrosoftConsumerProfile'>;
  domains: Pick<LoginDomainRepository, 'findVerifiedByDomain'>;
  tickets: SsoTicketRepository;
  config: Pick<Config, 'publicUrl' | 'providers'>;
  logger: Logger;
}

/**
 * Completes MSP sign-in: single-use state → code redeemed (with the state's PKCE verifier) by the very profile
 * that started it → the account's directory (`tid`) must be one the profile admits, and its username's domain a
 * verified login domain of that tenant → a one-time ticket, bound to the PSA's browser nonce, for `tid` + `oid`.
 */
export class MspSsoCallbackService {
  constructor(private readonly deps: SsoCallbackDeps) {}

  async complete(query: { code?: string; state?: string; error?: string }): Promise<SsoCallbackResult> {
    const state = await this.deps.sso.consumeLoginState(query.state);
    if (!state.ok) return { ok: false, reason: STATE_FAILURES[state.reason] };
    if (query.error || !query.code) return this.refuse('access_denied', state.tenantId);
    const resolution = await this.deps.credentials.resolveMicrosoftConsumerProfile(state.tenantId, 'msp_sso');
    if (!resolution.ok || resolution.profile.id !== state.profileId) return this.refuse('binding_changed', state.tenantId);
    const result = await this.redeemCode(resolution.profile, query.code, state);
    const claims = identityClaims(result?.idTokenClaims);
    const email = parseLoginEmail(result?.account?.username);
    if (!result?.account || !claims || !email) return this.refuse('sign_in_failed', state.tenantId);
    const directory = directoryAllowed(resolution.profile, claims.tid);
    if (!directory.ok) return this.refuse('directory_not_allowed', state.tenantId, { directory: claims.tid, detail: directory.detail });
    const claim = await this.deps.domains.findVerifiedByDomain(email.domain);
    if (!claim?.isActive || claim.tenantId !== state.tenantId) return this.refuse('account_not_allowed', state.tenantId, { domain: email.domain });
    const ticket = randomBytes(32).toString('base64url');
    const identity = { tenantId: state.tenantId, ...claims, email: email.address, displayName: result.account.name ?? null };
    await this.deps.tickets.insert(ticket, identity, state.browserNonceHash, TICKET_TTL_SECONDS);
    await this.deps.tickets.purgeExpired().catch((error) => this.deps.logger.warn({ err: error }, 'msp sso: purging old tickets failed'));
    return { ok: true, ticket };
  }

  private async redeemCode(profile: ResolvedMicrosoftProfile, code: string, state: OpenState): Promise<AuthenticationResult | undefined> {
    const capability = capabilityOf('msp_sso');
    const client = createMsalClient(profile, this.deps.config.providers.microsoft, { logger: this.deps.logger });
    const request = {
      code,
      codeVerifier: state.codeVerifier,
      scopes: [...capability.delegatedScopes],
      redirectUri: `${this.deps.config.publicUrl}${capability.redirectPaths[0]}`,
    };
    return withTimeout(client.acquireTokenByCode(request), TOKEN_TIMEOUT_MS, 'Microsoft token endpoint').catch((error: unknown) => {
      this.deps.logger.warn({ err: error, tenantId: state.tenantId }, 'msp sso code redemption failed');
      return undefined;
    });
  }

  private refuse(reason: SsoCallbackFailure, tenantId: string, context: Record<string, string> = {}): SsoCallbackResult {
    this.deps.logger.info({ reason, tenantId, ...context }, 'msp sso sign-in refused');
    return { ok: false, reason };
  }
}
