/**
 * Graph failures → provider errors. The SDK wraps everything in GraphError: HTTP answers keep `statusCode` and
 * Graph's `code`; failures before an answer (network, timeout) get `statusCode` -1 and the original error's name
 * as `code`, the original object itself is lost. Non-Error throwables (an abort's DOMException from another
 * realm) land in `body` instead.
 */
import {
  PreconditionFailedError,
  ProviderAuthError,
  ProviderNotFoundError,
  ProviderRateLimitedError,
  ProviderUnavailableError,
} from './provider-errors';
import { DEFAULT_RETRY_AFTER_MS, parseRetryAfterMs } from './retry-after';
import { StaleCursorError } from './stale-cursor-error';

interface GraphErrorShape {
  statusCode?: number;
  code?: string | null;
  message?: string;
  headers?: { get(name: string): string | null };
  body?: unknown;
}

const NETWORK_CODES = new Set(['TypeError', 'AbortError', 'TimeoutError', 'FetchError']);
/** Delta state Graph no longer has: start over without a token (410 Gone, or these codes). */
const STALE_SYNC_CODES = /^(syncStateNotFound|syncStateInvalid|resyncRequired)$/i;

function shapeOf(error: unknown): GraphErrorShape {
  return typeof error === 'object' && error !== null ? (error as GraphErrorShape) : {};
}

/**
 * A 2xx whose empty body was labelled JSON ("Unexpected end of JSON input"): the request did succeed. Only
 * callers that need no body (DELETE) may treat it as success.
 */
export function isSuccessWithUnreadableBody(error: unknown): boolean {
  const status = shapeOf(error).statusCode ?? 0;
  return status >= 200 && status < 300;
}

function failureName(shape: GraphErrorShape): string {
  const body = shape.body as { name?: unknown } | undefined;
  return shape.code || (typeof body?.name === 'string' ? body.name : '');
}

function beforeAnyAnswer(shape: GraphErrorShape, error: unknown, detail: string): Error {
  const name = failureName(shape);
  if (NETWORK_CODES.has(name) || /fetch failed/i.test(shape.message ?? '')) {
    return new ProviderUnavailableError(`${detail} (${name})`, { cause: error });
  }
  return new Error(detail, { cause: error });
}

function rateLimited(shape: GraphErrorShape, error: unknown, detail: string, fallbackMs: number): Error {
  const retryAfterMs = parseRetryAfterMs(shape.headers?.get('retry-after')) ?? fallbackMs;
  return Object.assign(new ProviderRateLimitedError(retryAfterMs, detail), { cause: error });
}

export function translateGraphError(operation: string, error: unknown): Error {
  const shape = shapeOf(error);
  const status = shape.statusCode ?? -1;
  const detail = `graph ${operation}: ${status > 0 ? `${status} ` : ''}${shape.code ?? ''}: ${shape.message ?? String(error)}`;
  const options = { cause: error };
  if (status <= 0) return beforeAnyAnswer(shape, error, detail);
  if (status === 429) return rateLimited(shape, error, detail, DEFAULT_RETRY_AFTER_MS);
  // 503 with Retry-After is Graph throttling; without, an outage the queue's own backoff handles.
  if (status === 503 && shape.headers?.get('retry-after')) return rateLimited(shape, error, detail, DEFAULT_RETRY_AFTER_MS);
  if (status === 410 || STALE_SYNC_CODES.test(shape.code ?? '')) return new StaleCursorError(detail, options);
  if (status === 401) return new ProviderAuthError(detail, options);
  if (status === 404) return new ProviderNotFoundError(detail, options);
  if (status === 412) return new PreconditionFailedError(detail, options);
  if (status >= 500) return new ProviderUnavailableError(detail, options);
  return new Error(detail, options);
}
