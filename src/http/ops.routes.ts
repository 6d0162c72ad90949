import type { FastifyInstance } from 'fastify';
import type { Logger } from '../observability/logger';
import type { Metrics } from '../observability/metrics';
import { checkReadiness, type DependencyCheck } from './readiness';

export function registerOpsRoutes(app: FastifyInstance, checks: DependencyCheck[], metrics: Metrics): void {
  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (request, reply) => {
    const report = await checkReadiness(checks, request.log as Logger);
    const failing = Object.entries(report.checks).filter(([, result]) => !result.ok).map(([name]) => name);
    return reply.code(report.ready ? 200 : 503).send({ status: report.ready ? 'ready' : 'unavailable', failing, checks: report.checks });
  });

  app.get('/metrics', async (_request, reply) => {
    const body = await metrics.registry.metrics();
    return reply.type(metrics.registry.contentType).send(body);
  });
}
