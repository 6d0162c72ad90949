/**
 * The Microsoft adapter's private parse/format step: Graph `event`/`calendar` JSON ⇄ the neutral calendar types.
 * Reads assume `Prefer: outlook.timezone="UTC"` but honour whatever zone Graph names. `version` is the changeKey
 * (the adapter sends `If-Match: W/"<changeKey>"`, which is exactly Graph's `@odata.etag` for events).
 */
import type { ChangeSet, EventInput, EventTime, ExternalCalendar, ExternalEvent, ExternalEventKind } from './calendar-adapter';
import { graphRecurrenceToRrule, rruleToGraphRecurrence, type GraphRecurrence } from './microsoft-recurrence';
import { instantOf, toIanaZone, wallTimeAt } from './zoned-time';

/**
 * Our schedule entry id as a named MAPI string property. The GUID is Switchboard's own property set: it must
 * never change, or events written before the change lose their link to our entries.
 */
export const ENTRY_ID_PROPERTY_ID = 'String {c2de7b24-8a12-4ec7-9cf7-cdffefe4812e} Name switchboardEntryId';

export interface GraphDateTimeTimeZone { dateTime: string; timeZone?: string | null }

export interface GraphEvent {
  id: string;
  changeKey?: string | null;
  '@odata.etag'?: string;
  '@removed'?: { reason?: string };
  subject?: string | null;
  body?: { contentType?: string; content?: string } | null;
  isAllDay?: boolean;
  isCancelled?: boolean;
  start?: GraphDateTimeTimeZone | null;
  end?: GraphDateTimeTimeZone | null;
  originalStartTimeZone?: string | null;
  originalEndTimeZone?: string | null;
  recurrence?: GraphRecurrence | null;
  seriesMasterId?: string | null;
  originalStart?: string | null;
  type?: 'singleInstance' | 'occurrence' | 'exception' | 'seriesMaster' | string;
  lastModifiedDateTime?: string | null;
  singleValueExtendedProperties?: { id: string; value: string }[];
  transactionId?: string | null;
}

export interface GraphCalendar { id: string; name?: string; isDefaultCalendar?: boolean; canEdit?: boolean }

/** Called when a stored series cannot be expressed as RRULE lines; the event is still synced, without rules. */
export type RecurrenceProblemHandler = (eventId: string, problem: Error) => void;

function parseGraphTime(value: GraphDateTimeTimeZone | null | undefined, isAllDay: boolean, eventZone: string | null): EventTime | null {
  if (!value?.dateTime) return null;
  // All-day events are floating dates at midnight: the date part is the day, whatever zone it is rendered in.
  if (isAllDay) return { date: value.dateTime.slice(0, 10) };
  const ms = instantOf(value.dateTime, toIanaZone(value.timeZone) ?? 'UTC');
  return { dateTime: new Date(ms).toISOString(), timeZone: eventZone };
}

