import { badUserInput } from '../errors/domain-errors';
import { addDays, daysBetween } from './calendar-date';
import { RecurrenceError, isValidTimeZone, seriesEndsAt, startOfDayInZone, validateRecurrence } from './recurrence';
import type { ScheduleEntryFields, ScheduleEntryStatus } from './schedule-entry';
import { toSeries } from './series';

/** What a client may send (GraphQL optional fields arrive as null). */
export interface ScheduleEntryInput {
  title?: string | null;
  notes?: string | null;
  location?: string | null;
  allDay?: boolean | null;
  startsAt?: Date | null;
  endsAt?: Date | null;
  startDate?: string | null;
  endDate?: string | null;
  timeZone?: string | null;
  recurrence?: string[] | null;
  assigneeIds?: string[] | null;
  isPrivate?: boolean | null;
  externalRef?: string | null;
  status?: ScheduleEntryStatus | null;
}

export const MAX_ASSIGNEES = 50;
const MAX_INSTANCE_DAYS = 31;
const DAY_MS = 86_400_000;

const invalid = (field: string, message: string) => badUserInput(message, { field });

/**
 * The entry a write produces: `current` merged with `input`, every rule checked. Pure, so the same rules hold
 * for GraphQL, the sync engine and tests. Each failure names its field in `extensions.field`.
 */
export function resolveEntryFields(current: ScheduleEntryFields | undefined, input: ScheduleEntryInput): ScheduleEntryFields {
  const timeZone = validTimeZone(input.timeZone ?? current?.timeZone ?? 'UTC');
  const allDay = input.allDay ?? current?.allDay ?? false;
  const when = allDay ? allDayTimes(current, input, timeZone) : timedTimes(current, input);
  const recurrence = validRecurrence(input.recurrence ?? current?.recurrence ?? [], timeZone, allDay);
  const fields = {
    title: validTitle(input.title ?? current?.title),
    notes: optionalText('notes', input.notes, current?.notes, 20_000),
    location: optionalText('location', input.location, current?.location, 500),
    allDay,
    ...when,
    timeZone,
    recurrence,
    isPrivate: input.isPrivate ?? current?.isPrivate ?? false,
    status: input.status ?? current?.status ?? 'scheduled',
    externalRef: optionalText('externalRef', input.externalRef, current?.externalRef, 500),
    assigneeIds: validAssigneeIds(input.assigneeIds ?? current?.assigneeIds ?? []),
  };
  return { ...fields, recurrenceEndsAt: recurrence.length > 0 ? seriesEndsAt(toSeries(fields)) : fields.endsAt };
}

function validTitle(value: string | undefined): string {
  const title = value?.trim() ?? '';
  if (title.length < 1) throw invalid('title', 'title must not be empty.');
  if (title.length > 500) throw invalid('title', 'title must be at most 500 characters.');
  return title;
}

/** Omitted keeps the current value; an empty string clears it. */
function optionalText(field: string, value: string | null | undefined, current: string | null | undefined, max: number): string | null {
  if (value == null) return current ?? null;
  const text = value.trim();
  if (text.length > max) throw invalid(field, `${field} must be at most ${max} characters.`);
  return text || null;
}

function validTimeZone(name: string): string {
  if (!isValidTimeZone(name)) throw invalid('timeZone', `timeZone "${name.slice(0, 64)}" is not a known IANA time zone.`);
  return name;
}

function timedTimes(current: ScheduleEntryFields | undefined, input: ScheduleEntryInput) {
  if (input.startDate != null) throw invalid('startDate', 'startDate is for all-day entries; timed entries take startsAt/endsAt.');
  if (input.endDate != null) throw invalid('endDate', 'endDate is for all-day entries; timed entries take startsAt/endsAt.');
  const keep = current && !current.allDay ? current : undefined;
  const startsAt = input.startsAt ?? keep?.startsAt;
  const endsAt = input.endsAt ?? keep?.endsAt;
  if (!startsAt) throw invalid('startsAt', 'startsAt is required for a timed entry.');
  if (!endsAt) throw invalid('endsAt', 'endsAt is required for a timed entry.');
  if (endsAt.getTime() <= startsAt.getTime()) throw invalid('endsAt', 'endsAt must be after startsAt.');
  if (endsAt.getTime() - startsAt.getTime() > MAX_INSTANCE_DAYS * DAY_MS) {
    throw invalid('endsAt', `An entry may last at most ${MAX_INSTANCE_DAYS} days.`);
  }
  return { startsAt, endsAt, startDate: null, endDate: null };
}

function allDayTimes(current: ScheduleEntryFields | undefined, input: ScheduleEntryInput, timeZone: string) {
  if (input.startsAt != null) throw invalid('startsAt', 'All-day entries take startDate/endDate, not times.');
  if (input.endsAt != null) throw invalid('endsAt', 'All-day entries take startDate/endDate, not times.');
  const keep = current?.allDay ? current : undefined;
  const startDate = input.startDate ?? keep?.startDate;
  const endDate = input.endDate ?? keep?.endDate;
  if (!startDate) throw invalid('startDate', 'startDate is required for an all-day entry.');
  if (!endDate) throw invalid('endDate', 'endDate is required for an all-day entry.');
  const days = daysBetween(startDate, endDate) + 1;
  if (days < 1) throw invalid('endDate', 'endDate must not be before startDate (it is inclusive).');
  if (days > MAX_INSTANCE_DAYS) throw invalid('endDate', `An entry may last at most ${MAX_INSTANCE_DAYS} days.`);
  return {
    startsAt: startOfDayInZone(startDate, timeZone),
    endsAt: startOfDayInZone(addDays(endDate, 1), timeZone),
    startDate,
    endDate,
  };
}

function validRecurrence(lines: string[], timeZone: string, allDay: boolean): string[] {
  try {
    return validateRecurrence(lines, { timeZone, allDay });
  } catch (error) {
    if (error instanceof RecurrenceError) throw invalid('recurrence', `Recurrence line "${error.line}" is not supported: ${error.reason}`);
    throw error;
  }
}

function validAssigneeIds(ids: string[]): string[] {
  const unique = [...new Set(ids)];
  if (unique.length > MAX_ASSIGNEES) throw invalid('assigneeIds', `An entry may have at most ${MAX_ASSIGNEES} assignees.`);
  return unique;
}
