import { randomBytes } from 'node:crypto';
import type { SecretBox } from '../crypto/secret-box';
import type { StateSigner } from '../crypto/signed-state';
import { capabilityOf } from '../edition/matrix';
import type { MicrosoftConsumerProfileResolver } from '../microsoft/consumer-profile-resolver';
import type { ResolvedMicrosoftProfile } from '../microsoft/consumer-resolution';
import type { MsalClientCache } from '../microsoft/msal-client';
import type { Logger } from '../observability/logger';
import { parseLoginEmail, type ParsedLoginEmail } from './login-domain';
import type { LoginDomainRepository } from './login-domain.repository';
import type { LoginStateRepository, LoginStateRow } from './login-state.repository';
import { hashLoginNonce, parseLoginNonce } from './login-nonce';
import { createPkcePair } from './pkce';
import { isUuid } from '../db/uuid';

export const LOGIN_STATE_TTL_SECONDS = 600;
/** Looked up when the input names no tenant, so every request costs the same queries. */
const PLACEHOLDER_DOMAIN = 'unknown.invalid';
const PLACEHOLDER_TENANT = '00000000-0000-0000-0000-000000000000';

export interface DiscoverAnswer {
  sso: boolean;
  providers: string[];
}

/** `bad_nonce` is the one failure the caller may name: it depends on the request alone, never on stored data. */
export type ResolveOutcome = { ok: true; authorizationUrl: string } | { ok: false; reason: string };

export type LoginStateFailure = 'invalid' | 'expired' | 'replayed';
export type ConsumedLoginState =
  | { ok: true; tenantId: string; profileId: string; loginHint: string | null; browserNonceHash: string; codeVerifier: string }
  | { ok: false; reason: LoginStateFailure };

type SsoTarget =
  | { ok: true; email: ParsedLoginEmail; tenantId: string; profile: ResolvedMicrosoftProfile }
  | { ok: false; reason: string; domain?: string };

const verifierContext = (stateNonce: string) => `msp_sso_login_states.code_verifier:${stateNonce}`;

interface SignedLoginState {
  n: string;
  t: string;
}

export interface MspSsoServiceDeps {
  domains: LoginDomainRepository;
  states: LoginStateRepository;
  credentials: Pick<MicrosoftConsumerProfileResolver, 'resolveMicrosoftConsumerProfile'>;
  signer: StateSigner;
  secretBox: SecretBox;
  msalClients: MsalClientCache;
  publicUrl: string;
  logger: Logger;
}

/**
 * Pre-authentication MSP sign-in. Answers never say why SSO is unavailable (that would reveal which tenants and
 * domains exist); the log does, with the domain but never the full address.
 */
export class MspSsoService {
  private readonly log: Logger;

  constructor(private readonly deps: MspSsoServiceDeps) {
    this.log = deps.logger.child({ module: 'msp-sso' });
  }

  async discover(email: unknown): Promise<DiscoverAnswer> {
    try {
      const target = await this.findTarget(email);
      if (target.ok) return { sso: true, providers: ['microsoft'] };
      this.log.info({ reason: target.reason, domain: target.domain }, 'msp sso discover: sso not available');
    } catch (error) {
      this.log.error({ err: error }, 'msp sso discover failed');
    }
    return { sso: false, providers: [] };
  }

  /** `nonce`: the PSA's browser-session nonce, required again by redeemMspSsoTicket. */
  async resolve(email: unknown, nonce: unknown): Promise<ResolveOutcome> {
    const browserNonce = parseLoginNonce(nonce);
    if (!browserNonce) return { ok: false, reason: 'bad_nonce' };
    try {
      const target = await this.findTarget(email);
      if (!target.ok) {
        this.log.info({ reason: target.reason, domain: target.domain }, 'msp sso resolve refused');
        return { ok: false, reason: target.reason };
      }
      return { ok: true, authorizationUrl: await this.authorizationUrl(target, browserNonce) };
    } catch (error) {
      this.log.error({ err: error }, 'msp sso resolve failed');
      return { ok: false, reason: 'internal_error' };
    }
  }

