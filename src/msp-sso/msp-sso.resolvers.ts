import type { Resolvers } from '../generated/graphql';
import { requireAdmin } from '../graphql/guards';
import { notFound } from '../errors/domain-errors';
import type { LoginDomainService } from './login-domain.service';
import type { SsoTicketRepository } from './sso-ticket.repository';

/** Login domains are tenant configuration: admin only, reads included, always scoped to the caller's tenant. */
export function mspSsoResolvers({ domains, tickets }: { domains: LoginDomainService; tickets: SsoTicketRepository }): Resolvers {
  return {
    Query: {
      mspSsoLoginDomains: (_root, _args, { auth }) => {
        requireAdmin(auth);
        return domains.list(auth.tenantId);
      },
    },
    Mutation: {
      addMspSsoLoginDomain: (_root, { domain }, { auth }) => {
        requireAdmin(auth);
        return domains.add(auth.tenantId, auth.userId, domain);
      },
      removeMspSsoLoginDomain: (_root, { id }, { auth }) => {
        requireAdmin(auth);
        return domains.remove(auth.tenantId, id);
      },
      redeemMspSsoTicket: async (_root, { ticket }, { auth }) => {
        requireAdmin(auth);
        const identity = await tickets.redeem(ticket, auth.tenantId);
        if (!identity) throw notFound('Sign-in ticket');
        return identity;
      },
    },
  };
}
