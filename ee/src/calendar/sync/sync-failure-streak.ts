/**
 * When failed runs make a provider ERROR. One bad event never does (its mapping carries the error); a dead grant
 * is REAUTH_REQUIRED (token manager). What is left is the provider itself failing, run after run (5xx, timeouts):
 * after a streak the provider says so, and keeps being retried, so the first run that succeeds clears it.
 */
export const SYNC_ERROR_PREFIX = 'Calendar sync keeps failing';
export const FAILED_RUNS_FOR_ERROR = 5;

/** The provider's lastError for a streak of failed runs (newest first), or null while the streak is shorter. */
export function streakError(recentRunStatuses: readonly string[], message: string): string | null {
  const streak = recentRunStatuses.slice(0, FAILED_RUNS_FOR_ERROR);
  if (streak.length < FAILED_RUNS_FOR_ERROR || streak.some((status) => status !== 'failed')) return null;
  return `${SYNC_ERROR_PREFIX} (${FAILED_RUNS_FOR_ERROR} runs in a row): ${message}`;
}
