/**
 * HTTP mirror of the control API, for tests running in another process.
 *   POST /__control/{operation}  body: JSON array of positional arguments, a single object argument, or empty
 *   GET  /__control/requestLog | /__control/channels | /__control/now | /__control/events/{calendarId}
 * Answers `{ "result": ... }`, or 400 `{ "error": message }`.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { GoogleApiError } from './google-error';
import { CONTROL_PREFIX } from './faults';
import type { GoogleSimulatorControl } from './types';

const OPERATIONS = [
  'registerClient', 'createUser', 'createCalendar', 'setConsentBehaviour', 'seedEvent', 'updateEventAsProvider',
  'deleteEventAsProvider', 'advanceClock', 'expireAccessTokens', 'revokeRefreshTokens', 'revokeConsent',
  'invalidateSyncTokens', 'injectFault', 'clearFaults', 'setLatency', 'dropNextNotifications',
  'duplicateNextNotifications', 'flushNotifications', 'clearRequestLog', 'reset', 'requestLog', 'channels', 'now', 'events',
  'instances',
] as const;

type Operation = (typeof OPERATIONS)[number];

async function run(control: GoogleSimulatorControl, op: string, args: unknown[], reply: FastifyReply): Promise<FastifyReply> {
  if (!(OPERATIONS as readonly string[]).includes(op)) return reply.code(404).send({ error: `Unknown control operation: ${op}` });
  try {
    const fn = control[op as Operation] as (...a: unknown[]) => unknown;
    const result = await fn.apply(control, args);
    return reply.send({ result: result ?? null });
  } catch (err) {
    const message = err instanceof GoogleApiError ? `${err.code} ${err.reason}: ${err.message}` : (err as Error).message;
    return reply.code(400).send({ error: message });
  }
}

export function registerControlRoutes(app: FastifyInstance, control: GoogleSimulatorControl): void {
  app.post(`${CONTROL_PREFIX}/:op`, async (req, reply) => {
    const body = req.body;
    const args = Array.isArray(body) ? body : body == null ? [] : [body];
    return run(control, (req.params as { op: string }).op, args, reply);
  });
  for (const op of ['requestLog', 'channels', 'now']) {
    app.get(`${CONTROL_PREFIX}/${op}`, async (_req, reply) => run(control, op, [], reply));
  }
  app.get(`${CONTROL_PREFIX}/events/:calendarId`, async (req, reply) =>
    run(control, 'events', [(req.params as { calendarId: string }).calendarId], reply));
}
