import { randomUUID } from 'node:crypto';
import { conflict, notFound } from '../errors/domain-errors';
import { normalizeLoginDomain } from './login-domain';
import type { LoginDomain, LoginDomainRepository } from './login-domain.repository';
import { isUuid } from '../db/uuid';


/** Shown when another tenant owns the domain; deliberately names no tenant. */
export const DOMAIN_CLAIMED_MESSAGE =
  'This domain is already used for single sign-on by another organization. Contact support if it belongs to you.';

/**
 * Login domains of one tenant. A domain has one owner tenant (unique index). Adding a domain the tenant already
 * owns is idempotent: it returns the existing row, re-activated, so an admin can safely retry.
 */
export class LoginDomainService {
  constructor(private readonly domains: LoginDomainRepository) {}

  list(tenantId: string): Promise<LoginDomain[]> {
    return this.domains.listByTenant(tenantId);
  }

  async add(tenantId: string, actorId: string, input: string): Promise<LoginDomain> {
    const domain = normalizeLoginDomain(input);
    const inserted = await this.domains.insertIfUnclaimed({ id: randomUUID(), tenantId, domain, createdBy: actorId });
    if (inserted) return inserted;
    const owned = await this.domains.activateOwned(tenantId, domain);
    if (owned) return owned;
    throw conflict(DOMAIN_CLAIMED_MESSAGE, { domain });
  }

  async remove(tenantId: string, id: string): Promise<true> {
    // A malformed id cannot be the tenant's: same answer as someone else's id, without a database cast error.
    if (!isUuid(id) || !(await this.domains.deleteOwned(tenantId, id))) throw notFound('Login domain');
    return true;
  }
}
