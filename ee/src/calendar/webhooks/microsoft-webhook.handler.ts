import type { StableRouteHandler } from '../../../../src/http/stable-routes';
import { answerPreflight } from '../oauth/calendar-callback.routes';
import type { VerifiedNotification, WebhookIntake } from './webhook-intake';
import type { WebhookOwner } from './webhook-owners';
import { countRejected, observeAck, type WebhookRejection } from './webhook-inbox.metrics';

interface GraphNotification {
  subscriptionId?: unknown;
  clientState?: unknown;
  changeType?: unknown;
  lifecycleEvent?: unknown;
  resource?: unknown;
  resourceData?: { id?: unknown; '@odata.etag'?: unknown };
}

const MAX_VALIDATION_TOKEN = 1024;
const MAX_ITEMS = 1000;
const NOT_PERSISTED = { success: false, error: 'The notifications could not be stored; retry later.' };

type Verifications = Map<string, Promise<WebhookOwner | null>>;

/**
 * Microsoft Graph change and lifecycle notifications. Validation handshakes echo the token as text/plain; each
 * item of a batch is verified by its own subscription's clientState. The verified items are persisted with one
 * insert before the 202; a persistence failure answers 503 so Graph retries.
 */
export function microsoftWebhookHandler(intake: WebhookIntake, appUrl: string): StableRouteHandler {
  return async (request, reply) => {
    if (request.method === 'OPTIONS') return answerPreflight(reply, appUrl, 'POST, OPTIONS');
    const validationToken = (request.query as Record<string, unknown>).validationToken;
    if (typeof validationToken === 'string' && validationToken.length <= MAX_VALIDATION_TOKEN && ['GET', 'POST'].includes(request.method)) {
      return reply.code(200).type('text/plain; charset=utf-8').send(validationToken);
    }
    if (request.method !== 'POST') return reply.code(405).header('allow', 'POST, OPTIONS').send({ success: false, error: 'Method not allowed.' });
    const answer = (status: number, body?: unknown) => {
      observeAck(intake.metrics, 'microsoft', status, reply.elapsedTime);
      return reply.code(status).send(body);
    };
    const items = (request.body as { value?: unknown } | undefined)?.value;
    if (!Array.isArray(items) || items.length === 0 || items.length > MAX_ITEMS) {
      countRejected(intake.metrics, 'microsoft', 'malformed');
      return answer(400, { success: false, error: 'Expected a change notification collection ({ value: [...] }).' });
    }
    // One lookup and secret check per subscription in the batch, however many items it carries.
    const verifications: Verifications = new Map();
    const results = await Promise.all((items as GraphNotification[]).map((item) => verifyItem(intake, item, verifications)));
    const accepted = results.filter((result): result is VerifiedNotification => typeof result !== 'string');
    for (const reason of ['malformed', 'unverified'] as const) countRejected(intake.metrics, 'microsoft', reason, results.filter((result) => result === reason).length);
    if (accepted.length === 0) return answer(404, { success: false, error: 'Unknown subscription.' });
    const outcome = await intake.accept(accepted);
    return outcome.persisted ? answer(202) : answer(503, NOT_PERSISTED);
  };
}

async function verifyItem(intake: WebhookIntake, item: GraphNotification, verifications: Verifications): Promise<VerifiedNotification | WebhookRejection> {
  if (typeof item !== 'object' || item === null || typeof item.subscriptionId !== 'string') return 'malformed';
  const clientState = typeof item.clientState === 'string' ? item.clientState : undefined;
  // Keyed by subscription and presented secret: an item with a forged clientState never rides on a genuine one.
  const key = `${item.subscriptionId}\u0000${clientState ?? ''}`;
  if (!verifications.has(key)) verifications.set(key, intake.verifiedProvider('microsoft', item.subscriptionId, clientState));
  const provider = await verifications.get(key)!;
  if (!provider) return 'unverified';
  return notification(provider, item, item.subscriptionId);
}

function notification(provider: WebhookOwner, item: GraphNotification, subscriptionId: string): VerifiedNotification {
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  const lifecycleEvent = text(item.lifecycleEvent);
  const resource = text(item.resource);
  const etag = text(item.resourceData?.['@odata.etag']);
  return {
    provider,
    kind: lifecycleEvent ? `microsoft.lifecycle.${lifecycleEvent}` : 'microsoft.change',
    payload: { subscriptionId, changeType: text(item.changeType), lifecycleEvent, eventId: text(item.resourceData?.id), resource, etag },
    // One edit can yield several notifications carrying the same etag. The change type is part of the identity so a
    // delete reported with the last update's etag is never taken for that update; lifecycle events are never merged.
    identity: !lifecycleEvent && resource && etag ? ['graph', subscriptionId, resource, text(item.changeType) ?? '', etag] : null,
  };
}
