import type { CalendarHarness } from './calendar-harness';
import { GOOGLE_USER, MICROSOFT_USER } from './calendar-harness';

/** The provider side of a sync test, driven only through a simulator's control API. */
export interface RemoteCalendar {
  readonly type: 'GOOGLE' | 'MICROSOFT';
  /** Live (not cancelled) events of the synced calendar. */
  events(calendarId: string): Array<{ id: string; title: string; raw: string }>;
  editTitle(calendarId: string, eventId: string, title: string): void;
  remove(calendarId: string, eventId: string): void;
  create(calendarId: string, title: string, startsAt: string, endsAt: string): string;
  invalidateCursor(calendarId: string): void;
  /** Event writes (create/update/delete) our side sent to the provider so far. */
  writes(): number;
  /** The next `times` reads answer 500 (the provider failing, not throttling). */
  failReads(times: number): void;
  /** An all-day event as the provider's user makes it, in `timeZone` where the provider has zones (Graph). */
  createAllDay(calendarId: string, title: string, date: string, timeZone: string): string;
  /** The calendar dates the provider holds for an all-day event: first day, and the day after the last. */
  allDayDates(calendarId: string, eventId: string): { start: string; end: string; allDay: boolean };
}

const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

export function googleRemote(h: CalendarHarness): RemoteCalendar {
  const control = h.google.control;
  return {
    type: 'GOOGLE',
    events: (calendarId) =>
      (control.events(calendarId) as Array<Record<string, any>>)
        .filter((event) => event.status !== 'cancelled')
        .map((event) => ({ id: event.id, title: event.summary, raw: JSON.stringify(event) })),
    editTitle: (calendarId, eventId, title) => void control.updateEventAsProvider(calendarId, eventId, { summary: title }),
    remove: (calendarId, eventId) => control.deleteEventAsProvider(calendarId, eventId),
    create: (calendarId, title, startsAt, endsAt) =>
      (control.seedEvent(calendarId, { summary: title, start: { dateTime: startsAt, timeZone: 'UTC' }, end: { dateTime: endsAt, timeZone: 'UTC' } }) as { id: string }).id,
    invalidateCursor: (calendarId) => control.invalidateSyncTokens(calendarId),
    writes: () => control.requestLog().filter((entry) => WRITE_METHODS.has(entry.method) && entry.path.includes('/events') && !entry.path.endsWith('/watch')).length,
    failReads: (times) => control.injectFault({ match: { method: 'GET' }, status: 500, times }),
    createAllDay: (calendarId, title, date) =>
      (control.seedEvent(calendarId, { summary: title, start: { date }, end: { date: nextDay(date) } }) as { id: string }).id,
    allDayDates: (calendarId, eventId) => {
      const event = (control.events(calendarId) as Array<Record<string, any>>).find((candidate) => candidate.id === eventId)!;
      return { start: event.start.date, end: event.end.date, allDay: 'date' in event.start };
    },
  };
}

export function microsoftRemote(h: CalendarHarness): RemoteCalendar {
  const control = h.microsoft.control;
  return {
    type: 'MICROSOFT',
    events: (calendarId) =>
      (control.events(MICROSOFT_USER) as Array<Record<string, any>>)
        .filter((event) => event.calendarId === calendarId && !event.isCancelled)
        .map((event) => ({ id: event.id, title: event.subject, raw: JSON.stringify(event) })),
    editTitle: (_calendarId, eventId, title) => void control.updateEventAsProvider(MICROSOFT_USER, eventId, { subject: title }),
    remove: (_calendarId, eventId) => control.deleteEventAsProvider(MICROSOFT_USER, eventId),
    create: (calendarId, title, startsAt, endsAt) =>
      (control.seedEvent(MICROSOFT_USER, calendarId, {
        subject: title,
        start: { dateTime: startsAt.replace('Z', ''), timeZone: 'UTC' },
        end: { dateTime: endsAt.replace('Z', ''), timeZone: 'UTC' },
      }) as { id: string }).id,
    invalidateCursor: () => control.expireDeltaTokens(MICROSOFT_USER),
    writes: () => control.requestLog().filter((entry) => WRITE_METHODS.has(entry.method) && /\/events/.test(entry.path) && !entry.path.includes('subscriptions')).length,
    failReads: (times) => void control.injectFault({ match: { method: 'GET' }, status: 500, times }),
    createAllDay: (calendarId, title, date, timeZone) =>
      (control.seedEvent(MICROSOFT_USER, calendarId, {
        subject: title,
        isAllDay: true,
        start: { dateTime: `${date}T00:00:00`, timeZone },
        end: { dateTime: `${nextDay(date)}T00:00:00`, timeZone },
      }) as { id: string }).id,
    // Graph keeps an all-day event as midnight to midnight in its zone: the wall dates are the calendar days.
    allDayDates: (_calendarId, eventId) => {
      const event = (control.events(MICROSOFT_USER) as Array<Record<string, any>>).find((candidate) => candidate.id === eventId)!;
      return { start: String(event.start.dateTime).slice(0, 10), end: String(event.end.dateTime).slice(0, 10), allDay: event.isAllDay === true };
    },
  };
}

export { GOOGLE_USER, MICROSOFT_USER };

