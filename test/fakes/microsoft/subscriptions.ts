// Graph subscriptions (learn.microsoft.com/graph/api/subscription-post-subscriptions): create with the validation
// handshake on every distinct endpoint, renew (PATCH), delete, reauthorize; change notifications for Outlook
// events and lifecycle notifications (learn.microsoft.com/graph/change-notifications-lifecycle-events).
import type { SimContext } from './context';
import { GraphInputError } from './event-input';
import type { EventChange } from './event-store';
import { GraphCaller, hasPermission, resolveTarget } from './graph-auth';
import { GraphRequest, GraphRouters } from './graph.routes';
import { graphError, parseJsonBody, sendEmpty, sendJson } from './http';
import { postOnce } from './outbound';
import { SubscriptionRecord, SimUser, newGuid } from './state';

/** Outlook resources (message, event, contact): 4,230 minutes; shorter than 45 minutes is raised to 45. */
export const MAX_EXPIRATION_MINUTES = 4230;
const MIN_EXPIRATION_MINUTES = 45;
const CHANGE_TYPES = ['created', 'updated', 'deleted'];

export type LifecycleEvent = 'reauthorizationRequired' | 'subscriptionRemoved' | 'missed';

const invalid = (message: string): GraphInputError => new GraphInputError(400, 'InvalidRequest', message);

export function isActive(sim: SimContext, sub: SubscriptionRecord): boolean {
  return sub.expirationMs > sim.state.now();
}

function renderSubscription(sim: SimContext, sub: SubscriptionRecord): Record<string, unknown> {
  return {
    '@odata.context': `${sim.url}/v1.0/$metadata#subscriptions/$entity`, id: sub.id, resource: sub.resource,
    applicationId: sub.applicationId, changeType: sub.changeTypes.join(','), clientState: sub.clientState ?? null,
    notificationUrl: sub.notificationUrl, notificationQueryOptions: null, lifecycleNotificationUrl: sub.lifecycleNotificationUrl ?? null,
    expirationDateTime: new Date(sub.expirationMs).toISOString(), creatorId: sub.creatorId, includeResourceData: false,
    latestSupportedTlsVersion: 'v1_2', encryptionCertificate: null, encryptionCertificateId: null, notificationUrlAppId: null,
  };
}

/** Validates `expirationDateTime` against the clock and the per-resource maximum. */
function expiration(sim: SimContext, raw: unknown): number {
  const ms = typeof raw === 'string' ? Date.parse(raw) : NaN;
  if (Number.isNaN(ms)) throw invalid('expirationDateTime is required and must be a valid DateTimeOffset.');
  const now = sim.state.now();
  if (ms <= now) throw invalid('Subscription expiration can only be in the future.');
  if (ms > now + MAX_EXPIRATION_MINUTES * 60_000 + 30_000) throw invalid(`Subscription expiration can only be ${MAX_EXPIRATION_MINUTES} minutes in the future.`);
  return Math.max(ms, now + MIN_EXPIRATION_MINUTES * 60_000);
}

/** `me/events`, `users/{id|upn}/calendar/events`, `/me/calendars/{id}/events` → mailbox + calendar. */
function parseResource(req: GraphRequest, resource: string): { user: SimUser; calendarId: string } | null {
  const parts = resource.replace(/^\/+/, '').split('/').filter(Boolean);
  const first = (parts[0] ?? '').toLowerCase();
  if (first !== 'me' && first !== 'users') throw invalid(`Resource '${resource}' is not supported by the simulator (Outlook events only).`);
  const principal = first === 'me' ? null : parts[1];
  const rest = parts.slice(first === 'me' ? 1 : 2);
  const user = resolveTarget(req.sim, req.ctx, req.caller, principal ?? null);
  if (!user) return null;
  const lower = rest.map((p) => p.toLowerCase());
  if (lower.join('/') === 'events' || lower.join('/') === 'calendar/events') return { user, calendarId: user.defaultCalendarId };
  if (lower.length === 3 && lower[0] === 'calendars' && lower[2] === 'events') {
    const calendar = req.sim.state.calendars.get(rest[1]);
    if (!calendar || calendar.userId !== user.id) throw new GraphInputError(404, 'ResourceNotFound', `Resource '${resource}' was not found.`);
    return { user, calendarId: calendar.id };
  }
  throw invalid(`Resource '${resource}' is not supported by the simulator (Outlook events only).`);
}

