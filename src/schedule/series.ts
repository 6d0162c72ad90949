import type { RecurringSeries } from './recurrence';
import type { ScheduleEntryRecord } from './schedule-entry';
import { daysBetween } from './calendar-date';

type SeriesSource = Pick<ScheduleEntryRecord, 'timeZone' | 'allDay' | 'startsAt' | 'endsAt' | 'startDate' | 'endDate' | 'recurrence'>;

/** The recurrence module's view of an entry: DTSTART, duration and rule lines. */
export function toSeries(entry: SeriesSource): RecurringSeries {
  return {
    timeZone: entry.timeZone,
    allDay: entry.allDay,
    startsAt: entry.startsAt,
    startDate: entry.startDate,
    duration:
      entry.allDay && entry.startDate && entry.endDate
        ? { days: daysBetween(entry.startDate, entry.endDate) + 1 }
        : { ms: entry.endsAt.getTime() - entry.startsAt.getTime() },
    recurrence: entry.recurrence,
  };
}
