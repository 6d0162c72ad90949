// Injected faults and latency (learn.microsoft.com/graph/throttling): Graph answers 429 TooManyRequests /
// 503 ServiceUnavailable with Retry-After, or 500; identity endpoints answer in the Entra error shape.
import { Ctx, aadError, graphError } from './http';
import { FaultRule, SimState, newGuid } from './state';

export interface FaultSpec {
  match: { method?: string; pathPrefix?: string };
  status?: 429 | 503 | 500;
  retryAfterSeconds?: number;
  times?: number;
  latencyMs?: number;
}

export function addFault(state: SimState, spec: FaultSpec): string {
  const rule: FaultRule = {
    id: newGuid(), method: spec.match.method?.toUpperCase(), pathPrefix: spec.match.pathPrefix, status: spec.status,
    retryAfterSeconds: spec.retryAfterSeconds, remaining: spec.times ?? 1, latencyMs: spec.latencyMs,
  };
  state.faults.push(rule);
  return rule.id;
}

/** Takes (and uses up) the first rule matching the request. Path prefixes compare case-insensitively. */
function takeFault(state: SimState, method: string, path: string): FaultRule | undefined {
  const rule = state.faults.find((f) => f.remaining > 0 && (!f.method || f.method === method)
    && (!f.pathPrefix || path.toLowerCase().startsWith(f.pathPrefix.toLowerCase())));
  if (!rule) return undefined;
  rule.remaining -= 1;
  if (rule.remaining <= 0) state.faults.splice(state.faults.indexOf(rule), 1);
  return rule;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function sendFault(ctx: Ctx, rule: FaultRule & { status: number }): void {
  const retryAfter = rule.retryAfterSeconds;
  const headers: Record<string, string> = retryAfter !== undefined ? { 'retry-after': String(retryAfter) } : {};
  const after = retryAfter !== undefined ? ` Retry after ${retryAfter} seconds.` : '';
  if (!ctx.path.toLowerCase().startsWith('/v1.0/')) {
    const error = rule.status === 500 ? 'server_error' : 'temporarily_unavailable';
    aadError(ctx, rule.status, error, 90033, `A transient error has occurred. Please try again.${after}`, {}, headers);
    return;
  }
  if (rule.status === 429) graphError(ctx, 429, 'TooManyRequests', `The request has been throttled (activityLimitReached): the application is over its MailboxConcurrency limit.${after}`, headers);
  else if (rule.status === 503) graphError(ctx, 503, 'ServiceUnavailable', `The service is temporarily unavailable.${after}`, headers);
  else graphError(ctx, rule.status, 'generalException', 'An unspecified error occurred.', headers);
}

/** Applies latency and a matching fault; returns true when the fault already answered the request. */
export async function applyFaults(state: SimState, ctx: Ctx): Promise<boolean> {
  const rule = takeFault(state, ctx.method, ctx.path);
  const delay = state.latencyMs + (rule?.latencyMs ?? 0);
  if (delay > 0) await sleep(delay);
  if (!rule?.status) return false;
  sendFault(ctx, rule as FaultRule & { status: number });
  return true;
}
