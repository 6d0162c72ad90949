/** Guard rails the schedule service enforces per query (BAD_USER_INPUT above them). */
export const MAX_RANGE_DAYS = 400;
export const MAX_OCCURRENCES = 5000;

/**
 * Rule sizes the module accepts. COUNT is bounded because a COUNT rule is evaluated from DTSTART (its end and any
 * window need the instances before it); INTERVAL because a huge step only walks past the calendar's end.
 */
export const MAX_COUNT = 10_000;
export const MAX_INTERVAL = 10_000;
