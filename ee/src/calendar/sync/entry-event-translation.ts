/**
 * Schedule entry ⇄ neutral calendar event, pure. All-day entries travel as dates (end exclusive on the wire,
 * inclusive on our side) so they keep their calendar day in every zone; timed entries carry the entry's IANA
 * zone (never bare UTC), so later edits and recurrences do not drift (PROVIDERS.md, Cal.com #6927).
 */
import { addDays } from '../../../../src/schedule/calendar-date';
import { resolveEntryFields, type ScheduleEntryInput } from '../../../../src/schedule/schedule-entry-input';
import type { ScheduleEntryRecord } from '../../../../src/schedule/schedule-entry';
import type { EventInput, EventTime, ExternalEvent } from '../adapters/calendar-adapter';

/** The neutral title of a private entry pushed without its details. */
export const BUSY_TITLE = 'Busy';

export interface PushOptions {
  /** Push a private entry's title and notes instead of busy time. */
  pushPrivateDetails: boolean;
}

type PushedEntry = Pick<
  ScheduleEntryRecord,
  'id' | 'title' | 'notes' | 'allDay' | 'startsAt' | 'endsAt' | 'startDate' | 'endDate' | 'timeZone' | 'recurrence' | 'isPrivate'
>;

/** The idempotency key of the create of (entry, provider): a retried create finds its first attempt. */
export const createKeyFor = (entryId: string, providerId: string) => `${providerId}:${entryId}`;

export function toEventInput(entry: PushedEntry, providerId: string, options: PushOptions): EventInput {
  const hidden = entry.isPrivate && !options.pushPrivateDetails;
  return {
    title: hidden ? BUSY_TITLE : entry.title,
    notes: hidden ? null : entry.notes,
    ...eventTimes(entry),
    recurrence: entry.recurrence.length > 0 ? [...entry.recurrence] : null,
    switchboardEntryId: entry.id,
    idempotencyKey: createKeyFor(entry.id, providerId),
  };
}

function eventTimes(entry: PushedEntry): { start: EventTime; end: EventTime } {
  if (entry.allDay && entry.startDate && entry.endDate) {
    return { start: { date: entry.startDate }, end: { date: addDays(entry.endDate, 1) } };
  }
  return {
    start: { dateTime: entry.startsAt.toISOString(), timeZone: entry.timeZone },
    end: { dateTime: entry.endsAt.toISOString(), timeZone: entry.timeZone },
  };
}

/** Why an event cannot become an entry; the run logs it and leaves the event alone. */
export class UntranslatableEventError extends Error {
  override name = 'UntranslatableEventError';
}

/**
 * The entry fields an event sets. `fallbackZone` (the calendar's zone, else UTC) is used when the event names none.
 * Only fields the provider owns are returned, so an update leaves assignees, privacy and external refs alone.
 */
export function fromExternalEvent(event: ExternalEvent, fallbackZone: string): ScheduleEntryInput {
  if (!event.start || !event.end) throw new UntranslatableEventError(`event ${event.id} has no start or end`);
  const base = { title: event.title?.trim() || '(no title)', notes: event.notes ?? '', recurrence: event.recurrence ?? [] };
  if ('date' in event.start && 'date' in event.end) {
    // The wire end is exclusive; ours is inclusive.
    return { ...base, allDay: true, startDate: event.start.date, endDate: addDays(event.end.date, -1), timeZone: fallbackZone };
  }
  if ('dateTime' in event.start && 'dateTime' in event.end) {
    return {
      ...base,
      allDay: false,
      startsAt: new Date(event.start.dateTime),
      endsAt: new Date(event.end.dateTime),
      timeZone: event.start.timeZone ?? fallbackZone,
    };
  }
  throw new UntranslatableEventError(`event ${event.id} mixes an all-day start with a timed end`);
}

const COMPARED = ['title', 'notes', 'allDay', 'startsAt', 'endsAt', 'startDate', 'endDate', 'timeZone', 'recurrence'] as const;

/** True when writing `input` would leave the entry as it is (in the fields an event sets). */
export function sameAsEntry(input: ScheduleEntryInput, entry: ScheduleEntryRecord): boolean {
  try {
    const next = resolveEntryFields(entry, input);
    return COMPARED.every((field) => JSON.stringify(next[field]) === JSON.stringify(entry[field]));
  } catch {
    // Not writable as it is: the update says why.
    return false;
  }
}
