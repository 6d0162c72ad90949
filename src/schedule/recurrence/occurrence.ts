import type { SeriesPlan, Start } from './series-plan';
import type { Occurrence, RecurringSeries } from './types';
import { DAY_MS, isoDate } from './wall-time';

/** The occurrence starting at `start`: timed ones last the exact duration, all-day ones whole local days. */
export function occurrenceOf(series: RecurringSeries, plan: SeriesPlan, start: Start): Occurrence {
  if ('ms' in series.duration) {
    return { startsAt: new Date(start.instant), endsAt: new Date(start.instant + series.duration.ms), startDate: null, endDate: null };
  }
  const lastDay = start.wall + (series.duration.days - 1) * DAY_MS;
  return {
    startsAt: new Date(start.instant),
    endsAt: new Date(plan.zone.toInstant(lastDay + DAY_MS)),
    startDate: isoDate(start.wall),
    endDate: isoDate(lastDay),
  };
}
