import { randomUUID } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { diffRows, rowsMentioning } from './db-snapshot';
import { identifiersIn } from './graphql-probe';
import type { IsolationContext } from './isolation-suite';
import { nextClientIp } from './security-app';

/** One request and the status that means "refused / nothing of tenant A". */
export interface RouteRequest {
  request: InjectOptions;
  status: number;
}

export interface RouteCase {
  /** Every method the route answers, as Fastify prints them: a new method is a new case to decide. */
  methods: string;
  /** What isolation means for this route. */
  why: string;
  requests: (ctx: IsolationContext) => RouteRequest[];
}

/** path → methods, from Fastify's own route table. */
export function registeredRoutes(printed: string): Record<string, string> {
  const routes: Record<string, string> = {};
  for (const [, path, methods] of printed.matchAll(/(\/\S*) \(([A-Z, ]+)\)/g)) routes[path!] = methods!.split(', ').sort().join(',');
  return routes;
}

/**
 * Sends each case's requests; each must get its expected status, carry no tenant-A identifier, leave tenant A's rows
 * as they were, point no other row at tenant A and queue no job.
 */
export async function probeRoutes(ctx: IsolationContext, cases: Record<string, RouteCase>): Promise<string[]> {
  const problems: string[] = [];
  const uuids = new Set([...ctx.identifiers].filter((value) => /^[0-9a-f-]{36}$/.test(value)));
  for (const [path, routeCase] of Object.entries(cases)) {
    for (const { request, status } of routeCase.requests(ctx)) {
      const jobsBefore = JSON.stringify(await ctx.app.t.runtime.deps.queue.counts());
      const response = await ctx.app.t.app.inject(request);
      const name = `${request.method} ${path}`;
      if (response.statusCode !== status) problems.push(`${name}: expected ${status}, got ${response.statusCode} ${response.body}`);
      const answer = { headers: response.headers, body: response.body };
      const leaked = identifiersIn(answer, ctx.identifiers);
      if (leaked.length) problems.push(`${name}: answer carries tenant A's ${leaked.join(', ')}: ${JSON.stringify(answer)}`);
      const after = await ctx.reader.snapshot(ctx.a.tenant.tenantId);
      problems.push(...diffRows(ctx.baseline.owned, after.owned).map((line) => `${name}: changed tenant A's rows: ${line}`));
      problems.push(...rowsMentioning(after.others, uuids).map((line) => `${name}: ${line}`));
      if (JSON.stringify(await ctx.app.t.runtime.deps.queue.counts()) !== jobsBefore) problems.push(`${name}: queued a job`);
    }
  }
  return problems;
}

const fromClient = (request: InjectOptions): InjectOptions => ({ ...request, headers: { 'x-forwarded-for': nextClientIp(), ...request.headers } });

/** The routes both editions serve the same way. */
export const SHARED_ROUTE_CASES: Record<string, RouteCase> = {
  '/healthz': { methods: 'GET,HEAD', why: 'process probe: no tenant data', requests: () => [{ request: { method: 'GET', url: '/healthz' }, status: 200 }] },
  '/readyz': { methods: 'GET,HEAD', why: 'dependency probe: no tenant data', requests: () => [{ request: { method: 'GET', url: '/readyz' }, status: 200 }] },
  '/metrics': { methods: 'GET,HEAD', why: 'Prometheus text: no tenant labels', requests: () => [{ request: { method: 'GET', url: '/metrics' }, status: 200 }] },
  '/graphql': {
    methods: 'GET,HEAD,OPTIONS,POST',
    why: 'every field is probed by the schema suites; here: no credentials, tenant A ids → 401, nothing',
    requests: (ctx) => [{
      request: { method: 'POST', url: '/graphql', payload: { query: 'query ($id: ID!) { scheduleEntry(id: $id) { id title } }', variables: { id: ctx.a.ids.entry } } },
      status: 401,
    }],
  },
  '/api/auth/msp/sso/discover': {
    methods: 'GET,HEAD',
    why: 'pre-auth: routes by verified domain only, and says no more than "sso: true"',
    requests: (ctx) => [
      { request: fromClient({ method: 'GET', url: `/api/auth/msp/sso/discover?email=tech@${ctx.a.values.pendingDomain}` }), status: 200 },
      { request: fromClient({ method: 'GET', url: `/api/auth/msp/sso/discover?email=tech@${ctx.a.values.verifiedDomain}` }), status: 200 },
    ],
  },
  '/api/auth/msp/sso/resolve': {
    methods: 'POST',
    why: "pre-auth: a domain tenant A only claimed (pending) starts no sign-in into tenant A",
    requests: (ctx) => [{
      request: fromClient({ method: 'POST', url: '/api/auth/msp/sso/resolve', payload: { email: `tech@${ctx.a.values.pendingDomain}`, nonce: `n-${randomUUID()}` } }),
      status: 409,
    }],
  },
  '/api/auth/msp/sso/callback': {
    methods: 'GET,HEAD',
    why: 'the state is single-use server state: a forged one completes nothing for tenant A',
    requests: () => [{ request: fromClient({ method: 'GET', url: `/api/auth/msp/sso/callback?code=forged&state=${randomUUID()}` }), status: 302 }],
  },
};

/** Community: the stable calendar URLs answer 501 for every method before touching anything. */
const CE_CALENDAR_ROUTE = (path: string): RouteCase => ({
  methods: 'DELETE,GET,HEAD,OPTIONS,PATCH,POST,PUT,QUERY,TRACE',
  why: 'Community stub: 501 before any body, token, provider or database',
  requests: (ctx) => [
    { request: { method: 'GET', url: `${path}?state=${ctx.a.ids.tenant}&code=x` }, status: 501 },
    { request: { method: 'POST', url: path, headers: { 'x-goog-channel-id': ctx.a.ids.entry }, payload: { value: [] } }, status: 501 },
  ],
});

export const CE_ROUTE_CASES: Record<string, RouteCase> = {
  ...SHARED_ROUTE_CASES,
  '/api/auth/google/calendar/callback': CE_CALENDAR_ROUTE('/api/auth/google/calendar/callback'),
  '/api/auth/microsoft/calendar/callback': CE_CALENDAR_ROUTE('/api/auth/microsoft/calendar/callback'),
  '/api/calendar/webhooks/google': CE_CALENDAR_ROUTE('/api/calendar/webhooks/google'),
  '/api/calendar/webhooks/microsoft': CE_CALENDAR_ROUTE('/api/calendar/webhooks/microsoft'),
};

export function routeTableOf(cases: Record<string, RouteCase>): Record<string, string> {
  return Object.fromEntries(Object.entries(cases).map(([path, routeCase]) => [path, routeCase.methods]));
}
