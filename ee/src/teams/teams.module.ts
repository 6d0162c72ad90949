import type { EditionModule } from '../../../src/edition/extension-registry';
import { toGraphqlEnum } from '../../../src/graphql/enum-mapping';
import { MicrosoftProfileService } from '../../../src/microsoft/microsoft-profile.service';
import type { Resolvers } from '../generated/graphql';
import { eeSdl } from '../ee-schema';
import { TeamsIntegrationRepository } from './teams-integration.repository';
import { TEAMS_NOT_CONFIGURED, teamsStateAfterRebind } from './teams-install-state';

const repository = new TeamsIntegrationRepository();

/** EE Teams consumer: install state, reset on rebind inside the binding transaction. */
export const teamsModule: EditionModule = {
  name: 'ee.teams',
  typeDefs: [eeSdl('teams.graphql')],
  subscribe: (hooks) => {
    hooks.on('microsoft.consumerRebound', async ({ em, tenantId, consumer, profileId }) => {
      if (consumer !== 'teams') return;
      const current = await repository.findForUpdate(em, tenantId);
      await repository.save(em, tenantId, teamsStateAfterRebind(current, profileId));
    });
    // Unbinding Teams voids the install and releases the profile (it can then be archived or deleted).
    hooks.on('microsoft.consumerCleared', async ({ em, tenantId, consumer }) => {
      if (consumer !== 'teams' || !(await repository.findForUpdate(em, tenantId))) return;
      await repository.save(em, tenantId, TEAMS_NOT_CONFIGURED);
    });
  },
  resolvers: (deps): Resolvers => {
    const profiles = new MicrosoftProfileService({ orm: deps.orm, edition: deps.config.edition, secretBox: deps.secretBox, onConfigChanged: () => undefined });
    return {
      Query: {
        teamsIntegration: async (_root, _args, { auth }) => {
          const record = await repository.find(deps.orm.em.fork(), auth.tenantId);
          return record ?? { tenantId: auth.tenantId, ...TEAMS_NOT_CONFIGURED, updatedAt: null };
        },
      },
      TeamsIntegration: {
        status: (record) => toGraphqlEnum(record.installStatus),
        selectedProfile: (record, _args, { auth }) =>
          record.selectedProfileId ? profiles.get(auth.tenantId, record.selectedProfileId) : null,
      },
    };
  },
};
