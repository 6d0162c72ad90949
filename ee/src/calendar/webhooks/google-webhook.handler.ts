import type { StableRouteHandler } from '../../../../src/http/stable-routes';
import { answerPreflight } from '../oauth/calendar-callback.routes';
import type { WebhookIntake } from './webhook-intake';

const UNKNOWN = { success: false, error: 'Unknown channel.' };

/**
 * Google push: headers only, no body. `sync` is the ping sent when a channel is created; `exists` means the
 * calendar changed. A channel we do not know (or stopped, or with the wrong token) gets 404 and no side effect.
 */
export function googleWebhookHandler(intake: WebhookIntake, appUrl: string): StableRouteHandler {
  return async (request, reply) => {
    if (request.method === 'OPTIONS') return answerPreflight(reply, appUrl, 'POST, OPTIONS');
    if (request.method !== 'POST') return reply.code(405).header('allow', 'POST, OPTIONS').send({ success: false, error: 'Method not allowed.' });
    const header = (name: string) => {
      const value = request.headers[name];
      return typeof value === 'string' && value.length <= 512 ? value : undefined;
    };
    const channelId = header('x-goog-channel-id');
    const state = header('x-goog-resource-state');
    if (!channelId || !state) return reply.code(400).send({ success: false, error: 'Missing X-Goog-Channel-ID or X-Goog-Resource-State.' });
    const provider = await intake.verifiedProvider('google', channelId, header('x-goog-channel-token'));
    if (!provider || provider.webhookResourceId !== header('x-goog-resource-id')) return reply.code(404).send(UNKNOWN);
    if (state !== 'sync') {
      await intake.accept(provider, `google.${state}`, {
        channelId,
        resourceId: provider.webhookResourceId,
        state,
        messageNumber: header('x-goog-message-number') ?? null,
      });
    }
    return reply.code(200).send({ success: true });
  };
}
