import type { FastifyError, FastifyInstance } from 'fastify';
import { DomainError, HTTP_STATUS_BY_CODE } from '../errors/domain-errors';

/** One place maps errors to JSON bodies for REST routes; 5xx never shows internal messages. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof DomainError) {
      return reply.code(HTTP_STATUS_BY_CODE[error.code]).send({ error: error.message, code: error.code });
    }
    const status = error.statusCode ?? 500;
    if (status < 500) {
      return reply.code(status).send({ error: error.message, code: error.code ?? 'BAD_REQUEST' });
    }
    request.log.error({ err: error }, 'unhandled route error');
    return reply.code(500).send({ error: 'Internal server error.', code: 'INTERNAL_SERVER_ERROR' });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: `Route ${request.method} ${request.url.split('?')[0]} not found.`, code: 'NOT_FOUND' }),
  );
}
