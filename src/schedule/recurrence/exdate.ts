import { isExcluded, planFor } from './series-plan';
import type { RecurringSeries } from './types';
import { icalDate, icalDateTime } from './wall-time';

/**
 * The lines with an EXDATE for the occurrence starting at `originalStartsAt`; unchanged (same length) when one
 * already excludes it. Written in the series' own form: `EXDATE;VALUE=DATE:YYYYMMDD` (all-day) or
 * `EXDATE;TZID=<zone>:YYYYMMDDTHHMMSS`, except for the second of two equal wall times on a fall-back day, which
 * that form cannot name (it reads as the first): that one is written in UTC.
 */
export function withExdate(series: RecurringSeries, originalStartsAt: Date): string[] {
  const plan = planFor(series);
  const instant = originalStartsAt.getTime();
  const wall = plan.zone.toWall(instant);
  if (isExcluded(plan, { instant, wall })) return [...series.recurrence];
  return [...series.recurrence, exdateLine(series, instant, wall, plan.zone.toInstant(wall))];
}

function exdateLine(series: RecurringSeries, instant: number, wall: number, wallInstant: number): string {
  if (series.allDay) return `EXDATE;VALUE=DATE:${icalDate(wall)}`;
  if (Math.floor(wallInstant / 1000) !== Math.floor(instant / 1000)) return `EXDATE:${icalDateTime(instant)}Z`;
  return `EXDATE;TZID=${series.timeZone}:${icalDateTime(wall)}`;
}
