// Small HTTP toolkit for the Microsoft simulator: a case-insensitive segment router and response helpers
// that produce the two error shapes the real services use (Entra ID token errors, Graph `{ error: {...} }`).
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  /** Path without query string, e.g. `/v1.0/me/events`. */
  path: string;
  query: URLSearchParams;
  params: Record<string, string>;
  body: Buffer;
  /** Filled by the Graph auth step / token endpoint so the request log can say which app called. */
  clientId?: string;
  /** Extra facts for the request log (e.g. grant_type at the token endpoint). */
  note?: string;
  requestId: string;
}

export type Handler = (ctx: Ctx) => Promise<void> | void;

interface Route<H> {
  method: string;
  parts: string[];
  handler: H;
}

/** Matches `/`-separated segments; literal segments compare case-insensitively (Graph paths do), `:name` captures. */
export class Router<H = Handler> {
  private readonly routes: Route<H>[] = [];

  on(method: string, pattern: string, handler: H): this {
    const parts = pattern.split('/').filter(Boolean);
    this.routes.push({ method: method.toUpperCase(), parts, handler });
    return this;
  }

  /** Returns the handler and captured params, `'method'` when the path exists under another verb, or null. */
  match(method: string, segments: string[]): { handler: H; params: Record<string, string> } | 'method' | null {
    let pathMatched = false;
    for (const route of this.routes) {
      const params = matchParts(route.parts, segments);
      if (!params) continue;
      if (route.method === method) return { handler: route.handler, params };
      pathMatched = true;
    }
    return pathMatched ? 'method' : null;
  }
}

function matchParts(parts: string[], segments: string[]): Record<string, string> | null {
  if (parts.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i += 1) {
    const part = parts[i];
    if (part.startsWith(':')) params[part.slice(1)] = segments[i];
    else if (part.toLowerCase() !== segments[i].toLowerCase()) return null;
  }
  return params;
}

export function splitPath(path: string): string[] {
  return path
    .split('/')
    .filter(Boolean)
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function parseJsonBody<T = Record<string, unknown>>(ctx: Ctx): T | undefined {
  if (ctx.body.length === 0) return undefined;
  try {
    return JSON.parse(ctx.body.toString('utf8')) as T;
  } catch {
    return undefined;
  }
}

export function sendJson(ctx: Ctx, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  ctx.res.writeHead(status, {
    'content-type': 'application/json; odata.metadata=minimal; odata.streaming=true; charset=utf-8',
    'request-id': ctx.requestId,
    'client-request-id': clientRequestId(ctx),
    ...headers,
  });
  ctx.res.end(text);
}

/** Empty responses carry no content type: the Graph client parses an empty JSON body and throws otherwise. */
export function sendEmpty(ctx: Ctx, status: number, headers: Record<string, string> = {}): void {
  ctx.res.writeHead(status, { 'request-id': ctx.requestId, ...headers });
  ctx.res.end();
}

export function sendText(ctx: Ctx, status: number, contentType: string, text: string, headers: Record<string, string> = {}): void {
  ctx.res.writeHead(status, { 'content-type': contentType, ...headers });
  ctx.res.end(text);
}

function clientRequestId(ctx: Ctx): string {
  const value = ctx.req.headers['client-request-id'];
  return typeof value === 'string' ? value : ctx.requestId;
}

/** Graph error shape: `{ error: { code, message, innerError: { date, request-id, client-request-id } } }`. */
export function graphError(ctx: Ctx, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  sendJson(
    ctx,
    status,
    {
      error: {
        code,
        message,
        innerError: { date: new Date().toISOString().replace(/\.\d+Z$/, ''), 'request-id': ctx.requestId, 'client-request-id': clientRequestId(ctx) },
      },
    },
    headers,
  );
}

/** Entra ID (v2 endpoint) error shape with the `AADSTSnnnn:` prefixed description. */
export function aadError(
  ctx: Ctx, status: number, error: string, aadsts: number, text: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {},
): void {
  const traceId = randomUUID();
  const correlationId = headerValue(ctx, 'client-request-id') ?? randomUUID();
  const timestamp = new Date().toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  sendJson(ctx, status, {
    error,
    error_description: `AADSTS${aadsts}: ${text} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
    error_codes: [aadsts],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${aadsts}`,
    ...extra,
  }, headers);
}

export function headerValue(ctx: Ctx, name: string): string | undefined {
  const value = ctx.req.headers[name.toLowerCase()];
  if (Array.isArray(value)) return value[0];
  return value;
}

/** Parses `Prefer` header values such as `outlook.timezone="Pacific Standard Time", odata.maxpagesize=2`. */
export function preferences(ctx: Ctx): Map<string, string> {
  const out = new Map<string, string>();
  const raw = ctx.req.headers.prefer;
  const values = Array.isArray(raw) ? raw : raw ? [raw] : [];
  for (const value of values) {
    for (const item of value.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/)) {
      const eq = item.indexOf('=');
      const key = (eq < 0 ? item : item.slice(0, eq)).trim().toLowerCase();
      const val = eq < 0 ? '' : item.slice(eq + 1).trim().replace(/^"|"$/g, '');
      if (key) out.set(key, val);
    }
  }
  return out;
}
