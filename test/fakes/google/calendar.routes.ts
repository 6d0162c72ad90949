/**
 * Calendar API v3 routes at the paths googleapis uses under `${rootUrl}calendar/v3/`.
 * https://developers.google.com/calendar/api/v3/reference
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { renderEvent } from './event-model';
import type { EventQuery } from './event-query';
import type { EventStore } from './event-store';
import { apiErrors } from './google-error';
import type { OAuthService } from './oauth.service';
import type { PushNotifier } from './push';
import type { AccessTokenRecord, SimCalendar, SimState } from './state';

const SCOPE = 'https://www.googleapis.com/auth/';
const scopes = (...names: string[]): string[] => names.map((n) => SCOPE + n);
const EVENTS_READ = scopes('calendar', 'calendar.readonly', 'calendar.events', 'calendar.events.readonly', 'calendar.events.owned', 'calendar.events.owned.readonly');
const EVENTS_WRITE = scopes('calendar', 'calendar.events', 'calendar.events.owned');
const CALENDAR_READ = scopes('calendar', 'calendar.readonly', 'calendar.calendarlist', 'calendar.calendarlist.readonly', 'calendar.calendars', 'calendar.calendars.readonly');

export interface CalendarDeps {
  state: SimState;
  oauth: OAuthService;
  store: EventStore;
  query: EventQuery;
  push: PushNotifier;
}

type Params = { calendarId: string; eventId: string };
type Req = FastifyRequest<{ Params: Params }>;

function bodyOf(req: FastifyRequest): Record<string, unknown> {
  if (req.body == null) return {};
  if (typeof req.body !== 'object' || Array.isArray(req.body)) throw apiErrors.badRequest('Invalid JSON payload received.');
  return req.body as Record<string, unknown>;
}

function ifMatch(req: FastifyRequest): string | undefined {
  const value = req.headers['if-match'];
  return Array.isArray(value) ? value[0] : value;
}

export function registerCalendarRoutes(app: FastifyInstance, deps: CalendarDeps): void {
  const { state, oauth, store, query, push } = deps;

  /** The caller's token, checked against the scopes the method accepts. */
  const authorize = (req: FastifyRequest, accepted: string[]): AccessTokenRecord => {
    const token = oauth.authenticate(req.headers.authorization);
    if (!token.scopes.some((s) => accepted.includes(s))) throw apiErrors.insufficientScopes();
    return token;
  };

  /** The calendar behind `calendarId` (or `primary`); 404 unless the token's user owns it. */
  const calendarFor = (token: AccessTokenRecord, calendarId: string): SimCalendar => {
    const id = calendarId === 'primary' ? token.email : calendarId;
    const cal = state.calendars.get(id);
    if (!cal || cal.ownerEmail !== token.email) throw apiErrors.notFound();
    return cal;
  };

  const listEntry = (cal: SimCalendar): Record<string, unknown> => ({
    kind: 'calendar#calendarListEntry', etag: `"${cal.syncEpoch}${cal.id.length}"`, id: cal.id, summary: cal.summary,
    timeZone: cal.timeZone, colorId: '14', backgroundColor: '#9fe1e7', foregroundColor: '#000000', selected: true,
    accessRole: 'owner', defaultReminders: [], ...(cal.primary ? { primary: true } : {}),
    conferenceProperties: { allowedConferenceSolutionTypes: ['hangoutsMeet'] },
  });

  app.get('/calendar/v3/users/me/calendarList', async (req) => {
    const token = authorize(req, CALENDAR_READ);
    const items = [...state.calendars.values()].filter((c) => c.ownerEmail === token.email).map(listEntry);
    return { kind: 'calendar#calendarList', etag: `"${state.currentChangeSeq()}"`, items };
  });

  app.get('/calendar/v3/users/me/calendarList/:calendarId', async (req: Req) => listEntry(calendarFor(authorize(req, CALENDAR_READ), req.params.calendarId)));

  app.get('/calendar/v3/calendars/:calendarId', async (req: Req) => {
    const cal = calendarFor(authorize(req, CALENDAR_READ), req.params.calendarId);
    return { kind: 'calendar#calendar', etag: `"${cal.syncEpoch}"`, id: cal.id, summary: cal.summary, timeZone: cal.timeZone };
  });

  app.get('/calendar/v3/calendars/:calendarId/events', async (req: Req) => {
    const cal = calendarFor(authorize(req, EVENTS_READ), req.params.calendarId);
    return query.list(cal, req.query as Record<string, unknown>);
  });

  app.post('/calendar/v3/calendars/:calendarId/events', async (req: Req) => {
    const cal = calendarFor(authorize(req, EVENTS_WRITE), req.params.calendarId);
    return renderEvent(store.insert(cal.id, bodyOf(req)), cal, cal.timeZone);
  });

  app.post('/calendar/v3/calendars/:calendarId/events/watch', async (req: Req) => {
    const token = authorize(req, EVENTS_READ);
    const cal = calendarFor(token, req.params.calendarId);
    return push.watch(cal, req.params.calendarId, token.email, bodyOf(req));
  });

  app.get('/calendar/v3/calendars/:calendarId/events/:eventId', async (req: Req, reply: FastifyReply) => {
    const cal = calendarFor(authorize(req, EVENTS_READ), req.params.calendarId);
    const ev = store.get(cal.id, req.params.eventId);
    if (req.headers['if-none-match'] === ev.etag) return reply.code(304).send();
    const tz = (req.query as Record<string, string>).timeZone ?? cal.timeZone;
    return renderEvent(ev, cal, tz);
  });

  app.patch('/calendar/v3/calendars/:calendarId/events/:eventId', async (req: Req) => {
    const cal = calendarFor(authorize(req, EVENTS_WRITE), req.params.calendarId);
    return renderEvent(store.patch(cal.id, req.params.eventId, bodyOf(req), ifMatch(req)), cal, cal.timeZone);
  });

  app.put('/calendar/v3/calendars/:calendarId/events/:eventId', async (req: Req) => {
    const cal = calendarFor(authorize(req, EVENTS_WRITE), req.params.calendarId);
    return renderEvent(store.update(cal.id, req.params.eventId, bodyOf(req), ifMatch(req)), cal, cal.timeZone);
  });

  app.delete('/calendar/v3/calendars/:calendarId/events/:eventId', async (req: Req, reply: FastifyReply) => {
    const cal = calendarFor(authorize(req, EVENTS_WRITE), req.params.calendarId);
    store.delete(cal.id, req.params.eventId, ifMatch(req));
    return reply.code(204).send();
  });

  app.get('/calendar/v3/calendars/:calendarId/events/:eventId/instances', async (req: Req) => {
    const cal = calendarFor(authorize(req, EVENTS_READ), req.params.calendarId);
    const master = store.get(cal.id, req.params.eventId);
    if (master.status === 'cancelled') throw apiErrors.deleted();
    return query.instances(cal, master, req.query as Record<string, unknown>);
  });

  app.post('/calendar/v3/channels/stop', async (req, reply) => {
    const token = authorize(req, EVENTS_READ);
    push.stop(bodyOf(req), token.email);
    return reply.code(204).send();
  });
}
