import type { FastifyInstance } from 'fastify';
import type { MspSsoCallbackService } from './msp-sso-callback.service';

export const CALLBACK_PATH = '/api/auth/msp/sso/callback';

/**
 * Where Microsoft sends the browser after sign-in. The browser always continues to the PSA
 * (`APP_URL/auth/msp/sso/complete`): with a one-time ticket on success, a reason otherwise. No identity data
 * travels in the URL; the PSA backend redeems the ticket (redeemMspSsoTicket).
 */
export function registerMspSsoCallbackRoute(app: FastifyInstance, options: { callback: MspSsoCallbackService; appUrl: string }): void {
  app.get(CALLBACK_PATH, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const text = (value: unknown) => (typeof value === 'string' && value.length > 0 && value.length <= 4096 ? value : undefined);
    const result = await options.callback.complete({ code: text(query.code), state: text(query.state), error: text(query.error) });
    const target = new URL(`${options.appUrl}/auth/msp/sso/complete`);
    if (result.ok) {
      target.searchParams.set('status', 'success');
      target.searchParams.set('ticket', result.ticket);
    } else {
      target.searchParams.set('status', 'error');
      target.searchParams.set('reason', result.reason);
    }
    return reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').redirect(target.toString(), 302);
  });
}