/** A provider-side series: seeded, its instances listed, moved and cancelled through the control API only. */
export interface RemoteSeries {
  /** A weekly series of `count` one-hour instances from `startsAt` (UTC); returns the series' event id. */
  seedWeekly(calendarId: string, title: string, startsAt: string, count: number): string;
  /** Live instances (exceptions applied), by original start; all-day ones by date. */
  instances(calendarId: string, seriesId: string): Array<{ id: string; startsAt: string; originalStartsAt: string; title: string; timeZone: string | null }>;
  moveInstance(calendarId: string, instanceId: string, startsAt: string, endsAt: string): void;
  cancelInstance(calendarId: string, instanceId: string): void;
  renameSeries(calendarId: string, seriesId: string, title: string): void;
  /** The series event as stored (Google `recurrence` lines / Graph `recurrence` pattern), JSON. */
  seriesRaw(calendarId: string, seriesId: string): string;
  /** Event creates answer 503 until `clearFaults`. */
  failCreates(): void;
  clearFaults(): void;
}

const iso = (value: string) => new Date(value).toISOString();

export function googleSeries(h: CalendarHarness): RemoteSeries {
  const control = h.google.control;
  return {
    seedWeekly: (calendarId, title, startsAt, count) =>
      (control.seedEvent(calendarId, {
        summary: title,
        start: { dateTime: startsAt, timeZone: 'UTC' },
        end: { dateTime: new Date(Date.parse(startsAt) + 3_600_000).toISOString(), timeZone: 'UTC' },
        recurrence: [`RRULE:FREQ=WEEKLY;COUNT=${count}`],
      }) as { id: string }).id,
    instances: (calendarId, seriesId) =>
      (control.instances(calendarId, seriesId) as Array<Record<string, any>>).map((event) => ({
        id: event.id,
        startsAt: event.start.date ?? iso(event.start.dateTime),
        originalStartsAt: event.originalStartTime.date ?? iso(event.originalStartTime.dateTime),
        title: event.summary,
        timeZone: event.start.timeZone ?? null,
      })),
    moveInstance: (calendarId, instanceId, startsAt, endsAt) =>
      void control.updateEventAsProvider(calendarId, instanceId, { start: { dateTime: startsAt, timeZone: 'UTC' }, end: { dateTime: endsAt, timeZone: 'UTC' } }),
    cancelInstance: (calendarId, instanceId) => control.deleteEventAsProvider(calendarId, instanceId),
    renameSeries: (calendarId, seriesId, title) => void control.updateEventAsProvider(calendarId, seriesId, { summary: title }),
    seriesRaw: (calendarId, seriesId) => JSON.stringify((control.events(calendarId) as Array<Record<string, any>>).find((event) => event.id === seriesId)),
    failCreates: () => void control.injectFault({ match: { method: 'POST', pathPrefix: '/calendar/v3/calendars/' }, status: 503, times: 1000 }),
    clearFaults: () => control.clearFaults(),
  };
}

export function microsoftSeries(h: CalendarHarness): RemoteSeries {
  const control = h.microsoft.control;
  const wall = (value: string) => new Date(value).toISOString().slice(0, 19);
  const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
  return {
    seedWeekly: (calendarId, title, startsAt, count) =>
      (control.seedEvent(MICROSOFT_USER, calendarId, {
        subject: title,
        start: { dateTime: wall(startsAt), timeZone: 'UTC' },
        end: { dateTime: wall(new Date(Date.parse(startsAt) + 3_600_000).toISOString()), timeZone: 'UTC' },
        recurrence: {
          pattern: { type: 'weekly', interval: 1, daysOfWeek: [WEEKDAYS[new Date(startsAt).getUTCDay()]] },
          range: { type: 'numbered', startDate: startsAt.slice(0, 10), numberOfOccurrences: count },
        },
      }) as { id: string }).id,
    instances: (_calendarId, seriesId) => {
      const now = Date.now();
      const window = [new Date(now - 30 * 86_400_000).toISOString(), new Date(now + 365 * 86_400_000).toISOString()] as const;
      return (control.instances(MICROSOFT_USER, seriesId, ...window) as Array<Record<string, any>>).map((event) => ({
        id: event.id,
        startsAt: event.isAllDay ? event.start.dateTime.slice(0, 10) : iso(`${event.start.dateTime}Z`),
        originalStartsAt: event.isAllDay ? event.originalStart.slice(0, 10) : iso(event.originalStart),
        title: event.subject,
        timeZone: event.originalStartTimeZone ?? null,
      }));
    },
    moveInstance: (_calendarId, instanceId, startsAt, endsAt) =>
      void control.updateEventAsProvider(MICROSOFT_USER, instanceId, { start: { dateTime: wall(startsAt), timeZone: 'UTC' }, end: { dateTime: wall(endsAt), timeZone: 'UTC' } }),
    cancelInstance: (_calendarId, instanceId) => control.deleteEventAsProvider(MICROSOFT_USER, instanceId),
    renameSeries: (_calendarId, seriesId, title) => void control.updateEventAsProvider(MICROSOFT_USER, seriesId, { subject: title }),
    seriesRaw: (_calendarId, seriesId) => JSON.stringify((control.events(MICROSOFT_USER) as Array<Record<string, any>>).find((event) => event.id === seriesId)),
    failCreates: () => void control.injectFault({ match: { method: 'POST', pathPrefix: '/v1.0/me/calendars/' }, status: 503, times: 1000 }),
    clearFaults: () => control.clearFaults(),
  };
}
