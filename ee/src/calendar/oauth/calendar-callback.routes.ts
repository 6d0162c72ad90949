import type { FastifyReply, FastifyRequest } from 'fastify';
import type { StableRouteHandler } from '../../../../src/http/stable-routes';
import type { CalendarProviderType } from '../adapters/calendar-adapter';
import type { CalendarAuthorizationService, CallbackQuery } from './calendar-authorization.service';

/** CORS preflight for the stable calendar URLs: only the PSA front end's origin is allowed. */
export function answerPreflight(reply: FastifyReply, appUrl: string, methods: string) {
  return reply
    .code(204)
    .header('access-control-allow-origin', new URL(appUrl).origin)
    .header('access-control-allow-methods', methods)
    .header('access-control-allow-headers', 'content-type, authorization')
    .header('access-control-max-age', '600')
    .header('vary', 'origin')
    .send();
}

function callbackQuery(request: FastifyRequest): CallbackQuery {
  const query = request.query as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' && value.length > 0 && value.length <= 4096 ? value : undefined);
  return { code: text(query.code), state: text(query.state), error: text(query.error) };
}

/**
 * OAuth callback: browsers are sent back to the PSA with `status=pending&ticket=…&provider=…` (the PSA front end
 * then calls completeCalendarAuthorization as the user who started) or `status=error&reason=…`; API clients asking
 * for JSON get 200/400 with the same fields.
 */
export function calendarCallbackHandler(type: CalendarProviderType, authorization: CalendarAuthorizationService, appUrl: string): StableRouteHandler {
  return async (request, reply) => {
    if (request.method === 'OPTIONS') return answerPreflight(reply, appUrl, 'GET, OPTIONS');
    if (request.method !== 'GET') return reply.code(405).header('allow', 'GET, OPTIONS').send({ success: false, error: 'Method not allowed.' });
    const result = await authorization.handleCallback(type, callbackQuery(request));
    // The ticket is a credential (half of one): never cached, never passed on as a referrer.
    reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
    if ((request.headers.accept ?? '').includes('application/json')) {
      return result.ok
        ? reply.send({ success: true, status: 'pending', providerId: result.providerId, ticket: result.ticket })
        : reply.code(400).send({ success: false, error: result.reason });
    }
    const target = new URL(`${appUrl}/settings/integrations/calendar`);
    target.searchParams.set('status', result.ok ? 'pending' : 'error');
    if (result.ok) target.searchParams.set('ticket', result.ticket);
    else target.searchParams.set('reason', result.reason);
    if (result.providerId) target.searchParams.set('provider', result.providerId);
    return reply.redirect(target.toString(), 302);
  };
}
