import type { Resolvers } from '../generated/graphql';
import { toGraphqlEnum } from '../graphql/enum-mapping';
import { verificationRecord } from './domain-verification';
import type { LoginDomain } from './login-domain.repository';
import type { LoginDomainService } from './login-domain.service';
import type { SsoTicketService } from './sso-ticket.service';

/** GraphQL shape of a login domain: the status as an enum, the TXT challenge as the record to publish. */
function domainOut(domain: LoginDomain) {
  const { verificationToken, ...rest } = domain;
  return { ...rest, status: toGraphqlEnum(domain.status), verification: verificationRecord(domain.domain, verificationToken) };
}

/** Login domains are tenant configuration: admin only, reads included, always scoped to the caller's tenant. */
export function mspSsoResolvers({ domains, tickets }: { domains: LoginDomainService; tickets: SsoTicketService }): Resolvers {
  return {
    Query: {
      mspSsoLoginDomains: async (_root, _args, { auth }) => {
        return (await domains.list(auth.tenantId)).map(domainOut);
      },
    },
    Mutation: {
      addMspSsoLoginDomain: async (_root, { domain }, { auth }) => {
        return domainOut(await domains.add(auth.tenantId, auth.userId, domain));
      },
      verifyMspSsoLoginDomain: async (_root, { id }, { auth }) => {
        return domainOut(await domains.verify(auth.tenantId, id));
      },
      removeMspSsoLoginDomain: (_root, { id }, { auth }) => {
        return domains.remove(auth.tenantId, id);
      },
      redeemMspSsoTicket: (_root, { ticket, nonce }, { auth }) => {
        return tickets.redeem(auth.tenantId, ticket, nonce);
      },
    },
  };
}
