/**
 * Google API failures → provider errors, so the sync engine never reads gaxios errors. Errors are read by shape,
 * not `instanceof GaxiosError`: googleapis-common ships its own gaxios copy, so the classes differ.
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

interface GoogleErrorShape {
  status?: number;
  code?: string | number;
  config?: unknown;
  response?: { status?: number; headers?: unknown; data?: unknown };
}

/** Quota reasons Google sends with 403 (429 is always a rate limit). */
const RATE_LIMIT_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded', 'quotaExceeded']);
const NETWORK_ERROR_NAMES = new Set(['AbortError', 'TimeoutError', 'FetchError']);

function shapeOf(error: unknown): GoogleErrorShape {
  return typeof error === 'object' && error !== null ? (error as GoogleErrorShape) : {};
}

export function googleStatus(error: unknown): number | undefined {
  const shape = shapeOf(error);
  return shape.response?.status ?? (typeof shape.status === 'number' ? shape.status : undefined);
}

/** `error.errors[0].reason` of Google's JSON error body (`rateLimitExceeded`, `fullSyncRequired`, …). */
export function googleReason(error: unknown): string | undefined {
  const data = shapeOf(error).response?.data as { error?: { errors?: { reason?: string }[] } } | undefined;
  return data?.error?.errors?.[0]?.reason;
}

function retryAfterHeader(error: unknown): string | null {
  const headers = shapeOf(error).response?.headers as { get?: (name: string) => string | null } | Record<string, string> | undefined;
  if (!headers) return null;
  if (typeof headers.get === 'function') return headers.get('retry-after');
  return (headers as Record<string, string>)['retry-after'] ?? null;
}

/** No HTTP status: gaxios saw a connection failure or timeout (it sets `config`), or fetch itself failed. */
function isNetworkFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return shapeOf(error).config !== undefined || NETWORK_ERROR_NAMES.has(error.name) || error.message === 'fetch failed';
}

function httpError(status: number, reason: string | undefined, error: unknown, detail: string): Error {
  const options = { cause: error };
  if (status === 429 || (status === 403 && reason !== undefined && RATE_LIMIT_REASONS.has(reason))) {
    const retryAfterMs = parseRetryAfterMs(retryAfterHeader(error)) ?? DEFAULT_RETRY_AFTER_MS;
    return Object.assign(new ProviderRateLimitedError(retryAfterMs, detail), options);
  }
  // A missing scope is fixed the same way as a dead token: the user grants access again.
  if (status === 401 || (status === 403 && reason === 'insufficientPermissions')) return new ProviderAuthError(detail, options);
  if (status === 412) return new PreconditionFailedError(detail, options);
  if (status === 410 && reason === 'fullSyncRequired') return new StaleCursorError(detail, options);
  if (status === 404 || status === 410) return new ProviderNotFoundError(detail, options);
  if (status >= 500) return new ProviderUnavailableError(detail, options);
  return new Error(detail, options);
}

/** Names the operation in the message, as the job log is all an operator sees. */
export function translateGoogleError(operation: string, error: unknown): Error {
  const status = googleStatus(error);
  const message = error instanceof Error ? error.message : String(error);
  if (status === undefined) {
    if (isNetworkFailure(error)) return new ProviderUnavailableError(`google ${operation}: ${message}`, { cause: error });
    return error instanceof Error ? error : new Error(message);
  }
  const reason = googleReason(error);
  return httpError(status, reason, error, `google ${operation}: ${status}${reason ? ` ${reason}` : ''}: ${message}`);
}
