import { randomUUID } from 'node:crypto';
import { conflict, notFound } from '../errors/domain-errors';
import type { Logger } from '../observability/logger';
import { isUuid } from '../db/uuid';
import type { TxtLookup } from './dns-txt-lookup';
import { assertProofFound, newVerificationToken, verificationRecord } from './domain-verification';
import { normalizeLoginDomain } from './login-domain';
import type { LoginDomain, LoginDomainRepository } from './login-domain.repository';

/** Shown when another tenant holds the domain verified; deliberately names no tenant. */
export const DOMAIN_CLAIMED_MESSAGE =
  'This domain is already used for single sign-on by another organization. Contact support if it belongs to you.';

export interface LoginDomainServiceDeps {
  domains: LoginDomainRepository;
  dns: TxtLookup;
  logger: Logger;
}

/**
 * Login domains of one tenant. Adding one creates a pending claim with a DNS TXT challenge; only a verified
 * domain routes sign-ins. Many tenants may claim a domain, one at a time holds it verified: the database's
 * partial unique index decides, so two racing verifications cannot both win.
 */
export class LoginDomainService {
  private readonly log: Logger;

  constructor(private readonly deps: LoginDomainServiceDeps) {
    this.log = deps.logger.child({ module: 'msp-sso-domains' });
  }

  list(tenantId: string): Promise<LoginDomain[]> {
    return this.deps.domains.listByTenant(tenantId);
  }

  /** Idempotent for the tenant's own claim (re-activated, same challenge), so an admin can safely retry. */
  async add(tenantId: string, actorId: string, input: string): Promise<LoginDomain> {
    const domain = normalizeLoginDomain(input);
    await this.refuseIfVerifiedElsewhere(tenantId, domain);
    return this.deps.domains.upsertClaim({ id: randomUUID(), tenantId, domain, createdBy: actorId, verificationToken: newVerificationToken() });
  }

  /** Checks the TXT challenge over DNS and moves the claim to verified; a failed check leaves it pending. */
  async verify(tenantId: string, id: string): Promise<LoginDomain> {
    const claim = await this.findOwned(tenantId, id);
    if (claim.status === 'verified') return claim;
    await this.refuseIfVerifiedElsewhere(tenantId, claim.domain);
    const expected = verificationRecord(claim.domain, claim.verificationToken);
    const found = await this.deps.dns.resolveTxt(expected.name);
    if (!found.ok) this.log.info({ tenantId, domain: claim.domain, reason: found.reason }, 'msp sso domain proof: lookup found nothing usable');
    assertProofFound(expected, found);
    const verified = await this.deps.domains.markVerified(tenantId, claim.id);
    if (verified === 'taken') throw conflict(DOMAIN_CLAIMED_MESSAGE, { domain: claim.domain });
    if (verified) this.log.info({ tenantId, domain: claim.domain }, 'msp sso login domain verified');
    // undefined: a concurrent request of the same tenant verified (or removed) it first.
    return verified ?? this.findOwned(tenantId, id);
  }

  async remove(tenantId: string, id: string): Promise<true> {
    // A malformed id cannot be the tenant's: same answer as someone else's id, without a database cast error.
    if (!isUuid(id) || !(await this.deps.domains.deleteOwned(tenantId, id))) throw notFound('Login domain');
    return true;
  }

  private async findOwned(tenantId: string, id: string): Promise<LoginDomain> {
    const claim = isUuid(id) ? await this.deps.domains.findOwned(tenantId, id) : undefined;
    if (!claim) throw notFound('Login domain');
    return claim;
  }

  /** Early, friendly refusal; the unique index remains the arbiter for races. */
  private async refuseIfVerifiedElsewhere(tenantId: string, domain: string): Promise<void> {
    const holder = await this.deps.domains.findVerifiedByDomain(domain);
    if (holder && holder.tenantId !== tenantId) throw conflict(DOMAIN_CLAIMED_MESSAGE, { domain });
  }
}
