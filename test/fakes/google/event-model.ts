/**
 * Event bodies in and out: validation of client input and rendering of stored events.
 * https://developers.google.com/calendar/api/v3/reference/events
 */
import { randomBytes } from 'node:crypto';
import { apiErrors } from './google-error';
import { parseRecurrence } from './recurrence';
import type { EventStatus, EventTime, SimCalendar, StoredEvent } from './state';
import { dateStartUtc, formatInZone, isoUtc, isValidDate, isValidTimeZone, parseDateTime, wallToUtc } from './time';
import type { EventResource } from './types';

/** Fields a client may set through insert/update/patch, besides start, end, status and sequence. */
const WRITABLE_FIELDS = [
  'summary', 'description', 'location', 'colorId', 'attendees', 'extendedProperties', 'recurrence',
  'transparency', 'visibility', 'reminders', 'source', 'attachments', 'conferenceData', 'eventType',
  'guestsCanInviteOthers', 'guestsCanModify', 'guestsCanSeeOtherGuests', 'anyoneCanAddSelf',
];

const BASE32HEX_ID = /^[a-v0-9]{5,1024}$/;
const BASE32HEX = '0123456789abcdefghijklmnopqrstuv';

export interface NormalizedEvent {
  fields: Record<string, unknown>;
  start: EventTime;
  end: EventTime;
  status: EventStatus;
  sequence?: number;
}

export function generateEventId(): string {
  return [...randomBytes(26)].map((b) => BASE32HEX[b % 32]).join('');
}

