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
 * OAuth callback: browsers are sent back to the PSA (`status=connected|error&reason=`); API clients asking for
 * JSON get 200/400 with the same reason.
 */
export function calendarCallbackHandler(type: CalendarProviderType, authorization: CalendarAuthorizationService, appUrl: string): StableRouteHandler {
  return async (request, reply) => {
    if (request.method === 'OPTIONS') return answerPreflight(reply, appUrl, 'GET, OPTIONS');
    if (request.method !== 'GET') return reply.code(405).header('allow', 'GET, OPTIONS').send({ success: false, error: 'Method not allowed.' });
    const result = await authorization.complete(type, callbackQuery(request));
    if ((request.headers.accept ?? '').includes('application/json')) {
      return result.ok ? reply.send({ success: true, providerId: result.providerId }) : reply.code(400).send({ success: false, error: result.reason });
    }
    const target = new URL(`${appUrl}/settings/integrations/calendar`);
    target.searchParams.set('status', result.ok ? 'connected' : 'error');
    if (!result.ok) target.searchParams.set('reason', result.reason);
    if (result.providerId) target.searchParams.set('provider', result.providerId);
    return reply.redirect(target.toString(), 302);
  };
}
