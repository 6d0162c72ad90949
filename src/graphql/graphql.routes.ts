import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import type { ApolloServer } from '@apollo/server';
import type { FastifyInstance } from 'fastify';
import { GraphQLError } from 'graphql';
import type { Authenticator } from '../auth/authenticator';
import type { Logger } from '../observability/logger';
import type { GraphqlContext } from './graphql-context';

/** Mounts Apollo at /graphql. Every operation is authenticated before any resolver runs. */
export async function registerGraphqlRoutes(
  app: FastifyInstance,
  apollo: ApolloServer<GraphqlContext>,
  authenticator: Authenticator,
  logger: Logger,
): Promise<void> {
  await app.register(fastifyApollo(apollo), {
    path: '/graphql',
    context: async (request) => {
      const auth = await authenticator.authenticate(request.headers.authorization);
      if (!auth) {
        throw new GraphQLError('Authentication required: send Authorization: Bearer <API key or JWT>.', {
          extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
        });
      }
      return { auth, requestId: request.id, logger: logger.child({ reqId: request.id, tenantId: auth.tenantId, userId: auth.userId }) };
    },
  });
}

export { fastifyApolloDrainPlugin };
