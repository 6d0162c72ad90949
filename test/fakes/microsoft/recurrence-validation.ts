// Checks a `patternedRecurrence` the way Graph does before it stores a series: the properties each pattern type
// requires (learn.microsoft.com/graph/outlook-schedule-recurring-events), and enum values even where a property
// is ignored ("Even if a field is ignored, it is still validated"). Range checks follow recurrenceRange.
import type { Recurrence, RecurrencePattern, RecurrenceRange } from './state';
import { resolveZone } from './timezones';

export interface RecurrenceProblem { code: string; message: string }

export const PATTERN_TYPES = ['daily', 'weekly', 'absoluteMonthly', 'relativeMonthly', 'absoluteYearly', 'relativeYearly'];
export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
export const WEEK_INDEXES = ['first', 'second', 'third', 'fourth', 'last'];
const RANGE_TYPES = ['endDate', 'noEnd', 'numbered'];
const DAY_MS = 86_400_000;

const invalid = (message: string): RecurrenceProblem => ({ code: 'ErrorInvalidRequest', message });

export function dayNumber(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

function isWeekday(name: unknown): boolean {
  return typeof name === 'string' && WEEKDAYS.includes(name.toLowerCase());
}

/** Enum-valued properties are checked whenever they are present, whatever the type. */
function enumProblem(pattern: RecurrencePattern): RecurrenceProblem | null {
  if (pattern.daysOfWeek !== undefined && (!Array.isArray(pattern.daysOfWeek) || !pattern.daysOfWeek.every(isWeekday))) {
    return invalid(`Recurrence pattern daysOfWeek ${JSON.stringify(pattern.daysOfWeek)} holds a value that is not a dayOfWeek.`);
  }
  if (pattern.firstDayOfWeek !== undefined && !isWeekday(pattern.firstDayOfWeek)) {
    return invalid(`Recurrence pattern firstDayOfWeek '${pattern.firstDayOfWeek}' is not a dayOfWeek.`);
  }
  if (pattern.index !== undefined && !WEEK_INDEXES.includes(String(pattern.index).toLowerCase())) {
    return invalid(`Recurrence pattern index '${pattern.index}' is not a weekIndex (first, second, third, fourth, last).`);
  }
  return null;
}

/** relativeMonthly needs daysOfWeek; relativeYearly needs daysOfWeek and a month 1-12. */
function patternProblem(pattern: RecurrencePattern): RecurrenceProblem | null {
  if (!PATTERN_TYPES.includes(pattern.type)) return invalid(`Recurrence pattern type '${pattern.type}' is not valid.`);
  if (!Number.isInteger(pattern.interval ?? 1) || (pattern.interval ?? 1) < 1) return invalid('Recurrence pattern interval must be a positive integer.');
  const problem = enumProblem(pattern);
  if (problem) return problem;
  const relative = pattern.type === 'relativeMonthly' || pattern.type === 'relativeYearly';
  if (relative && !pattern.daysOfWeek?.length) return invalid(`Recurrence pattern type '${pattern.type}' requires daysOfWeek.`);
  if (pattern.type === 'relativeYearly' && !(Number.isInteger(pattern.month) && pattern.month! >= 1 && pattern.month! <= 12)) {
    return invalid("Recurrence pattern type 'relativeYearly' requires a month from 1 to 12.");
  }
  return null;
}

function rangeProblem(range: RecurrenceRange): RecurrenceProblem | null {
  if (!RANGE_TYPES.includes(range.type)) return invalid(`Recurrence range type '${range.type}' is not valid.`);
  if (!range.startDate || Number.isNaN(dayNumber(range.startDate))) return invalid('Recurrence range startDate is required.');
  if (range.type === 'endDate' && (!range.endDate || dayNumber(range.endDate) < dayNumber(range.startDate))) return invalid('Recurrence range endDate must be on or after startDate.');
  if (range.type === 'numbered' && !((range.numberOfOccurrences ?? 0) > 0)) return invalid('Recurrence range numberOfOccurrences must be positive.');
  if (range.recurrenceTimeZone != null && !resolveZone(range.recurrenceTimeZone)) {
    return { code: 'TimeZoneNotSupportedException', message: `A valid TimeZone value must be specified. The following TimeZone value is not supported: '${range.recurrenceTimeZone}'.` };
  }
  return null;
}

/** The first thing Graph would refuse in the recurrence, or null. */
export function recurrenceProblem(recurrence: Recurrence): RecurrenceProblem | null {
  const { pattern, range } = recurrence;
  if (!pattern || !range) return invalid('Recurrence requires both pattern and range.');
  return patternProblem(pattern) ?? rangeProblem(range);
}
