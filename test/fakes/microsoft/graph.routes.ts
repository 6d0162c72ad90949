// Graph v1.0 dispatcher: authenticates the bearer token, splits `/me/...` and `/users/{id|upn}/...` from
// top-level paths (`/subscriptions`, `/appCatalogs/...`), and turns thrown GraphInputErrors into Graph errors.
import type { SimContext } from './context';
import { GraphInputError } from './event-input';
import { GraphCaller, authenticateGraph, resolveTarget } from './graph-auth';
import { Ctx, Router, graphError, preferences } from './http';
import type { SimUser } from './state';
import { resolveZone } from './timezones';

export interface GraphRequest { ctx: Ctx; caller: GraphCaller; sim: SimContext }
export interface UserRequest extends GraphRequest { target: SimUser }

export type TopHandler = (req: GraphRequest) => Promise<void> | void;
export type UserHandler = (req: UserRequest) => Promise<void> | void;

export class GraphRouters {
  readonly top = new Router<TopHandler>();
  readonly user = new Router<UserHandler>();
}

function methodNotAllowed(ctx: Ctx): void {
  graphError(ctx, 405, 'Request_BadRequest', `The HTTP method '${ctx.method}' is not allowed for this resource.`);
}

function noSegment(ctx: Ctx, segments: string[]): void {
  graphError(ctx, 400, 'BadRequest', `Resource not found for the segment '${segments[segments.length - 1] ?? ''}'.`);
}

/** Handles one `/v1.0/...` request (segments exclude `v1.0`). */
export async function dispatchGraph(sim: SimContext, routers: GraphRouters, ctx: Ctx, segments: string[]): Promise<void> {
  const caller = authenticateGraph(sim, ctx);
  if (!caller) return;
  try {
    const first = (segments[0] ?? '').toLowerCase();
    const isUser = first === 'me' || (first === 'users' && segments.length >= 2);
    if (!isUser) {
      const found = routers.top.match(ctx.method, segments);
      if (found === 'method') return methodNotAllowed(ctx);
      if (!found) return noSegment(ctx, segments);
      ctx.params = found.params;
      return await found.handler({ ctx, caller, sim });
    }
    const rest = first === 'me' ? segments.slice(1) : segments.slice(2);
    const found = routers.user.match(ctx.method, rest);
    if (found === 'method') return methodNotAllowed(ctx);
    if (!found) return noSegment(ctx, segments);
    const target = resolveTarget(sim, ctx, caller, first === 'me' ? null : segments[1]);
    if (!target) return;
    ctx.params = found.params;
    await found.handler({ ctx, caller, sim, target });
  } catch (err) {
    if (err instanceof GraphInputError) return graphError(ctx, err.status, err.code, err.message);
    throw err;
  }
}

/** `Prefer: outlook.timezone="..."` (Windows or IANA name); UTC when absent or unknown. */
export function zonePreference(ctx: Ctx): { zone: { iana: string; name: string }; headers: Record<string, string> } {
  const wanted = preferences(ctx).get('outlook.timezone');
  const iana = wanted ? resolveZone(wanted) : null;
  if (!wanted || !iana) return { zone: { iana: 'UTC', name: 'UTC' }, headers: {} };
  return { zone: { iana, name: wanted }, headers: { 'preference-applied': `outlook.timezone="${wanted}"` } };
}

/** Absolute URL of the current request with some query parameters replaced. */
export function selfLink(sim: SimContext, ctx: Ctx, replace: Record<string, string>): string {
  const query = new URLSearchParams(ctx.query);
  for (const [k, v] of Object.entries(replace)) query.set(k, v);
  return `${sim.url}${ctx.path}?${query.toString()}`;
}

export function odataContext(sim: SimContext, user: SimUser, suffix: string): string {
  return `${sim.url}/v1.0/$metadata#users('${user.id}')/${suffix}`;
}

/** calendarView windows: ISO values; without an offset they are UTC (Prefer: outlook.timezone does not apply). */
export function parseWindow(ctx: Ctx): { startMs: number; endMs: number } {
  const start = ctx.query.get('startDateTime') ?? ctx.query.get('startdatetime');
  const end = ctx.query.get('endDateTime') ?? ctx.query.get('enddatetime');
  if (!start || !end) {
    throw new GraphInputError(400, 'ErrorInvalidParameter', 'This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.');
  }
  const asUtc = (v: string): number => Date.parse(/[zZ]|[+-]\d{2}:?\d{2}$/.test(v) ? v : `${v}Z`);
  const startMs = asUtc(start);
  const endMs = asUtc(end);
  if (Number.isNaN(startMs) || Number.isNaN(endMs)) {
    throw new GraphInputError(400, 'ErrorInvalidParameter', 'The value of StartDateTime or EndDateTime is not a valid date/time.');
  }
  return { startMs, endMs };
}
