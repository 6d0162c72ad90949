import { randomBytes } from 'node:crypto';
import type { Config } from '../config/config';
import { capabilityOf } from '../edition/matrix';
import type { MicrosoftConsumerProfileResolver } from '../microsoft/consumer-profile-resolver';
import { createMsalClient } from '../microsoft/msal-client';
import type { Logger } from '../observability/logger';
import { withTimeout } from '../runtime/with-timeout';
import { parseLoginEmail } from './login-domain';
import type { LoginDomainRepository } from './login-domain.repository';
import type { MspSsoService } from './msp-sso.service';
import type { SsoTicketRepository } from './sso-ticket.repository';

const TICKET_TTL_SECONDS = 120;
const TOKEN_TIMEOUT_MS = 15_000;
const STATE_FAILURES = { invalid: 'invalid_state', expired: 'expired_state', replayed: 'replayed_state' } as const;

export type SsoCallbackFailure = 'invalid_state' | 'expired_state' | 'replayed_state' | 'access_denied' | 'binding_changed' | 'sign_in_failed' | 'account_not_allowed';
export type SsoCallbackResult = { ok: true; ticket: string } | { ok: false; reason: SsoCallbackFailure };

export interface SsoCallbackDeps {
  sso: Pick<MspSsoService, 'consumeLoginState'>;
  credentials: Pick<MicrosoftConsumerProfileResolver, 'resolveMicrosoftConsumerProfile'>;
  domains: Pick<LoginDomainRepository, 'findByDomain'>;
  tickets: SsoTicketRepository;
  config: Pick<Config, 'publicUrl' | 'providers'>;
  logger: Logger;
}

/**
 * Completes MSP sign-in: single-use state → code redeemed by the very profile that started it → the signed-in
 * account must belong to a login domain of that tenant → a one-time ticket the PSA backend redeems.
 */
export class MspSsoCallbackService {
  constructor(private readonly deps: SsoCallbackDeps) {}

  async complete(query: { code?: string; state?: string; error?: string }): Promise<SsoCallbackResult> {
    const state = await this.deps.sso.consumeLoginState(query.state);
    if (!state.ok) return { ok: false, reason: STATE_FAILURES[state.reason] };
    if (query.error || !query.code) return this.refuse('access_denied', state.tenantId);
    const resolution = await this.deps.credentials.resolveMicrosoftConsumerProfile(state.tenantId, 'msp_sso');
    if (!resolution.ok || resolution.profile.id !== state.profileId) return this.refuse('binding_changed', state.tenantId);
    const capability = capabilityOf('msp_sso');
    const result = await withTimeout(
      createMsalClient(resolution.profile, this.deps.config.providers.microsoft, { logger: this.deps.logger }).acquireTokenByCode({
        code: query.code,
        scopes: [...capability.delegatedScopes],
        redirectUri: `${this.deps.config.publicUrl}${capability.redirectPaths[0]}`,
      }),
      TOKEN_TIMEOUT_MS,
      'Microsoft token endpoint',
    ).catch((error: unknown) => {
      this.deps.logger.warn({ err: error, tenantId: state.tenantId }, 'msp sso code redemption failed');
      return undefined;
    });
    const account = result?.account;
    const email = parseLoginEmail(account?.username);
    if (!account || !email) return this.refuse('sign_in_failed', state.tenantId);
    const claim = await this.deps.domains.findByDomain(email.domain);
    if (!claim?.isActive || claim.tenantId !== state.tenantId) return this.refuse('account_not_allowed', state.tenantId, email.domain);
    const ticket = randomBytes(32).toString('base64url');
    const identity = {
      tenantId: state.tenantId,
      email: email.address,
      displayName: account.name ?? null,
      microsoftObjectId: account.localAccountId,
      microsoftTenantId: account.tenantId,
    };
    await this.deps.tickets.insert(ticket, identity, TICKET_TTL_SECONDS);
    await this.deps.tickets.purgeExpired().catch((error) => this.deps.logger.warn({ err: error }, 'msp sso: purging old tickets failed'));
    return { ok: true, ticket };
  }

  private refuse(reason: SsoCallbackFailure, tenantId: string, domain?: string): SsoCallbackResult {
    this.deps.logger.info({ reason, tenantId, domain }, 'msp sso sign-in refused');
    return { ok: false, reason };
  }
}
