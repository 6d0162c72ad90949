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
}

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
  };
}

export { GOOGLE_USER, MICROSOFT_USER };
