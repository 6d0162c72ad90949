import type { Resolvers } from '../generated/graphql';
import { requireAdmin } from '../graphql/guards';
import type { LoginDomainService } from './login-domain.service';

/** Login domains are tenant configuration: admin only, reads included, always scoped to the caller's tenant. */
export function mspSsoResolvers({ domains }: { domains: LoginDomainService }): Resolvers {
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
    },
  };
}