/** Graph's weak etag is `W/"<changeKey>"`: the changeKey is the stable part of both. */
function versionOf(event: GraphEvent): string | null {
  if (event.changeKey) return event.changeKey;
  const etag = event['@odata.etag'];
  return etag ? etag.replace(/^W\//, '').replace(/^"|"$/g, '') : null;
}

function recurrenceOf(event: GraphEvent, start: EventTime | null, onProblem?: RecurrenceProblemHandler): string[] | null {
  if (!event.recurrence) return null;
  try {
    const zone = toIanaZone(event.recurrence.range.recurrenceTimeZone) ?? toIanaZone(event.originalStartTimeZone);
    return graphRecurrenceToRrule(event.recurrence, start, zone);
  } catch (error) {
    onProblem?.(event.id, error as Error);
    return null;
  }
}

/** A create's transactionId is `<providerId>:<entryId>` (the sync's idempotency key for the entry itself). */
const ENTRY_TRANSACTION = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/**
 * Graph's delta leaves our extended property out, so an event we just created (its mapping not yet committed)
 * would look like anyone's and be imported as a second entry. It keeps the transactionId our create sent, which
 * names the entry.
 */
function entryIdOfTransaction(transactionId: string | null | undefined): string | null {
  return ENTRY_TRANSACTION.exec(transactionId ?? '')?.[1] ?? null;
}

const KIND_OF_TYPE: Record<string, ExternalEventKind> = { singleInstance: 'single', seriesMaster: 'series', occurrence: 'occurrence', exception: 'exception' };

export function parseGraphEvent(event: GraphEvent, onRecurrenceProblem?: RecurrenceProblemHandler): ExternalEvent {
  const isAllDay = event.isAllDay === true;
  const start = parseGraphTime(event.start, isAllDay, toIanaZone(event.originalStartTimeZone));
  const entryId = event.singleValueExtendedProperties?.find((p) => p.id.toLowerCase() === ENTRY_ID_PROPERTY_ID.toLowerCase());
  return {
    id: event.id,
    version: versionOf(event),
    status: event.isCancelled ? 'cancelled' : 'confirmed',
    title: event.subject ?? null,
    notes: event.body?.content ? event.body.content : null,
    start,
    end: parseGraphTime(event.end, isAllDay, toIanaZone(event.originalEndTimeZone ?? event.originalStartTimeZone)),
    recurrence: recurrenceOf(event, start, onRecurrenceProblem),
    seriesId: event.seriesMasterId ?? null,
    originalStart: event.originalStart ? new Date(event.originalStart).toISOString() : null,
    kind: KIND_OF_TYPE[event.type ?? ''] ?? (event.seriesMasterId ? 'exception' : event.recurrence ? 'series' : 'single'),
    switchboardEntryId: entryId?.value ?? entryIdOfTransaction(event.transactionId),
    updatedAt: event.lastModifiedDateTime ? new Date(event.lastModifiedDateTime).toISOString() : null,
  };
}

/**
 * Timed events are written as wall time in their own zone (not UTC), so Outlook shows the right zone and a
 * series keeps its local hour across DST. All-day events must be midnight to midnight.
 */
export function formatGraphTime(time: EventTime): GraphDateTimeTimeZone {
  if ('date' in time) return { dateTime: `${time.date}T00:00:00`, timeZone: 'UTC' };
  const zone = toIanaZone(time.timeZone) ?? 'UTC';
  return { dateTime: wallTimeAt(Date.parse(time.dateTime), zone), timeZone: zone };
}

/** Throws UnsupportedRecurrenceError for rules Graph cannot express. */
export function formatGraphEvent(input: EventInput): Record<string, unknown> {
  return {
    subject: input.title,
    body: { contentType: 'text', content: input.notes ?? '' },
    isAllDay: 'date' in input.start,
    start: formatGraphTime(input.start),
    end: formatGraphTime(input.end),
    recurrence: input.recurrence?.length ? rruleToGraphRecurrence(input.recurrence, input.start) : null,
    singleValueExtendedProperties: [{ id: ENTRY_ID_PROPERTY_ID, value: input.switchboardEntryId }],
  };
}

export function parseGraphCalendar(calendar: GraphCalendar): ExternalCalendar {
  return {
    id: calendar.id,
    name: calendar.name ?? calendar.id,
    primary: calendar.isDefaultCalendar === true,
    // Graph calendars carry no zone of their own (the mailbox setting applies).
    timeZone: null,
    canEdit: calendar.canEdit !== false,
  };
}

/**
 * One delta round → change set. Graph replays and repeats items and does not order them: the last mention of an
 * id wins, so an item removed and then re-created in one round ends up upserted, and vice versa.
 */
export function graphChangeSet(items: GraphEvent[], nextCursor: string, fullResync: boolean, onRecurrenceProblem?: RecurrenceProblemHandler): ChangeSet {
  const upserted = new Map<string, ExternalEvent>();
  const deleted = new Set<string>();
  for (const item of items) {
    upserted.delete(item.id);
    deleted.delete(item.id);
    if (item['@removed']) deleted.add(item.id);
    else upserted.set(item.id, parseGraphEvent(item, onRecurrenceProblem));
  }
  return { upserted: [...upserted.values()], deletedIds: [...deleted], nextCursor, fullResync };
}
