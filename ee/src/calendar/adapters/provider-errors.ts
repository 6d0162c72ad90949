/** Provider failures adapters translate to, so the sync engine never parses provider payloads. */
export class ProviderRateLimitedError extends Error {
  override name = 'ProviderRateLimitedError';
  constructor(
    readonly retryAfterMs: number,
    message = `provider rate limit: retry in ${retryAfterMs} ms`,
  ) {
    super(message);
  }
}

/** 401 after a refresh, or a revoked grant: the user must re-authorize. */
export class ProviderAuthError extends Error {
  override name = 'ProviderAuthError';
}

export class PreconditionFailedError extends Error {
  override name = 'PreconditionFailedError';
}

export class ProviderNotFoundError extends Error {
  override name = 'ProviderNotFoundError';
}

/** 5xx and network failures: worth retrying with backoff. */
export class ProviderUnavailableError extends Error {
  override name = 'ProviderUnavailableError';
}
