import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * URLs Google, Microsoft and browsers are configured with. They exist in every edition so a CE deployment answers
 * them deterministically; what answers is decided by the edition: CE has no handler, EE registers one.
 */
export const STABLE_ROUTES = {
  'calendar.google.callback': '/api/auth/google/calendar/callback',
  'calendar.microsoft.callback': '/api/auth/microsoft/calendar/callback',
  'calendar.google.webhook': '/api/calendar/webhooks/google',
  'calendar.microsoft.webhook': '/api/calendar/webhooks/microsoft',
} as const;

export type StableRouteId = keyof typeof STABLE_ROUTES;
export type StableRouteHandler = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
export type StableRouteHandlers = Partial<Record<StableRouteId, StableRouteHandler>>;

export const CALENDAR_UNAVAILABLE = { success: false, error: 'Calendar sync is only available in Enterprise Edition.' } as const;

/**
 * Registers every stable URL for all methods. Without a handler the answer is given in `onRequest`, i.e.
 * before Fastify reads or parses the body and before any service, database or provider is touched.
 */
export function registerStableRoutes(app: FastifyInstance, handlers: StableRouteHandlers): void {
  for (const [id, url] of Object.entries(STABLE_ROUTES) as Array<[StableRouteId, string]>) {
    const handler = handlers[id];
    app.all(url, {
      onRequest: async (_request, reply) => {
        if (!handler) return reply.code(501).header('cache-control', 'no-store').send(CALENDAR_UNAVAILABLE);
      },
      handler: handler ?? (async () => CALENDAR_UNAVAILABLE),
    });
  }
}
