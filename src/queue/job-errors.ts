/** Thrown by a processor when retrying cannot help (bad input, revoked grant): the job fails at once. */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}

/**
 * Thrown by a processor when a provider asked us to wait (429 + Retry-After): the job is re-run after the
 * delay without spending an attempt.
 */
export class RetryLaterError extends Error {
  override name = 'RetryLaterError';
  constructor(
    readonly delayMs: number,
    message = `retry in ${delayMs} ms`,
  ) {
    super(message);
  }
}
