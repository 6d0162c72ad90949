import type { Resolvers } from '../generated/graphql';
import { fromGraphqlEnum, toGraphqlEnum } from '../graphql/enum-mapping';
import { nullIfNotFound } from '../errors/domain-errors';
import type { UserService } from './user.service';

/** Reading the directory is open to every caller of the tenant (assignees must be pickable); writing is admin-only. */
export function usersResolvers(users: UserService): Resolvers {
  return {
    Query: {
      users: (_root, args, { auth }) => users.list(auth.tenantId, args),
      user: (_root, { id }, { auth }) => nullIfNotFound(users.get(auth.tenantId, id)),
    },
    Mutation: {
      upsertUser: (_root, { input }, { auth }) => {
        return users.upsert(auth.tenantId, { ...input, role: input.role ? fromGraphqlEnum(input.role) : null });
      },
    },
    User: {
      role: (user) => toGraphqlEnum(user.role),
    },
  };
}
