/** What the recurrence module needs to know about a schedule entry. */
export interface RecurringSeries {
  /** IANA name. */
  timeZone: string;
  allDay: boolean;
  /** DTSTART instant (all-day: start of startDate in timeZone). */
  startsAt: Date;
  /** All-day DTSTART date (YYYY-MM-DD), else null. */
  startDate: string | null;
  /** Timed: exact ms between start and end. All-day: number of days (endDate - startDate + 1). */
  duration: { ms: number } | { days: number };
  /** RFC 5545 content lines (RRULE, RDATE, EXDATE); [] is a single event. */
  recurrence: string[];
}

export interface Occurrence {
  /** Original (unmoved) start of this instance = its id within the series. */
  startsAt: Date;
  endsAt: Date;
  /** All-day only. */
  startDate: string | null;
  /** All-day only, inclusive. */
  endDate: string | null;
}

export interface TimeRange {
  start: Date;
  end: Date;
}