export function validateClientEventId(id: string): void {
  if (!BASE32HEX_ID.test(id)) throw apiErrors.invalid('Invalid resource id value.', 'id');
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

function parseEventTime(input: unknown, which: 'start' | 'end', calendarTz: string): EventTime {
  if (!isPlainObject(input) || (input.date == null && input.dateTime == null)) {
    throw apiErrors.required(`Missing ${which} time.`);
  }
  const tz = input.timeZone == null ? undefined : String(input.timeZone);
  if (tz !== undefined && !isValidTimeZone(tz)) throw apiErrors.invalid(`Invalid time zone definition for ${which} time.`);
  if (input.date != null && input.dateTime != null) throw apiErrors.badRequest(`Invalid ${which} time.`);
  if (input.date != null) {
    if (!isValidDate(String(input.date))) throw apiErrors.badRequest(`Invalid ${which} time.`);
    return { kind: 'date', date: String(input.date) };
  }
  const parsed = parseDateTime(String(input.dateTime));
  if (!parsed) throw apiErrors.badRequest(`Invalid ${which} time.`);
  const ms = parsed.offsetMs !== undefined
    ? Date.UTC(parsed.wall.y, parsed.wall.m - 1, parsed.wall.d, parsed.wall.hh, parsed.wall.mm, parsed.wall.ss) - parsed.offsetMs
    : wallToUtc(parsed.wall, tz ?? calendarTz);
  return tz ? { kind: 'dateTime', ms, timeZone: tz } : { kind: 'dateTime', ms };
}

function normalizeAttendees(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  return value.map((a) => {
    if (!isPlainObject(a) || typeof a.email !== 'string' || !a.email.includes('@')) {
      throw apiErrors.invalid('Invalid attendee email.');
    }
    return { responseStatus: 'needsAction', ...a };
  });
}

function normalizeExtendedProperties(value: unknown): unknown {
  if (!isPlainObject(value)) return value;
  const out: Record<string, Record<string, string>> = {};
  for (const scope of ['private', 'shared']) {
    const props = value[scope];
    if (!isPlainObject(props)) continue;
    out[scope] = Object.fromEntries(Object.entries(props).filter(([, v]) => v != null).map(([k, v]) => [k, String(v)]));
  }
  return out;
}

/** Validates a full event body (insert/update, or a patch merged onto the current event). */
export function normalizeEventBody(body: Record<string, unknown>, calendarTz: string, isException: boolean): NormalizedEvent {
  const start = parseEventTime(body.start, 'start', calendarTz);
  const end = parseEventTime(body.end, 'end', calendarTz);
  if (start.kind !== end.kind) throw apiErrors.badRequest('Start and end times must either both be date or both be dateTime.');
  if (start.kind === 'date' && end.kind === 'date' ? end.date <= start.date : (end as { ms: number }).ms < (start as { ms: number }).ms) {
    throw apiErrors.timeRangeEmpty('end');
  }
  const fields: Record<string, unknown> = {};
  for (const key of WRITABLE_FIELDS) if (body[key] != null) fields[key] = clone(body[key]);
  if (isException) delete fields.recurrence;
  const recurrence = fields.recurrence;
  if (recurrence !== undefined) {
    if (!Array.isArray(recurrence)) throw apiErrors.invalid('Invalid recurrence rule.');
    if (recurrence.length === 0) delete fields.recurrence;
    else {
      if (start.kind === 'dateTime' && !start.timeZone) throw apiErrors.required('Missing time zone definition for start time.');
      if (end.kind === 'dateTime' && !end.timeZone) throw apiErrors.required('Missing time zone definition for end time.');
      parseRecurrence(recurrence.map(String), start.kind === 'dateTime' ? start.timeZone! : calendarTz);
    }
  }
  if (fields.attendees !== undefined) fields.attendees = normalizeAttendees(fields.attendees);
  if (fields.extendedProperties !== undefined) fields.extendedProperties = normalizeExtendedProperties(fields.extendedProperties);
  const status = body.status == null ? 'confirmed' : String(body.status);
  if (!['confirmed', 'tentative', 'cancelled'].includes(status)) throw apiErrors.invalid('Invalid value for: status.', 'status');
  const sequence = body.sequence == null ? undefined : Number(body.sequence);
  return { fields, start, end, status: status as EventStatus, sequence };
}

export function renderTime(t: EventTime, responseTz: string): { date?: string; dateTime?: string; timeZone?: string } {
  if (t.kind === 'date') return { date: t.date };
  const out: { dateTime: string; timeZone?: string } = { dateTime: formatInZone(t.ms, responseTz) };
  if (t.timeZone) out.timeZone = t.timeZone;
  return out;
}

/** The current event as a client would send it back: the base a patch is merged onto. */
export function writableView(ev: StoredEvent, calendarTz: string): Record<string, unknown> {
  return { ...clone(ev.fields), status: ev.status, start: renderTime(ev.start, calendarTz), end: renderTime(ev.end, calendarTz) };
}

export function startMs(t: EventTime, calendarTz: string): number {
  return t.kind === 'date' ? dateStartUtc(t.date, calendarTz) : t.ms;
}

function htmlLink(calendarId: string, id: string): string {
  return `https://www.google.com/calendar/event?eid=${Buffer.from(`${id} ${calendarId}`).toString('base64url')}`;
}

/**
 * Renders a stored (or virtual instance) event. A cancelled exception of a series carries only the fields Google
 * guarantees (id, recurringEventId, originalStartTime); other deleted events keep their details, as they do on
 * the organizer's calendar.
 */
export function renderEvent(ev: StoredEvent, calendar: SimCalendar, responseTz: string): EventResource {
  const head: EventResource = { kind: 'calendar#event', etag: ev.etag, id: ev.id, status: ev.status };
  const series: EventResource = ev.recurringEventId
    ? { recurringEventId: ev.recurringEventId, originalStartTime: renderTime(ev.originalStart!, responseTz) }
    : {};
  if (ev.status === 'cancelled' && ev.recurringEventId) return { ...head, ...series };
  return {
    ...head,
    htmlLink: htmlLink(calendar.id, ev.id),
    created: isoUtc(ev.created),
    updated: isoUtc(ev.updated),
    ...clone(ev.fields),
    creator: { email: ev.creatorEmail, self: true },
    organizer: calendar.primary
      ? { email: calendar.id, self: true }
      : { email: calendar.id, displayName: calendar.summary, self: true },
    start: renderTime(ev.start, responseTz),
    end: renderTime(ev.end, responseTz),
    ...series,
    iCalUID: ev.iCalUID,
    sequence: ev.sequence,
    reminders: (ev.fields.reminders as EventResource['reminders']) ?? { useDefault: true },
    eventType: (ev.fields.eventType as string) ?? 'default',
  };
}
