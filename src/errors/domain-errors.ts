/**
 * Errors services throw for expected failures. Each carries the public `extensions.code` of DESIGN.md §5;
 * the GraphQL layer maps them as they are, and REST routes map them to HTTP statuses.
 */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'PROFILE_IN_USE'
  | 'PROFILE_ARCHIVED'
  | 'EDITION_UNAVAILABLE'
  | 'CONFLICT'
  /** An external account must be connected again (revoked grant, binding moved). */
  | 'REAUTH_REQUIRED'
  /** Google/Microsoft throttled us or are down: retry later (`retryAfterMs` when known). */
  | 'PROVIDER_UNAVAILABLE';

export class DomainError extends Error {
  override name = 'DomainError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Safe, client-facing details (never secrets). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const unauthenticated = (message = 'Authentication required.') => new DomainError('UNAUTHENTICATED', message);
export const forbidden = (message = 'You are not allowed to do this.') => new DomainError('FORBIDDEN', message);
export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what} was not found.`);
export const badUserInput = (message: string, details: Record<string, unknown> = {}) =>
  new DomainError('BAD_USER_INPUT', message, details);
export const conflict = (message: string, details: Record<string, unknown> = {}) => new DomainError('CONFLICT', message, details);

export const HTTP_STATUS_BY_CODE: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  PROFILE_IN_USE: 409,
  PROFILE_ARCHIVED: 409,
  EDITION_UNAVAILABLE: 501,
  CONFLICT: 409,
  REAUTH_REQUIRED: 409,
  PROVIDER_UNAVAILABLE: 503,
};

/** For nullable lookups (`microsoftProfile(id)`): NOT_FOUND becomes null, every other failure still surfaces. */
export async function nullIfNotFound<T>(lookup: Promise<T>): Promise<T | null> {
  try {
    return await lookup;
  } catch (error) {
    if (error instanceof DomainError && error.code === 'NOT_FOUND') return null;
    throw error;
  }
}