  /** Verifies a returned `state` and uses it up. Exactly one caller ever gets `ok: true` for a given state. */
  async consumeLoginState(state: unknown): Promise<ConsumedLoginState> {
    const verified = this.deps.signer.verifyState<SignedLoginState>(state);
    if (!verified.ok) return this.refuseState(verified.reason === 'expired' ? 'expired' : 'invalid', verified.reason);
    // Signed by us, but still shape-checked: a token signed for this purpose by an older release must not crash here.
    const { n: nonce, t: tenantId } = (verified.payload ?? {}) as Partial<SignedLoginState>;
    if (typeof nonce !== 'string' || typeof tenantId !== 'string' || !isUuid(tenantId)) return this.refuseState('invalid', 'payload');
    const row = await this.deps.states.consume(nonce, tenantId);
    if (row) return this.openConsumedState(nonce, row);
    const status = await this.deps.states.status(nonce, tenantId);
    if (!status) return this.refuseState('invalid', 'unknown_nonce');
    return this.refuseState(status.consumed ? 'replayed' : 'expired', status.consumed ? 'replayed' : 'row_expired');
  }

  /** Rows written before nonces and PKCE (or with an undecryptable verifier) cannot be completed safely. */
  private openConsumedState(stateNonce: string, row: LoginStateRow): ConsumedLoginState {
    const { browserNonceHash, codeVerifier, ...rest } = row;
    if (!browserNonceHash || !codeVerifier) return this.refuseState('invalid', 'pre_nonce_state');
    try {
      return { ok: true, ...rest, browserNonceHash, codeVerifier: this.deps.secretBox.decrypt(codeVerifier, verifierContext(stateNonce)) };
    } catch (error) {
      this.log.error({ err: error }, 'msp sso login state: code verifier cannot be decrypted');
      return this.refuseState('invalid', 'verifier_undecryptable');
    }
  }

  /** Domain → owner tenant → bound msp_sso profile. Always runs both lookups, whatever the input. */
  private async findTarget(input: unknown): Promise<SsoTarget> {
    const email = parseLoginEmail(input);
    const claim = await this.deps.domains.findVerifiedByDomain(email?.domain ?? PLACEHOLDER_DOMAIN);
    const tenantId = claim?.isActive ? claim.tenantId : PLACEHOLDER_TENANT;
    const resolution = await this.deps.credentials.resolveMicrosoftConsumerProfile(tenantId, 'msp_sso');
    const domain = email?.domain;
    if (!email) return { ok: false, reason: 'bad_input' };
    if (!claim) return { ok: false, reason: 'unknown_domain', domain };
    if (!claim.isActive) return { ok: false, reason: 'inactive_domain', domain };
    if (!resolution.ok) return { ok: false, reason: resolution.reason, domain };
    return { ok: true, email, tenantId, profile: resolution.profile };
  }

  private async authorizationUrl(target: Extract<SsoTarget, { ok: true }>, browserNonce: string): Promise<string> {
    const nonce = randomBytes(24).toString('base64url');
    const { tenantId, profile, email } = target;
    const pkce = createPkcePair();
    await this.deps.states.insert({
      nonce,
      tenantId,
      profileId: profile.id,
      loginHint: email.address,
      browserNonceHash: hashLoginNonce(browserNonce),
      codeVerifier: this.deps.secretBox.encrypt(pkce.verifier, verifierContext(nonce)),
      ttlSeconds: LOGIN_STATE_TTL_SECONDS,
    });
    await this.deps.states.purgeExpired().catch((error) => this.log.warn({ err: error }, 'msp sso: purging old login states failed'));
    const capability = capabilityOf('msp_sso');
    // No `prompt: 'select_account'`: Entra rejects it together with login_hint, and MSAL drops the hint when both
    // are given. The hint already keeps another signed-in account from being used silently.
    return this.deps.msalClients.get(profile).getAuthCodeUrl({
      scopes: [...capability.delegatedScopes],
      redirectUri: `${this.deps.publicUrl}${capability.redirectPaths[0]}`,
      loginHint: email.address,
      codeChallenge: pkce.challenge,
      codeChallengeMethod: 'S256',
      state: this.deps.signer.signState<SignedLoginState>({ n: nonce, t: tenantId }, LOGIN_STATE_TTL_SECONDS),
    });
  }

  private refuseState(reason: LoginStateFailure, detail: string): ConsumedLoginState {
    this.log.warn({ reason, detail }, 'msp sso login state refused');
    return { ok: false, reason };
  }
}
