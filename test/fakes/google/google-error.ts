/**
 * Errors in the shapes Google answers with.
 * API errors: https://developers.google.com/calendar/api/guides/errors
 * OAuth errors: https://developers.google.com/identity/protocols/oauth2/web-server
 */

const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ALREADY_EXISTS',
  412: 'FAILED_PRECONDITION',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

export interface GoogleErrorItem {
  domain: string;
  reason: string;
  message: string;
  locationType?: string;
  location?: string;
}

export interface GoogleErrorBody {
  error: { code: number; message: string; errors: GoogleErrorItem[]; status?: string };
}

/** A Calendar API error; the HTTP layer turns it into a JSON response. */
export class GoogleApiError extends Error {
  readonly name = 'GoogleApiError';
  readonly headers: Record<string, string>;

  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly options: { domain?: string; location?: string; locationType?: string; topMessage?: string; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.headers = options.headers ?? {};
  }

  toBody(): GoogleErrorBody {
    const item: GoogleErrorItem = { domain: this.options.domain ?? 'global', reason: this.reason, message: this.message };
    if (this.options.location) {
      item.locationType = this.options.locationType ?? 'parameter';
      item.location = this.options.location;
    }
    const body: GoogleErrorBody = { error: { code: this.code, message: this.options.topMessage ?? this.message, errors: [item] } };
    const status = STATUS_NAMES[this.code];
    if (status) body.error.status = status;
    return body;
  }
}

/** An OAuth endpoint error: `{ error, error_description }`. */
export class OAuthError extends Error {
  readonly name = 'OAuthError';
  constructor(readonly httpStatus: number, readonly error: string, readonly description: string) {
    super(`${error}: ${description}`);
  }
  toBody(): { error: string; error_description: string } {
    return { error: this.error, error_description: this.description };
  }
}

export const apiErrors = {
  badRequest: (message: string, location?: string): GoogleApiError =>
    new GoogleApiError(400, 'badRequest', message, { location }),
  invalid: (message: string, location?: string): GoogleApiError =>
    new GoogleApiError(400, 'invalid', message, { location }),
  required: (message: string, location?: string): GoogleApiError =>
    new GoogleApiError(400, 'required', message, { location }),
  timeRangeEmpty: (location: string): GoogleApiError =>
    new GoogleApiError(400, 'timeRangeEmpty', 'The specified time range is empty.', { domain: 'calendar', location }),
  notFound: (): GoogleApiError => new GoogleApiError(404, 'notFound', 'Not Found'),
  deleted: (): GoogleApiError => new GoogleApiError(410, 'deleted', 'Resource has been deleted'),
  duplicate: (): GoogleApiError => new GoogleApiError(409, 'duplicate', 'The requested identifier already exists.'),
  conditionNotMet: (): GoogleApiError =>
    new GoogleApiError(412, 'conditionNotMet', 'Precondition Failed', { location: 'If-Match', locationType: 'header' }),
  fullSyncRequired: (): GoogleApiError =>
    new GoogleApiError(410, 'fullSyncRequired', 'Sync token is no longer valid, a full sync is required.', {
      domain: 'calendar',
      location: 'syncToken',
    }),
  unauthenticated: (missing: boolean): GoogleApiError =>
    missing
      ? new GoogleApiError(401, 'required', 'Login Required.', {
          location: 'Authorization',
          locationType: 'header',
          topMessage:
            'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
          headers: { 'www-authenticate': 'Bearer realm="https://accounts.google.com/"' },
        })
      : new GoogleApiError(401, 'authError', 'Invalid Credentials', {
          location: 'Authorization',
          locationType: 'header',
          topMessage:
            'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
          headers: { 'www-authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"' },
        }),
  insufficientScopes: (): GoogleApiError =>
    new GoogleApiError(403, 'insufficientPermissions', 'Insufficient Permission', {
      topMessage: 'Request had insufficient authentication scopes.',
    }),
};
