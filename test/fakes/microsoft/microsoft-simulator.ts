// Microsoft identity platform + Graph v1.0 simulator on loopback. Real @azure/msal-node and
// @microsoft/microsoft-graph-client talk to it over HTTP; tests steer it through `control` (or /__control/*).
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SimContext } from './context';
import { MicrosoftSimulatorControl, createControl } from './control';
import { handleControl } from './control.routes';
import { EventStore } from './event-store';
import { applyFaults } from './faults';
import { registerCalendarRoutes } from './graph-calendar.routes';
import { DeltaRegistry, registerDeltaRoutes } from './graph-delta';
import { GraphRouters, dispatchGraph } from './graph.routes';
import { Ctx, Router, readBody, sendJson, splitPath } from './http';
import { identityRoutes } from './identity.routes';
import { MailboxConcurrency } from './mailbox-concurrency';
import { registerMailTeamsRoutes } from './mail-teams.routes';
import { DEFAULT_NOTIFIER_OPTIONS, Notifier, NotifierOptions } from './notifications';
import { RequestLogEntry, SimState } from './state';
import { attachSubscriptionFeed, registerSubscriptionRoutes } from './subscriptions';

export interface MicrosoftSimulatorOptions {
  /** 0 (default) = random free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Access token lifetime in `expires_in` (default 3600). */
  accessTokenTtlSeconds?: number;
  /** How long a subscription validation handshake may take (default 10000, as Graph). */
  validationTimeoutMs?: number;
  /** Fake https host used in the MSAL authority (default `login.microsoft.sim`). */
  authorityHost?: string;
  /** Delivery timing (defaults: 3 s timeout, retries after 100/200/400/800 ms, 50 ms batching, 1 s throttle delay). */
  notifier?: Partial<NotifierOptions>;
  /** Outlook's concurrent request limit per app and mailbox (Outlook: 4); off by default. Retry-After defaults to 1 s. */
  mailboxConcurrency?: { limit: number; retryAfterSeconds?: number };
}

export interface MicrosoftSimulator {
  url: string;
  loginUrl: string;
  graphUrl: string;
  authorityHost: string;
  control: MicrosoftSimulatorControl;
  close(): Promise<void>;
}

export type { MicrosoftSimulatorControl } from './control';

function logHeaders(req: http.IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    out[key] = key === 'authorization' ? text.replace(/^(\S+)\s.*$/, '$1 <redacted>') : text;
  }
  return out;
}

function logRequest(state: SimState, ctx: Ctx): void {
  const entry: RequestLogEntry = {
    at: state.nowIso(), method: ctx.method, path: ctx.path, query: Object.fromEntries(ctx.query), headers: logHeaders(ctx.req), status: 0,
  };
  ctx.res.on('finish', () => {
    entry.status = ctx.res.statusCode;
    if (ctx.clientId) entry.clientId = ctx.clientId;
    if (ctx.note) entry.note = ctx.note;
    state.requestLog.push(entry);
  });
}

/**
 * The Graph client only strips the origin from absolute `https://` links; an http `@odata.nextLink` handed to
 * `client.api(link)` arrives as `/v1.0/http://127.0.0.1:PORT/v1.0/...`. Links to this simulator are unwrapped so
 * code that follows links the production way (`client.api(nextLink)`, PageIterator) works unchanged.
 */
function unwrapOwnAbsoluteLink(sim: SimContext, ctx: Ctx): void {
  const embedded = /^\/v1\.0\/https?:\/+([^/]+)(\/v1\.0\/.*)$/i.exec(ctx.path);
  if (embedded && embedded[1] === new URL(sim.url).host) ctx.path = embedded[2];
}

async function route(sim: SimContext, control: MicrosoftSimulatorControl, graph: GraphRouters, identity: Router, ctx: Ctx): Promise<void> {
  unwrapOwnAbsoluteLink(sim, ctx);
  const segments = splitPath(ctx.path);
  if (segments[0] === '__control') return handleControl(control, ctx, segments[1] ?? '');
  logRequest(sim.state, ctx);
  if (sim.mailboxConcurrency.admit(sim.state, ctx)) return;
  if (await applyFaults(sim.state, ctx)) return;
  if (segments[0]?.toLowerCase() === 'v1.0') return dispatchGraph(sim, graph, ctx, segments.slice(1));
  const found = identity.match(ctx.method, segments);
  if (found && found !== 'method') {
    ctx.params = found.params;
    return found.handler(ctx);
  }
  sendJson(ctx, 404, { error: { code: 'NotFound', message: `No simulator route for ${ctx.method} ${ctx.path}` } });
}

export async function startMicrosoftSimulator(options: MicrosoftSimulatorOptions = {}): Promise<MicrosoftSimulator> {
  const host = options.host ?? '127.0.0.1';
  const state = new SimState();
  const notifier = new Notifier({ ...DEFAULT_NOTIFIER_OPTIONS, ...options.notifier });
  const sim: SimContext = {
    state, store: new EventStore(state), notifier, delta: new DeltaRegistry(), url: '', authorityHost: options.authorityHost ?? 'login.microsoft.sim',
    mailboxConcurrency: new MailboxConcurrency({ limit: options.mailboxConcurrency?.limit ?? null, retryAfterSeconds: options.mailboxConcurrency?.retryAfterSeconds ?? 1 }),
    accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 3600, validationTimeoutMs: options.validationTimeoutMs ?? 10_000,
  };
  const graph = new GraphRouters();
  registerCalendarRoutes(graph);
  registerDeltaRoutes(graph);
  registerSubscriptionRoutes(graph);
  registerMailTeamsRoutes(graph);
  attachSubscriptionFeed(sim);
  const identity = identityRoutes(sim);
  const control = createControl(sim);

  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://simulator');
      const body = await readBody(req).catch(() => null);
      if (!body) return void res.destroy();
      const ctx: Ctx = {
        req, res, method: (req.method ?? 'GET').toUpperCase(), path: url.pathname, query: url.searchParams, params: {}, body, requestId: randomUUID(),
      };
      try {
        await route(sim, control, graph, identity, ctx);
      } catch (err) {
        if (!res.headersSent) sendJson(ctx, 500, { error: { code: 'generalException', message: `simulator error: ${err instanceof Error ? err.message : String(err)}` } });
        else res.end();
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  sim.url = `http://${host}:${port}`;
  return {
    url: sim.url, loginUrl: sim.url, graphUrl: sim.url, authorityHost: sim.authorityHost, control,
    async close() {
      notifier.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
