import type { StableRouteHandler } from '../../../../src/http/stable-routes';
import { answerPreflight } from '../oauth/calendar-callback.routes';
import type { WebhookIntake } from './webhook-intake';
import { countRejected, observeAck } from './webhook-inbox.metrics';

const UNKNOWN = { success: false, error: 'Unknown channel.' };
const NOT_PERSISTED = { success: false, error: 'The notification could not be stored; retry later.' };

/**
 * Google push: headers only, no body. `sync` is the ping sent when a channel is created; `exists` means the
 * calendar changed. A channel we do not know (or stopped, or with the wrong token) gets 404 and no side effect.
 * A persisted change answers 200; a failed insert 503, so Google retries with backoff.
 */
export function googleWebhookHandler(intake: WebhookIntake, appUrl: string): StableRouteHandler {
  return async (request, reply) => {
    if (request.method === 'OPTIONS') return answerPreflight(reply, appUrl, 'POST, OPTIONS');
    if (request.method !== 'POST') return reply.code(405).header('allow', 'POST, OPTIONS').send({ success: false, error: 'Method not allowed.' });
    const answer = (status: number, body: unknown) => {
      observeAck(intake.metrics, 'google', status, reply.elapsedTime);
      return reply.code(status).send(body);
    };
    const header = (name: string) => {
      const value = request.headers[name];
      return typeof value === 'string' && value.length <= 512 ? value : undefined;
    };
    const channelId = header('x-goog-channel-id');
    const state = header('x-goog-resource-state');
    if (!channelId || !state) {
      countRejected(intake.metrics, 'google', 'malformed');
      return answer(400, { success: false, error: 'Missing X-Goog-Channel-ID or X-Goog-Resource-State.' });
    }
    const provider = await intake.verifiedProvider('google', channelId, header('x-goog-channel-token'));
    if (!provider || provider.resourceId !== header('x-goog-resource-id')) {
      countRejected(intake.metrics, 'google', provider ? 'resource_mismatch' : 'unverified');
      return answer(404, UNKNOWN);
    }
    if (state === 'sync') return answer(200, { success: true });
    const messageNumber = header('x-goog-message-number') ?? null;
    const outcome = await intake.accept([
      {
        provider,
        kind: `google.${state}`,
        payload: { channelId, resourceId: provider.resourceId, state, messageNumber },
        // Message numbers only grow per channel: the same number again is Google retrying the same message.
        identity: messageNumber ? ['google', channelId, messageNumber] : null,
      },
    ]);
    return outcome.persisted ? answer(200, { success: true }) : answer(503, NOT_PERSISTED);
  };
}
