import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger } from '../observability/logger';
import type { Metrics } from '../observability/metrics';
import { checkReadiness, type DependencyCheck } from './readiness';

const METRICS_UNAUTHORIZED = Object.freeze({ error: 'Metrics require Authorization: Bearer <METRICS_TOKEN>.', code: 'UNAUTHENTICATED' });

/** `metricsToken` set: /metrics answers only scrapers presenting it (metrics name routes, queues and volumes). */
export function registerOpsRoutes(app: FastifyInstance, checks: DependencyCheck[], metrics: Metrics, metricsToken?: string): void {
  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (request, reply) => {
    const report = await checkReadiness(checks, request.log as Logger);
    const failing = Object.entries(report.checks).filter(([, result]) => !result.ok).map(([name]) => name);
    return reply.code(report.ready ? 200 : 503).send({ status: report.ready ? 'ready' : 'unavailable', failing, checks: report.checks });
  });

  app.get('/metrics', async (request, reply) => {
    if (metricsToken !== undefined && !presentsToken(request, metricsToken)) {
      return reply.code(401).header('www-authenticate', 'Bearer realm="metrics"').send(METRICS_UNAUTHORIZED);
    }
    const body = await metrics.registry.metrics();
    return reply.type(metrics.registry.contentType).send(body);
  });
}

function presentsToken(request: FastifyRequest, expected: string): boolean {
  const presented = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  if (presented === undefined) return false;
  // Digests have equal length whatever was sent, so the comparison takes the same time for every wrong token.
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(presented), digest(expected));
}
