import type { Edition } from '../config/config';
import type { Resolvers } from '../generated/graphql';
import { fromGraphqlEnum, toGraphqlEnum } from '../graphql/enum-mapping';
import { nullIfNotFound } from '../errors/domain-errors';
import { requireAdmin } from '../graphql/guards';
import type { MicrosoftConsumerProfileResolver } from './consumer-profile-resolver';
import { microsoftIntegrationStatus } from './integration-status';
import type { MicrosoftBindingService } from './microsoft-binding.service';
import type { MicrosoftProfileService } from './microsoft-profile.service';
import { reconnectNote } from './rebind-warnings';

export interface MicrosoftResolverDeps {
  edition: Edition;
  publicUrl: string;
  profiles: MicrosoftProfileService;
  bindings: MicrosoftBindingService;
  resolver: MicrosoftConsumerProfileResolver;
}

type GraphqlConsumer = 'MSP_SSO';
const consumerOut = (consumer: string) => toGraphqlEnum(consumer) as GraphqlConsumer;

/** Thin: role checks and enum mapping; every rule lives in the services. Users may read names, admins all. */
export function microsoftResolvers({ edition, publicUrl, profiles, bindings, resolver }: MicrosoftResolverDeps): Resolvers {
  const adminOnly = <T>(value: T) => (_root: unknown, _args: unknown, { auth }: { auth: Parameters<typeof requireAdmin>[0] }) => {
    requireAdmin(auth);
    return value;
  };
  return {
    Query: {
      microsoftProfiles: (_root, { includeArchived }, { auth }) => profiles.list(auth.tenantId, includeArchived ?? false),
      microsoftProfile: (_root, { id }, { auth }) => nullIfNotFound(profiles.get(auth.tenantId, id)),
      microsoftConsumerBindings: (_root, _args, { auth }) => bindings.list(auth.tenantId),
      microsoftIntegrationStatus: (_root, _args, { auth }) => {
        return microsoftIntegrationStatus(auth.tenantId, { edition, publicUrl, resolver });
      },
    },
    Mutation: {
      createMicrosoftProfile: (_root, { input }, { auth }) => {
        return profiles.create(auth, input);
      },
      updateMicrosoftProfile: (_root, { id, input }, { auth }) => {
        return profiles.update(auth, id, input);
      },
      setDefaultMicrosoftProfile: (_root, { id }, { auth }) => {
        return profiles.setDefault(auth, id);
      },
      archiveMicrosoftProfile: (_root, { id }, { auth }) => {
        return profiles.archive(auth, id);
      },
      deleteMicrosoftProfile: async (_root, { id }, { auth }) => {
        await profiles.delete(auth, id);
        return id;
      },
      setMicrosoftConsumerBinding: async (_root, { consumer, profileId }, { auth }) => {
        const { binding, warnings } = await bindings.set(auth, fromGraphqlEnum(consumer), profileId);
        return { binding: { consumer: binding.consumer, binding }, warnings };
      },
      clearMicrosoftConsumerBinding: (_root, { consumer }, { auth }) => {
        return bindings.clear(auth, fromGraphqlEnum(consumer));
      },
    },
    MicrosoftProfile: {
      clientId: (profile, args, context) => adminOnly(profile.clientId)(profile, args, context),
      tenantAuthority: (profile, args, context) => adminOnly(profile.tenantAuthority)(profile, args, context),
      allowedDirectoryIds: (profile, args, context) => adminOnly(profile.allowedDirectoryIds)(profile, args, context),
      clientSecretConfigured: (profile, args, context) => adminOnly(profile.clientSecret !== null)(profile, args, context),
      boundConsumers: async (profile) => (await bindings.listForProfile(profile.tenantId, profile.id)).map(consumerOut),
    },
    MicrosoftConsumerBinding: {
      consumer: (view) => consumerOut(view.consumer),
      profile: (view, _args, { auth }) => (view.binding ? profiles.get(auth.tenantId, view.binding.profileId) : null),
      updatedAt: (view) => view.binding?.updatedAt ?? null,
      updatedBy: (view) => view.binding?.updatedBy ?? null,
      reconnectNote: (view) => reconnectNote(view.consumer),
    },
    MicrosoftConsumerIntegrationStatus: {
      consumer: (status) => consumerOut(status.consumer),
      profile: (status, _args, { auth }) => (status.profileId ? profiles.get(auth.tenantId, status.profileId) : null),
    },
  };
}
