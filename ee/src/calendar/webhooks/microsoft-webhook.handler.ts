import type { StableRouteHandler } from '../../../../src/http/stable-routes';
import { answerPreflight } from '../oauth/calendar-callback.routes';
import type { CalendarProviderRecord } from '../calendar-provider.repository';
import type { WebhookIntake } from './webhook-intake';

interface GraphNotification {
  subscriptionId?: unknown;
  clientState?: unknown;
  changeType?: unknown;
  lifecycleEvent?: unknown;
  resourceData?: { id?: unknown };
}

const MAX_VALIDATION_TOKEN = 1024;

/**
 * Microsoft Graph change and lifecycle notifications. Validation handshakes echo the token as text/plain; each
 * item of a batch is verified by its own subscription's clientState. Items are persisted before the 202, and a
 * persistence failure answers 5xx so Graph retries.
 */
export function microsoftWebhookHandler(intake: WebhookIntake, appUrl: string): StableRouteHandler {
  return async (request, reply) => {
    if (request.method === 'OPTIONS') return answerPreflight(reply, appUrl, 'POST, OPTIONS');
    const validationToken = (request.query as Record<string, unknown>).validationToken;
    if (typeof validationToken === 'string' && validationToken.length <= MAX_VALIDATION_TOKEN && ['GET', 'POST'].includes(request.method)) {
      return reply.code(200).type('text/plain; charset=utf-8').send(validationToken);
    }
    if (request.method !== 'POST') return reply.code(405).header('allow', 'POST, OPTIONS').send({ success: false, error: 'Method not allowed.' });
    const items = (request.body as { value?: unknown } | undefined)?.value;
    if (!Array.isArray(items) || items.length === 0 || items.length > 1000) {
      return reply.code(400).send({ success: false, error: 'Expected a change notification collection ({ value: [...] }).' });
    }
    // One lookup and secret check per subscription in the batch, however many items it carries.
    const verified = new Map<string, Promise<CalendarProviderRecord | null>>();
    let accepted = 0;
    for (const item of items as GraphNotification[]) if (await acceptItem(intake, item, verified)) accepted += 1;
    if (accepted === 0) return reply.code(404).send({ success: false, error: 'Unknown subscription.' });
    return reply.code(202).send();
  };
}

async function acceptItem(
  intake: WebhookIntake,
  item: GraphNotification,
  verified: Map<string, Promise<CalendarProviderRecord | null>>,
): Promise<boolean> {
  if (typeof item.subscriptionId !== 'string') return false;
  const clientState = typeof item.clientState === 'string' ? item.clientState : undefined;
  // Keyed by subscription and presented secret: an item with a forged clientState never rides on a genuine one.
  const key = `${item.subscriptionId}\u0000${clientState ?? ''}`;
  if (!verified.has(key)) verified.set(key, intake.verifiedProvider('microsoft', item.subscriptionId, clientState));
  const provider = await verified.get(key)!;
  if (!provider) return false;
  const lifecycle = typeof item.lifecycleEvent === 'string' ? item.lifecycleEvent : null;
  await intake.accept(provider, lifecycle ? `microsoft.lifecycle.${lifecycle}` : 'microsoft.change', {
    subscriptionId: item.subscriptionId,
    changeType: typeof item.changeType === 'string' ? item.changeType : null,
    lifecycleEvent: lifecycle,
    eventId: typeof item.resourceData?.id === 'string' ? item.resourceData.id : null,
  });
  return true;
}
