import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import type { ApolloServer } from '@apollo/server';
import type { FastifyInstance } from 'fastify';
import { GraphQLError } from 'graphql';
import type { Authenticator } from '../auth/authenticator';
import type { RequestContext } from '../auth/request-context';
import type { Logger } from '../observability/logger';
import type { GraphqlContext } from './graphql-context';
import { RequestLoaders } from './request-loaders';

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
      return new LazyGraphqlContext(auth, request.id, logger);
    },
  });
}

/**
 * The per-request child logger and DataLoaders are built on first use: most operations touch neither. Getters on
 * the prototype, because Apollo shallow-copies the context (Object.assign) and would otherwise call them.
 */
class LazyGraphqlContext implements GraphqlContext {
  private childLogger: Logger | undefined = undefined;
  private requestLoaders: RequestLoaders | undefined = undefined;

  constructor(
    readonly auth: RequestContext,
    readonly requestId: string,
    private readonly rootLogger: Logger,
  ) {}

  get logger(): Logger {
    return (this.childLogger ??= this.rootLogger.child({ reqId: this.requestId, tenantId: this.auth.tenantId, userId: this.auth.userId }));
  }

  get loaders(): RequestLoaders {
    return (this.requestLoaders ??= new RequestLoaders());
  }
}

export { fastifyApolloDrainPlugin };
