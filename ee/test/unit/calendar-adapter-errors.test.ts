import { GraphError } from '@microsoft/microsoft-graph-client';
import { createCalendarAdapter } from '../../src/calendar/adapters/create-calendar-adapter';
import { GoogleCalendarAdapter } from '../../src/calendar/adapters/google-calendar.adapter';
import { translateGoogleError } from '../../src/calendar/adapters/google-error-translation';
import { MicrosoftCalendarAdapter } from '../../src/calendar/adapters/microsoft-calendar.adapter';
import { translateGraphError } from '../../src/calendar/adapters/microsoft-error-translation';
import {
  PreconditionFailedError,
  ProviderAuthError,
  ProviderNotFoundError,
  ProviderRateLimitedError,
  ProviderUnavailableError,
} from '../../src/calendar/adapters/provider-errors';
import { parseRetryAfterMs } from '../../src/calendar/adapters/retry-after';
import { StaleCursorError } from '../../src/calendar/adapters/stale-cursor-error';
import { loadConfig } from '../../../src/config/config';

function googleFailure(status: number, reason?: string, headers: Record<string, string> = {}): Error {
  const data = { error: { code: status, message: 'm', errors: reason ? [{ domain: 'usageLimits', reason }] : [] } };
  return Object.assign(new Error(`failed ${status}`), { status, config: {}, response: { status, headers: new Headers(headers), data } });
}

function graphFailure(status: number, code: string, headers: Record<string, string> = {}): GraphError {
  const error = new GraphError(status, 'm');
  error.code = code;
  error.headers = new Headers(headers);
  return error;
}

describe('parseRetryAfterMs', () => {
  it('reads delay-seconds and HTTP dates, and nothing else', () => {
    expect(parseRetryAfterMs('7')).toBe(7000);
    expect(parseRetryAfterMs('Wed, 01 Jan 2031 00:00:10 GMT', Date.parse('2031-01-01T00:00:00Z'))).toBe(10_000);
    expect([parseRetryAfterMs(null), parseRetryAfterMs('soon')]).toEqual([null, null]);
  });
});

describe('translateGoogleError', () => {
  it.each([
    ['429 rateLimitExceeded', googleFailure(429, 'rateLimitExceeded', { 'retry-after': '3' }), ProviderRateLimitedError],
    ['403 userRateLimitExceeded', googleFailure(403, 'userRateLimitExceeded'), ProviderRateLimitedError],
    ['403 insufficientPermissions', googleFailure(403, 'insufficientPermissions'), ProviderAuthError],
    ['401 authError', googleFailure(401, 'authError'), ProviderAuthError],
    ['412 conditionNotMet', googleFailure(412, 'conditionNotMet'), PreconditionFailedError],
    ['404 notFound', googleFailure(404, 'notFound'), ProviderNotFoundError],
    ['410 deleted', googleFailure(410, 'deleted'), ProviderNotFoundError],
    ['410 fullSyncRequired', googleFailure(410, 'fullSyncRequired'), StaleCursorError],
    ['503', googleFailure(503), ProviderUnavailableError],
    ['network', Object.assign(new Error('connect ECONNREFUSED'), { config: {} }), ProviderUnavailableError],
  ])('maps %s', (_label, error, expected) => {
    expect(translateGoogleError('events.list', error)).toBeInstanceOf(expected);
  });

  it('keeps the advised delay (default 30 s), the operation name and the cause', () => {
    const limited = translateGoogleError('events.list', googleFailure(429, 'rateLimitExceeded', { 'retry-after': '3' })) as ProviderRateLimitedError;
    expect(limited.retryAfterMs).toBe(3000);
    expect((translateGoogleError('x', googleFailure(403, 'rateLimitExceeded')) as ProviderRateLimitedError).retryAfterMs).toBe(30_000);
    const bad = translateGoogleError('events.insert', googleFailure(400, 'invalid'));
    expect(bad.constructor).toBe(Error);
    expect(bad.message).toContain('google events.insert: 400 invalid');
    expect(bad.cause).toBeInstanceOf(Error);
  });

  it('passes programming errors through untouched', () => {
    const bug = new RangeError('bug');
    expect(translateGoogleError('x', bug)).toBe(bug);
  });
});

describe('translateGraphError', () => {
  it.each([
    ['429 TooManyRequests', graphFailure(429, 'TooManyRequests'), ProviderRateLimitedError],
    ['503 with Retry-After', graphFailure(503, 'ServiceUnavailable', { 'retry-after': '2' }), ProviderRateLimitedError],
    ['503 without Retry-After', graphFailure(503, 'ServiceUnavailable'), ProviderUnavailableError],
    ['500 generalException', graphFailure(500, 'generalException'), ProviderUnavailableError],
    ['401 InvalidAuthenticationToken', graphFailure(401, 'InvalidAuthenticationToken'), ProviderAuthError],
    ['404 ErrorItemNotFound', graphFailure(404, 'ErrorItemNotFound'), ProviderNotFoundError],
    ['412 ErrorIrresolvableConflict', graphFailure(412, 'ErrorIrresolvableConflict'), PreconditionFailedError],
    ['410 syncStateNotFound', graphFailure(410, 'syncStateNotFound'), StaleCursorError],
    ['400 resyncRequired', graphFailure(400, 'resyncRequired'), StaleCursorError],
    ['-1 TypeError', graphFailure(-1, 'TypeError'), ProviderUnavailableError],
    ['-1 SyntaxError', graphFailure(-1, 'SyntaxError'), Error],
  ])('maps %s', (_label, error, expected) => {
    expect(translateGraphError('op', error)).toBeInstanceOf(expected);
  });

  it('uses Retry-After, else the default delay', () => {
    expect((translateGraphError('op', graphFailure(429, 'TooManyRequests', { 'retry-after': '9' })) as ProviderRateLimitedError).retryAfterMs).toBe(9000);
    expect((translateGraphError('op', graphFailure(429, 'TooManyRequests')) as ProviderRateLimitedError).retryAfterMs).toBe(30_000);
  });
});

describe('createCalendarAdapter', () => {
  it('builds the adapter for each provider type from the provider config', () => {
    const { providers } = loadConfig({});
    const accessToken = async () => 't';
    expect(createCalendarAdapter('google', { accessToken, providers })).toBeInstanceOf(GoogleCalendarAdapter);
    expect(createCalendarAdapter('microsoft', { accessToken, providers })).toBeInstanceOf(MicrosoftCalendarAdapter);
    expect(() => createCalendarAdapter('yahoo' as never, { accessToken, providers })).toThrow('no calendar adapter for provider type "yahoo"');
  });
});
