import { badUserInput, notFound } from '../errors/domain-errors';
import type { Logger } from '../observability/logger';
import { NONCE_RULE, nonceMatches, parseLoginNonce } from './login-nonce';
import type { MspSsoIdentity, SsoTicketRepository } from './sso-ticket.repository';

/**
 * The PSA backend's half of MSP sign-in: a ticket turns into the identity once, and only for the browser session
 * that started the sign-in (same nonce). A wrong nonce uses the ticket up: a ticket planted in someone else's
 * browser, or stolen from one, is dead after one try.
 */
export class SsoTicketService {
  private readonly log: Logger;

  constructor(private readonly deps: { tickets: SsoTicketRepository; logger: Logger }) {
    this.log = deps.logger.child({ module: 'msp-sso' });
  }

  async redeem(tenantId: string, ticket: string, nonce: string): Promise<MspSsoIdentity> {
    // Depends on the request alone, so naming the problem reveals nothing about tickets.
    if (!parseLoginNonce(nonce)) throw badUserInput(`${NONCE_RULE}: pass the nonce sent to /api/auth/msp/sso/resolve.`, { field: 'nonce' });
    const redeemed = await this.deps.tickets.redeem(ticket, tenantId);
    if (!redeemed) throw notFound('Sign-in ticket');
    if (!nonceMatches(redeemed.browserNonceHash, nonce)) {
      this.log.warn({ tenantId, reason: 'nonce_mismatch' }, 'msp sso ticket refused');
      throw notFound('Sign-in ticket');
    }
    return redeemed.identity;
  }
}