/** Graph POSTs `?validationToken=` and needs 200 + text/plain + the token as body within the time limit. */
async function validateEndpoint(sim: SimContext, url: string): Promise<void> {
  const token = `Validation: Testing client application reachability for subscription Request-Id: ${newGuid()}`;
  const target = `${url}${url.includes('?') ? '&' : '?'}validationToken=${encodeURIComponent(token)}`;
  const result = await postOnce(target, '', 'text/plain; charset=utf-8', sim.validationTimeoutMs);
  if (result.status === 'timeout') throw new GraphInputError(400, 'ValidationError', 'Subscription validation request timed out.');
  if (result.status !== 200) throw new GraphInputError(400, 'ValidationError', 'Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.');
  if (result.body !== token) throw new GraphInputError(400, 'ValidationError', 'Subscription validation request failed. Response must exactly match validationToken query parameter.');
  if (!result.contentType.toLowerCase().startsWith('text/plain')) {
    throw new GraphInputError(400, 'ValidationError', 'Subscription validation request failed. Response content type must be text/plain.');
  }
}

function checkUrl(field: string, value: unknown): string {
  if (typeof value !== 'string' || !/^https?:\/\/\S+$/i.test(value)) throw invalid(`${field} must be an absolute URL (the simulator also accepts http://).`);
  return value;
}

