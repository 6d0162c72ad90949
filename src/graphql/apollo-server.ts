import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLSchema } from 'graphql';
import type { Config } from '../config/config';
import type { Logger } from '../observability/logger';
import type { Metrics } from '../observability/metrics';
import { createErrorFormatter } from './format-error';
import type { GraphqlContext } from './graphql-context';

export function createApolloServer(options: {
  schema: GraphQLSchema;
  config: Config;
  logger: Logger;
  metrics: Metrics;
  plugins?: ApolloServerPlugin<GraphqlContext>[];
}): ApolloServer<GraphqlContext> {
  const { config } = options;
  const armor = new ApolloArmor({
    maxDepth: { n: config.graphql.maxDepth },
    costLimit: { maxCost: config.graphql.maxCost },
    maxAliases: { n: 15 },
    maxDirectives: { n: 20 },
    maxTokens: { n: 2000 },
    // Field suggestions would let unauthenticated probing map the schema.
    blockFieldSuggestion: { enabled: true },
  });
  const protection = armor.protect();
  return new ApolloServer<GraphqlContext>({
    schema: options.schema,
    includeStacktraceInErrorResponses: false,
    formatError: createErrorFormatter(options.logger.child({ module: 'graphql' })),
    validationRules: protection.validationRules,
    plugins: [...protection.plugins, metricsPlugin(options.metrics), noStorePlugin(), ApolloServerPluginCacheControlDisabled(), ...(options.plugins ?? [])],
    allowBatchedHttpRequests: false,
    // Apollo's default follows NODE_ENV (off in production); here every operation is authenticated first, and
    // `npm start` and `npm run start:prod` must answer the same API.
    introspection: true,
    // Apollo pretty-prints responses by default (2-space JSON): for large lists that is a third more bytes and
    // CPU per request for nobody; clients parse JSON.
    stringifyResult: (value) => JSON.stringify(value),
  });
}

/**
 * What Apollo's cache-control plugin answered for this schema (no @cacheControl hints anywhere: every response is
 * `no-store`), without its per-field hook: with it, every resolved field of every request ran plugin code.
 */
function noStorePlugin(): ApolloServerPlugin<GraphqlContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          response.http.headers.set('cache-control', 'no-store');
        },
      };
    },
  };
}

function metricsPlugin(metrics: Metrics): ApolloServerPlugin<GraphqlContext> {
  return {
    async requestDidStart() {
      const stopTimer = metrics.graphqlDuration.startTimer();
      let failed = false;
      return {
        async didEncounterErrors({ errors }) {
          failed = true;
          for (const error of errors) metrics.graphqlErrors.inc({ code: String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR') });
        },
        async willSendResponse({ operation, operationName }) {
          stopTimer({
            operation_type: operation?.operation ?? 'unknown',
            // Bounded label: client-chosen names could otherwise grow the series without limit.
            operation_name: (operationName ?? 'anonymous').slice(0, 64),
            outcome: failed ? 'error' : 'ok',
          });
        },
      };
    },
  };
}
