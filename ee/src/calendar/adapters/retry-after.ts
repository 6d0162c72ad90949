/** Used when a provider throttles without saying for how long (Graph sometimes omits Retry-After). */
export const DEFAULT_RETRY_AFTER_MS = 30_000;

/** `Retry-After` as delay-seconds or an HTTP date (RFC 9110 §10.2.3) → milliseconds; null when absent or unreadable. */
export function parseRetryAfterMs(header: string | null | undefined, now = Date.now()): number | null {
  if (!header) return null;
  const value = header.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
