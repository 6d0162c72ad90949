// HTTP face of the control surface: `POST /__control/{operation}` with a JSON array of arguments (or a single
// object argument), `GET /__control/{operation}?arg=...` for inspectors. Answers `{ result }` or `{ error }`.
import type { MicrosoftSimulatorControl } from './control';
import { Ctx, parseJsonBody, sendJson } from './http';

const OPERATIONS: (keyof MicrosoftSimulatorControl)[] = [
  'registerApp', 'createUser', 'createCalendar', 'seedEvent', 'updateEventAsProvider', 'deleteEventAsProvider', 'advanceClock',
  'now', 'expireAccessTokens', 'revokeConsent', 'expireDeltaTokens', 'expireSubscription', 'sendLifecycleEvent', 'injectFault',
  'clearFaults', 'setLatency', 'setMailboxConcurrencyLimit', 'throttleSubscriptions', 'denyAuthorization', 'refuseSubscriptions',
  'duplicateNotifications', 'requestLog', 'clearRequestLog', 'reset', 'flushNotifications', 'deliveryLog', 'subscriptions',
  'events', 'instances', 'mailbox', 'installedTeamsApps', 'teamsApps', 'addMessage',
];

function argumentsOf(ctx: Ctx): unknown[] {
  if (ctx.method === 'GET') return ctx.query.getAll('arg');
  const body = parseJsonBody<unknown>(ctx);
  if (body === undefined) return [];
  return Array.isArray(body) ? body : [body];
}

export async function handleControl(control: MicrosoftSimulatorControl, ctx: Ctx, operation: string): Promise<void> {
  const op = OPERATIONS.find((name) => name.toLowerCase() === operation.toLowerCase());
  if (!op) {
    sendJson(ctx, 404, { error: `unknown control operation '${operation}'`, operations: OPERATIONS });
    return;
  }
  try {
    const fn = control[op] as (...args: unknown[]) => unknown;
    const result = await fn(...argumentsOf(ctx));
    sendJson(ctx, 200, { result: result ?? null });
  } catch (err) {
    sendJson(ctx, 400, { error: err instanceof Error ? err.message : String(err) });
  }
}
