import type { EditionModule } from '../../../src/edition/extension-registry';
import { toGraphqlEnum } from '../../../src/graphql/enum-mapping';
import type { Resolvers } from '../generated/graphql';
import { eeSdl } from '../ee-schema';
import { EmailProviderRepository } from './email-provider.repository';

/** EE email consumer: Outlook mailboxes and the state of the binding they run with. */
export const emailModule: EditionModule = {
  name: 'ee.email',
  typeDefs: [eeSdl('email.graphql')],
  resolvers: (deps): Resolvers => {
    const providers = new EmailProviderRepository(deps.orm);
    return {
      Query: {
        emailProviders: async (_root, _args, { auth }) => {
          const [rows, resolution] = await Promise.all([
            providers.listByTenant(auth.tenantId),
            deps.microsoftCredentials.resolveMicrosoftConsumerProfile(auth.tenantId, 'email'),
          ]);
          const bindingState = toGraphqlEnum(resolution.ok ? 'ready' : resolution.reason) as 'READY';
          return rows.map((row) => ({ ...row, microsoftBindingState: row.providerType === 'microsoft' ? bindingState : null }));
        },
      },
    };
  },
};
