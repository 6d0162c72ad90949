/**
 * Contract: injected faults and latency of the Google simulator, as the googleapis client sees them.
 * https://developers.google.com/calendar/api/guides/errors
 */
import type { calendar_v3 } from 'googleapis';
import type { GoogleSimulator } from '../fakes/google/google-simulator';
import { calendarClient, type OAuth2, gaxiosRejection as rejection, useConnectedCalendar } from '../fakes/google/test-harness';

const ALICE = 'alice@example.com';
const EVENTS = '/calendar/v3/calendars/primary/events';

const fixture = useConnectedCalendar('faults-test', { email: ALICE });
let sim: GoogleSimulator;
let oauth2: OAuth2;
let calendar: calendar_v3.Calendar;

beforeEach(() => {
  ({ sim, oauth2, calendar } = fixture);
  sim.control.clearRequestLog();
});

describe('rate limits', () => {
  it('surfaces 429 rateLimitExceeded with Retry-After', async () => {
    sim.control.injectFault({ match: { pathPrefix: EVENTS }, status: 429, retryAfterSeconds: 7, times: 1 });
    const err = await rejection(calendar.events.list({ calendarId: 'primary' }));
    expect(err.status).toBe(429);
    expect(err.response!.headers.get('retry-after')).toBe('7');
    expect(err.response!.data).toMatchObject({
      error: { code: 429, status: 'RESOURCE_EXHAUSTED', errors: [{ domain: 'usageLimits', reason: 'rateLimitExceeded' }] },
    });
    expect((await calendar.events.list({ calendarId: 'primary' })).status).toBe(200);
  });

  it('surfaces 403 userRateLimitExceeded and 403 rateLimitExceeded', async () => {
    sim.control.injectFault({ status: 403, times: 1 });
    sim.control.injectFault({ status: 403, reason: 'rateLimitExceeded', retryAfterSeconds: 2, times: 1 });
    const user = await rejection(calendar.events.list({ calendarId: 'primary' }));
    expect(user.response!.data).toMatchObject({ error: { code: 403, message: 'User Rate Limit Exceeded', errors: [{ reason: 'userRateLimitExceeded' }] } });
    const project = await rejection(calendar.calendarList.list());
    expect(project.response!.data).toMatchObject({ error: { code: 403, errors: [{ domain: 'usageLimits', reason: 'rateLimitExceeded' }] } });
    expect(project.response!.headers.get('retry-after')).toBe('2');
  });
});

describe('server errors', () => {
  it('answers 500 backendError and 503 for the given number of matching requests only', async () => {
    sim.control.injectFault({ match: { method: 'POST', pathPrefix: EVENTS }, status: 500, times: 2 });
    const body = { start: { date: '2025-01-01' }, end: { date: '2025-01-02' } };
    expect((await calendar.events.list({ calendarId: 'primary' })).status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const err = await rejection(calendar.events.insert({ calendarId: 'primary', requestBody: body }));
      expect(err.response!.data).toMatchObject({ error: { code: 500, errors: [{ reason: 'backendError' }] } });
    }
    expect((await calendar.events.insert({ calendarId: 'primary', requestBody: body })).status).toBe(200);
    sim.control.injectFault({ status: 503, times: 1 });
    expect((await rejection(calendar.events.list({ calendarId: 'primary' }))).status).toBe(503);
  });

  it('lets the client\'s default retry ride over a transient 503', async () => {
    sim.control.injectFault({ match: { pathPrefix: EVENTS }, status: 503, times: 1 });
    const retrying = calendarClient(sim, oauth2, true);
    const res = await retrying.events.list({ calendarId: 'primary' }, { retryConfig: { retryDelay: 10 } });
    expect(res.status).toBe(200);
    expect(sim.control.requestLog().map((r) => r.status)).toEqual([503, 200]);
  });
});

describe('latency', () => {
  it('delays every response with setLatency', async () => {
    sim.control.setLatency(150);
    const started = Date.now();
    await calendar.calendarList.list();
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    sim.control.setLatency(0);
  });

  it('delays matching requests with a latency-only fault, long enough to trip a client timeout', async () => {
    sim.control.injectFault({ match: { pathPrefix: EVENTS }, latencyMs: 300, times: 1 });
    const err = await rejection(calendar.events.list({ calendarId: 'primary' }, { timeout: 100 }));
    expect(err.status).toBeUndefined();
    expect((await calendar.events.list({ calendarId: 'primary' }, { timeout: 100 })).status).toBe(200);
  });
});

describe('request log', () => {
  it('records method, path, query, headers and status of API calls', async () => {
    await calendar.events.list({ calendarId: 'primary', maxResults: 5 });
    const [entry] = sim.control.requestLog();
    expect(entry).toMatchObject({ method: 'GET', path: EVENTS, query: { maxResults: '5' }, status: 200 });
    expect(entry.headers.authorization).toMatch(/^Bearer ya29\./);
    expect(entry.at).toBeLessThanOrEqual(sim.control.now());
  });
});
