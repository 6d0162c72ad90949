// Validates and normalizes a Graph event request body (POST or PATCH) into the fields of an EventRecord.
import { recurrenceProblem } from './recurrence-validation';
import type { EventRecord, ExtendedProperty, Recurrence } from './state';
import { isMidnight, parseWall, resolveZone, toUtcMs, utcFromWall } from './timezones';

export class GraphInputError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
    this.name = 'GraphInputError';
  }
}

/** Plain properties stored as given and echoed back. */
const PLAIN_FIELDS = [
  'subject', 'body', 'location', 'locations', 'attendees', 'categories', 'showAs', 'importance', 'sensitivity',
  'isReminderOn', 'reminderMinutesBeforeStart', 'responseRequested', 'allowNewTimeProposals', 'isOnlineMeeting',
  'onlineMeetingProvider', 'hideAttendees', 'organizer', 'isCancelled',
];

const READ_ONLY = ['id', 'changeKey', 'createdDateTime', 'lastModifiedDateTime', 'iCalUId', 'type', 'seriesMasterId', 'originalStart'];

export interface EventInput {
  fields: Record<string, unknown>;
  times?: { startMs: number; endMs: number; isAllDay: boolean; startTimeZone: string; endTimeZone: string };
  recurrence?: Recurrence | null;
  transactionId?: string;
  extendedProperties?: ExtendedProperty[];
}

interface DateTimeTimeZone { dateTime?: string; timeZone?: string }

function zoneOrThrow(name: string | undefined): string {
  const zone = resolveZone(name ?? 'UTC');
  if (!zone) {
    throw new GraphInputError(400, 'TimeZoneNotSupportedException', `A valid TimeZone value must be specified. The following TimeZone value is not supported: '${name}'.`);
  }
  return zone;
}

function instant(value: DateTimeTimeZone | undefined, name: string): { ms: number; zone: string; zoneName: string } {
  if (!value || typeof value.dateTime !== 'string') {
    throw new GraphInputError(400, 'ErrorInvalidRequest', `The '${name}' property must have a dateTime value.`);
  }
  const zone = zoneOrThrow(value.timeZone);
  const ms = toUtcMs(value.dateTime, zone);
  if (ms === null) throw new GraphInputError(400, 'ErrorInvalidRequest', `Cannot convert the literal '${value.dateTime}' to the expected type 'Edm.DateTime'.`);
  return { ms, zone, zoneName: value.timeZone ?? 'UTC' };
}

/** All-day events must start and end at midnight; they are stored as floating dates (UTC midnight). */
function floatingDay(value: DateTimeTimeZone): number {
  const wall = parseWall(value.dateTime ?? '');
  if (!wall || !isMidnight(wall)) {
    throw new GraphInputError(400, 'ErrorInvalidRequest', 'Your request can\'t be completed. The start and end of an all-day event must be set to midnight.');
  }
  return utcFromWall(wall, 'UTC');
}

export function resolveTimes(
  start: DateTimeTimeZone | undefined, end: DateTimeTimeZone | undefined, isAllDay: boolean,
): NonNullable<EventInput['times']> {
  const s = instant(start, 'start');
  const e = instant(end, 'end');
  if (isAllDay) {
    const startMs = floatingDay(start!);
    const endMs = floatingDay(end!);
    if (endMs <= startMs) throw new GraphInputError(400, 'ErrorInvalidRequest', 'The end of an all-day event must be at least one day after its start.');
    return { startMs, endMs, isAllDay, startTimeZone: s.zoneName, endTimeZone: e.zoneName };
  }
  if (e.ms < s.ms) throw new GraphInputError(400, 'ErrorInvalidRequest', 'The end time must be on or after the start time.');
  return { startMs: s.ms, endMs: e.ms, isAllDay, startTimeZone: s.zoneName, endTimeZone: e.zoneName };
}

function parseExtendedProperties(raw: unknown): ExtendedProperty[] {
  if (!Array.isArray(raw)) throw new GraphInputError(400, 'BadRequest', 'singleValueExtendedProperties must be an array.');
  return raw.map((item: { id?: unknown; value?: unknown }) => {
    if (typeof item?.id !== 'string' || typeof item.value !== 'string') {
      throw new GraphInputError(400, 'BadRequest', 'Each singleValueExtendedProperty needs a string id and value.');
    }
    if (!/^(String|Integer|Boolean|SystemTime|Guid|Binary|Double|Currency)\s+(\{[0-9a-f-]{36}\}\s+(Name|Id)\s+\S.*|0x[0-9a-f]{4})$/i.test(item.id.trim())) {
      throw new GraphInputError(400, 'ErrorInvalidProperty', `The extended property id '${item.id}' is not valid.`);
    }
    return { id: item.id.trim(), value: item.value };
  });
}

/** Parses a POST (create) or PATCH body; `existing` is the record a PATCH applies to. */
export function parseEventInput(body: Record<string, unknown> | undefined, existing?: EventRecord): EventInput {
  if (!body || typeof body !== 'object') throw new GraphInputError(400, 'BadRequest', 'Empty Payload. JSON content expected.');
  for (const key of READ_ONLY) {
    if (key in body && existing) throw new GraphInputError(400, 'ErrorInvalidPropertyUpdateSentToServer', `The property '${key}' is read-only.`);
  }
  const fields: Record<string, unknown> = {};
  for (const key of PLAIN_FIELDS) if (key in body) fields[key] = body[key];
  const input: EventInput = { fields };
  const timesTouched = 'start' in body || 'end' in body || 'isAllDay' in body;
  if (!existing || timesTouched) {
    const isAllDay = 'isAllDay' in body ? body.isAllDay === true : existing?.isAllDay ?? false;
    const start = (body.start as DateTimeTimeZone | undefined) ?? (existing ? currentDtz(existing, 'start') : undefined);
    const end = (body.end as DateTimeTimeZone | undefined) ?? (existing ? currentDtz(existing, 'end') : undefined);
    input.times = resolveTimes(start, end, isAllDay);
    if (existing && !('start' in body)) input.times.startTimeZone = existing.startTimeZone;
    if (existing && !('end' in body)) input.times.endTimeZone = existing.endTimeZone;
  }
  if ('recurrence' in body) {
    const recurrence = body.recurrence as Recurrence | null;
    if (recurrence) {
      const problem = recurrenceProblem(recurrence);
      if (problem) throw new GraphInputError(400, problem.code, problem.message);
    }
    input.recurrence = recurrence ?? null;
  }
  if (typeof body.transactionId === 'string') input.transactionId = body.transactionId;
  if ('singleValueExtendedProperties' in body) input.extendedProperties = parseExtendedProperties(body.singleValueExtendedProperties);
  return input;
}

/** The stored start/end expressed back as dateTimeTimeZone in the original zone (for PATCHes touching one side). */
function currentDtz(record: EventRecord, which: 'start' | 'end'): DateTimeTimeZone {
  const ms = which === 'start' ? record.startMs : record.endMs;
  if (record.isAllDay) return { dateTime: new Date(ms).toISOString().slice(0, 19), timeZone: 'UTC' };
  return { dateTime: new Date(ms).toISOString(), timeZone: 'UTC' };
}
