/** Delay before retry after the `attempt`-th failed delivery: base, 2×base, 4×base, … capped at `maxMs`. */
export function retryDelayMs(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
}