async function createSubscription(req: GraphRequest): Promise<void> {
  const { ctx, sim, caller } = req;
  const body = parseJsonBody<Record<string, unknown>>(ctx) ?? {};
  const changeTypes = String(body.changeType ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (!changeTypes.length || changeTypes.some((c) => !CHANGE_TYPES.includes(c))) throw invalid(`changeType must be a comma-separated list of ${CHANGE_TYPES.join(', ')}.`);
  const notificationUrl = checkUrl('notificationUrl', body.notificationUrl);
  const lifecycleNotificationUrl = body.lifecycleNotificationUrl === undefined ? undefined : checkUrl('lifecycleNotificationUrl', body.lifecycleNotificationUrl);
  if (typeof body.resource !== 'string') throw invalid('resource is required.');
  const clientState = body.clientState === undefined || body.clientState === null ? undefined : String(body.clientState);
  if (clientState !== undefined && clientState.length > 128) throw invalid('clientState must be at most 128 characters.');
  const expirationMs = expiration(sim, body.expirationDateTime);
  const target = parseResource(req, body.resource);
  if (!target) return;
  if (!hasPermission(caller, 'calendarsRead')) return graphError(ctx, 403, 'ExtensionError', 'Operation: Create; Exception: [Status Code: Forbidden; Reason: Access is denied. Check credentials and try again.]');
  if (sim.state.refuseSubscriptions) return graphError(ctx, 403, 'ExtensionError', 'Operation: Create; Exception: [Status Code: Forbidden; Reason: Subscriptions are blocked for this mailbox by an organization policy.]');
  for (const url of new Set([notificationUrl, lifecycleNotificationUrl].filter((u): u is string => !!u))) await validateEndpoint(sim, url);
  const sub: SubscriptionRecord = {
    id: newGuid(), applicationId: caller.clientId, creatorId: caller.user?.id ?? caller.token.clientId, userId: target.user.id,
    resource: body.resource, target: { kind: 'events', calendarId: target.calendarId }, changeTypes, notificationUrl,
    lifecycleNotificationUrl, clientState, expirationMs, tenantId: target.user.tenantId, needsReauthorization: false,
  };
  sim.state.subscriptions.set(sub.id, sub);
  sendJson(ctx, 201, renderSubscription(sim, sub));
}

function ownSubscription(req: GraphRequest): SubscriptionRecord {
  const sub = req.sim.state.subscriptions.get(req.ctx.params.id);
  if (!sub || sub.applicationId !== req.caller.clientId || !isActive(req.sim, sub)) {
    throw new GraphInputError(404, 'ResourceNotFound', `The object was not found. Subscription '${req.ctx.params.id}' does not exist or has expired.`);
  }
  return sub;
}

function visibleTo(caller: GraphCaller, sub: SubscriptionRecord): boolean {
  return sub.applicationId === caller.clientId && (caller.appOnly || sub.creatorId === caller.user?.id);
}

export function registerSubscriptionRoutes(routers: GraphRouters): void {
  const r = routers.top;
  r.on('POST', 'subscriptions', createSubscription);
  r.on('GET', 'subscriptions', ({ ctx, sim, caller }) => {
    const value = [...sim.state.subscriptions.values()].filter((s) => isActive(sim, s) && visibleTo(caller, s)).map((s) => renderSubscription(sim, s));
    sendJson(ctx, 200, { '@odata.context': `${sim.url}/v1.0/$metadata#subscriptions`, value });
  });
  r.on('GET', 'subscriptions/:id', (req) => sendJson(req.ctx, 200, renderSubscription(req.sim, ownSubscription(req))));
  r.on('PATCH', 'subscriptions/:id', (req) => {
    const sub = ownSubscription(req);
    const body = parseJsonBody<Record<string, unknown>>(req.ctx) ?? {};
    if ('lifecycleNotificationUrl' in body) throw invalid('lifecycleNotificationUrl can only be set when the subscription is created.');
    if ('expirationDateTime' in body) sub.expirationMs = expiration(req.sim, body.expirationDateTime);
    sub.needsReauthorization = false;
    sendJson(req.ctx, 200, renderSubscription(req.sim, sub));
  });
  r.on('DELETE', 'subscriptions/:id', (req) => {
    req.sim.state.subscriptions.delete(ownSubscription(req).id);
    sendEmpty(req.ctx, 204);
  });
  r.on('POST', 'subscriptions/:id/reauthorize', (req) => {
    ownSubscription(req).needsReauthorization = false;
    sendEmpty(req.ctx, 204);
  });
}

export function changeItem(sub: SubscriptionRecord, change: EventChange): Record<string, unknown> {
  const resource = `Users/${change.userId}/Events/${change.eventId}`;
  return {
    subscriptionId: sub.id, subscriptionExpirationDateTime: new Date(sub.expirationMs).toISOString(), changeType: change.changeType,
    resource, resourceData: { '@odata.type': '#Microsoft.Graph.Event', '@odata.id': resource, '@odata.etag': change.etag, id: change.eventId },
    clientState: sub.clientState ?? null, tenantId: sub.tenantId,
  };
}

export function sendLifecycle(sim: SimContext, sub: SubscriptionRecord, lifecycleEvent: LifecycleEvent): void {
  if (!sub.lifecycleNotificationUrl) throw new Error(`microsoft simulator: subscription ${sub.id} has no lifecycleNotificationUrl`);
  sim.notifier.enqueue(sub.lifecycleNotificationUrl, 'lifecycle', {
    subscriptionId: sub.id, subscriptionExpirationDateTime: new Date(sub.expirationMs).toISOString(), tenantId: sub.tenantId,
    clientState: sub.clientState ?? null, lifecycleEvent,
  });
  if (lifecycleEvent === 'reauthorizationRequired') sub.needsReauthorization = true;
  if (lifecycleEvent === 'subscriptionRemoved') sim.state.subscriptions.delete(sub.id);
}

/** Wires the event store's change feed and the notifier's give-up hook to the subscriptions. */
export function attachSubscriptionFeed(sim: SimContext): void {
  sim.store.onChange((change) => {
    for (const sub of sim.state.subscriptions.values()) {
      if (!isActive(sim, sub) || sub.userId !== change.userId || !sub.changeTypes.includes(change.changeType)) continue;
      if (sub.target.kind !== 'events' || sub.target.calendarId !== change.calendarId) continue;
      for (let i = 0; i < Math.max(1, sim.state.duplicateNotifications); i += 1) sim.notifier.enqueue(sub.notificationUrl, 'change', changeItem(sub, change));
    }
  });
  sim.notifier.onGaveUp = (items) => {
    const ids = new Set(items.map((item) => String(item.subscriptionId)));
    for (const id of ids) {
      const sub = sim.state.subscriptions.get(id);
      if (sub?.lifecycleNotificationUrl && isActive(sim, sub)) sendLifecycle(sim, sub, 'missed');
    }
  };
}
