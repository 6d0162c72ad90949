import { randomUUID } from 'node:crypto';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { createAuthenticator } from './auth/create-authenticator';
import { JwtVerifier } from './auth/jwt-verifier';
import { createApolloServer } from './graphql/apollo-server';
import { mergeAccessRules } from './graphql/access-enforcement';
import { CE_ACCESS_RULES } from './graphql/access-rules';
import { buildSchema } from './graphql/build-schema';
import { fastifyApolloDrainPlugin, registerGraphqlRoutes } from './graphql/graphql.routes';
import { registerErrorHandler } from './http/error-handler';
import { registerOpsRoutes } from './http/ops.routes';
import { registerRateLimits } from './http/rate-limit-routes';
import { dependencyChecks } from './http/readiness';
import { registerStableRoutes, STABLE_ROUTES } from './http/stable-routes';
import { Metrics } from './observability/metrics';
import { OutboxMetricsReader } from './events';
import type { Runtime } from './runtime/runtime';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;
/**
 * Logged at debug: probes and scrapes arrive every few seconds, calendar webhooks by the thousand (each is kept in
 * the webhook inbox and counted on /metrics instead; an info line apiece cost a fifth of the ack throughput).
 */
const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics', STABLE_ROUTES['calendar.google.webhook'], STABLE_ROUTES['calendar.microsoft.webhook']]);

/** Builds the HTTP app (no listening): tests drive it with app.inject(). */
export async function buildApp(runtime: Runtime): Promise<FastifyInstance> {
  const { deps, registry } = runtime;
  const app = Fastify({
    loggerInstance: deps.logger.child({ module: 'http' }) as FastifyBaseLogger,
    bodyLimit: deps.config.bodyLimitBytes,
    trustProxy: fastifyTrustProxy(deps.config.trustProxy),
    // Fastify's own request lines log the full URL; query strings carry emails, OAuth codes and states.
    logController: new LogController({ disableRequestLogging: true }),
    requestIdHeader: false,
    genReqId: (request) => {
      const presented = request.headers['x-request-id'];
      return typeof presented === 'string' && REQUEST_ID.test(presented) ? presented : randomUUID();
    },
  });
  const metrics = new Metrics(deps.queue, new OutboxMetricsReader(deps.orm));
  registry.registerMetrics(metrics.registry, deps);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    const path = request.url.split('?')[0]!;
    const level = QUIET_PATHS.has(path) ? 'debug' : 'info';
    request.log[level]({ method: request.method, path, statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request completed');
    metrics.httpDuration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
  registerErrorHandler(app);
  registerOpsRoutes(app, dependencyChecks(deps), metrics, deps.config.metricsToken);

  const jwt = new JwtVerifier(deps.config.jwt);
  const auth = await createAuthenticator(deps, jwt);
  app.addHook('onClose', () => auth.close());
  // Before the routes it limits are declared: it attaches itself to each as it is added.
  await registerRateLimits(app, { config: deps.config, redis: deps.redis, jwt });
  const accessRules = mergeAccessRules([{ source: 'src/graphql/access-rules.ts', rules: CE_ACCESS_RULES }, ...registry.accessRules()]);
  const schema = buildSchema(registry.typeDefs(), registry.resolvers(deps), accessRules);
  const apollo = createApolloServer({ schema, config: deps.config, logger: deps.logger, metrics, plugins: [fastifyApolloDrainPlugin(app)] });
  await apollo.start();
  await registerGraphqlRoutes(app, apollo, auth.authenticator, deps.logger);
  registerStableRoutes(app, registry.stableRouteHandlers(deps));
  for (const registerRoutes of registry.routeRegistrars()) await app.register(async (scope) => registerRoutes(scope, deps));
  await deps.hooks.run('app.ready', { edition: deps.config.edition });
  return app;
}

/** Fastify's types take a function for "trust N hops". */
function fastifyTrustProxy(setting: boolean | number | string[]): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof setting === 'number' ? (_address, hop) => hop < setting : setting;
}
