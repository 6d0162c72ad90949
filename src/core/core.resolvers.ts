import type { ApiKeyService } from '../auth/api-key.service';
import type { Edition } from '../config/config';
import { capabilityOf, consumersFor } from '../edition/matrix';
import { notFound } from '../errors/domain-errors';
import type { Resolvers } from '../generated/graphql';
import { DateTimeScalar } from '../graphql/date-time.scalar';
import { fromGraphqlEnum, toGraphqlEnum } from '../graphql/enum-mapping';
import type { TenantService } from '../tenants/tenant.service';

export interface CoreResolverDeps {
  edition: Edition;
  tenants: TenantService;
  apiKeys: ApiKeyService;
}

/** Thin layer: authorization + argument shaping, then one service call. */
export function coreResolvers({ edition, tenants, apiKeys }: CoreResolverDeps): Resolvers {
  return {
    DateTime: DateTimeScalar,
    Query: {
      edition: () => toGraphqlEnum(edition),
      viewer: (_root, _args, { auth }) => auth,
      // The schema of a CE deployment cannot name EE consumers; the matrix decides which exist.
      microsoftConsumers: (_root, { only }) =>
        consumersFor(edition)
          .filter((consumer) => !only || only.map(fromGraphqlEnum).includes(consumer as Lowercase<(typeof only)[number]>))
          .map((consumer) => ({
            consumer: toGraphqlEnum(consumer) as 'MSP_SSO',
            reconnectRequiredOnRebind: capabilityOf(consumer).onRebind !== 'none',
          })),
      apiKeys: (_root, _args, { auth }) => {
        return apiKeys.list(auth.tenantId);
      },
    },
    Mutation: {
      createApiKey: async (_root, { input }, { auth }) => {
        const role = input.role ? fromGraphqlEnum(input.role) : undefined;
        const created = await apiKeys.create(auth.tenantId, auth.userId, { name: input.name, role });
        return { apiKey: created.row, secret: created.apiKey };
      },
      revokeApiKey: (_root, { id }, { auth }) => {
        return apiKeys.revoke(auth.tenantId, id);
      },
    },
    Viewer: {
      role: (viewer) => toGraphqlEnum(viewer.role),
      tenant: async (viewer) => {
        const tenant = await tenants.findById(viewer.tenantId);
        if (!tenant) throw notFound('Tenant');
        return tenant;
      },
    },
    ApiKey: {
      role: (key) => toGraphqlEnum(key.role),
    },
  };
}
