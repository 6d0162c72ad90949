/**
 * Recurrence of schedule entries: RFC 5545 RRULE/RDATE/EXDATE evaluated in the entry's zone, pure (no I/O).
 * The rule arithmetic is rrule-temporal's (see wall-clock-rule.ts); this module adds the zone handling, the line
 * validation and the query shapes the schedule service needs.
 */
export type { Occurrence, RecurringSeries, TimeRange } from './types';
export { RecurrenceError } from './recurrence-error';
export { validateRecurrence } from './recurrence-lines';
export { expandOccurrences, hasOccurrenceIn, isOccurrenceStart } from './expand-occurrences';
export { seriesEndsAt } from './series-end';
export { withExdate } from './exdate';
export { dateInZone, isValidTimeZone, startOfDayInZone } from './time-zones';
export { MAX_COUNT, MAX_INTERVAL, MAX_OCCURRENCES, MAX_RANGE_DAYS } from './limits';
