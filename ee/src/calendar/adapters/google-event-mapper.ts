/**
 * The Google adapter's private parse/format step: Calendar API v3 payloads ⇄ the neutral calendar types.
 * Pure functions, so the all-day, time zone and id rules are unit-tested without a server.
 */
import { createHash } from 'node:crypto';
import type { calendar_v3 } from 'googleapis';
import type { ChangeSet, EventInput, EventTime, ExternalCalendar, ExternalEvent } from './calendar-adapter';
import { instantOf } from './zoned-time';

/** Key of our schedule entry id in `extendedProperties.private` (private: invisible to other apps and attendees). */
export const ENTRY_ID_PROPERTY = 'switchboardEntryId';


/**
 * The event id Google stores for a create with this idempotency key. Google accepts client ids in base32hex
 * (a–v, 0–9, 5–1024 chars); hex digits are a subset, so a sha256 prefix is always valid, and a retried insert
 * hits 409 duplicate instead of creating a second event. 128 bits keep collisions out of reach.
 */
export function googleEventIdFor(idempotencyKey: string): string {
  return createHash('sha256').update(idempotencyKey, 'utf8').digest('hex').slice(0, 32);
}

/** Google always sends an offset, but a bare wall time must not be read in the server's own zone. */
function isoInstantOf(dateTime: string, timeZone: string | null | undefined): string {
  const ms = instantOf(dateTime, timeZone ?? 'UTC');
  if (Number.isNaN(ms)) throw new Error(`unreadable Google dateTime "${dateTime}"`);
  return new Date(ms).toISOString();
}

export function parseGoogleTime(time: calendar_v3.Schema$EventDateTime | undefined): EventTime | null {
  if (time?.date) return { date: time.date };
  if (time?.dateTime) return { dateTime: isoInstantOf(time.dateTime, time.timeZone), timeZone: time.timeZone ?? null };
  return null;
}

function parseOriginalStart(time: calendar_v3.Schema$EventDateTime | undefined): string | null {
  const parsed = parseGoogleTime(time);
  if (!parsed) return null;
  return 'date' in parsed ? parsed.date : parsed.dateTime;
}

/**
 * The sync listing (singleEvents=false) shows an instance only once it differs from its series: an exception.
 * events.instances also gives unchanged instances; its callers want ids and times, not the kind.
 */
function googleKindOf(event: calendar_v3.Schema$Event): 'single' | 'series' | 'exception' {
  if (event.recurringEventId) return 'exception';
  return event.recurrence?.length ? 'series' : 'single';
}

export function parseGoogleEvent(event: calendar_v3.Schema$Event): ExternalEvent {
  if (!event.id) throw new Error('Google event without an id');
  return {
    id: event.id,
    version: event.etag ?? null,
    status: event.status === 'cancelled' ? 'cancelled' : 'confirmed',
    title: event.summary ?? null,
    notes: event.description ?? null,
    start: parseGoogleTime(event.start),
    end: parseGoogleTime(event.end),
    recurrence: event.recurrence?.length ? [...event.recurrence] : null,
    seriesId: event.recurringEventId ?? null,
    originalStart: parseOriginalStart(event.originalStartTime),
    kind: googleKindOf(event),
    switchboardEntryId: event.extendedProperties?.private?.[ENTRY_ID_PROPERTY] ?? null,
    updatedAt: event.updated ? new Date(event.updated).toISOString() : null,
  };
}

/**
 * The other kind is sent as an explicit null so a patch that switches between all-day and timed clears the old
 * field (patch merges objects). Recurring timed events need a zone (Google answers 400 without one): UTC then.
 */
export function formatGoogleTime(time: EventTime, recurring: boolean): calendar_v3.Schema$EventDateTime {
  if ('date' in time) return { date: time.date, dateTime: null, timeZone: null };
  return { dateTime: time.dateTime, timeZone: time.timeZone ?? (recurring ? 'UTC' : null), date: null };
}

/** The writable part of an event; `id` is added by the adapter on insert only. */
export function formatGoogleEvent(input: EventInput): calendar_v3.Schema$Event {
  const recurring = (input.recurrence?.length ?? 0) > 0;
  return {
    summary: input.title,
    description: input.notes,
    start: formatGoogleTime(input.start, recurring),
    end: formatGoogleTime(input.end, recurring),
    recurrence: recurring ? [...input.recurrence!] : null,
    extendedProperties: { private: { [ENTRY_ID_PROPERTY]: input.switchboardEntryId } },
  };
}

export function parseGoogleCalendar(entry: calendar_v3.Schema$CalendarListEntry): ExternalCalendar {
  if (!entry.id) throw new Error('Google calendar list entry without an id');
  return {
    id: entry.id,
    name: entry.summaryOverride ?? entry.summary ?? entry.id,
    primary: entry.primary === true,
    timeZone: entry.timeZone ?? null,
    canEdit: entry.accessRole === 'owner' || entry.accessRole === 'writer',
  };
}

/**
 * Sorts listed items into a change set. A cancelled occurrence of a series (it has `recurringEventId`) is an
 * exception of a live series, not a deletion: it stays in `upserted` with status `cancelled`, in both modes,
 * because a full listing with `singleEvents=false` also returns it and dropping it would resurrect the occurrence.
 * Other cancelled items are deletions in incremental mode; a full listing has no tombstones, so they are skipped.
 * Repeated ids (pages snapshot at different times) keep the last version.
 */
export function googleChangeSet(items: calendar_v3.Schema$Event[], nextCursor: string, mode: 'full' | 'incremental', fullResync: boolean): ChangeSet {
  const upserted = new Map<string, ExternalEvent>();
  const deleted = new Set<string>();
  for (const item of items) {
    const event = parseGoogleEvent(item);
    upserted.delete(event.id);
    deleted.delete(event.id);
    if (event.status === 'confirmed' || event.seriesId) upserted.set(event.id, event);
    else if (mode === 'incremental') deleted.add(event.id);
  }
  return { upserted: [...upserted.values()], deletedIds: [...deleted], nextCursor, fullResync };
}
