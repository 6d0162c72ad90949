import { occurrenceOf } from './occurrence';
import { collectRuleStarts } from './occurrence-starts';
import { isExcluded, planFor, ruleStart, WALL_MARGIN_MS, type SeriesPlan, type Start } from './series-plan';
import type { RecurringSeries } from './types';
import { DAY_MS, dayOf } from './wall-time';

/**
 * Start of the plan's last instance: null when the rule never ends, -Infinity when nothing is left (every
 * instance excluded, or a rule that matches nothing). Computed once per plan.
 */
export function lastStartOf(plan: SeriesPlan): number | null {
  if (plan.lastStart === undefined) plan.lastStart = computeLastStart(plan);
  return plan.lastStart;
}

function computeLastStart(plan: SeriesPlan): number | null {
  const rrule = plan.rrule;
  if (rrule && rrule.count === null && rrule.until === null) return null;
  const extras = plan.extraStarts.filter((start) => !isExcluded(plan, start));
  const lastExtra = extras.at(-1)?.instant ?? -Infinity;
  if (!rrule) return lastExtra;
  const lastRule = rrule.count !== null ? lastCountStart(plan) : lastUntilStart(plan);
  return Math.max(lastExtra, lastRule);
}

/** COUNT rules are enumerated whole (COUNT is capped, see limits.ts). */
function lastCountStart(plan: SeriesPlan): number {
  let last = -Infinity;
  for (const wall of plan.rule!.all()) {
    const start = ruleStart(plan, wall);
    if (!isExcluded(plan, start)) last = Math.max(last, start.instant);
  }
  return last;
}

/** UNTIL rules are searched backwards from UNTIL in windows growing four-fold, down to DTSTART. */
function lastUntilStart(plan: SeriesPlan): number {
  const until = plan.untilInstant ?? plan.zone.toInstant(plan.untilWall!) + WALL_MARGIN_MS;
  const floor = plan.startsAt - WALL_MARGIN_MS;
  let high = until + 1;
  for (let span = DAY_MS; high > floor; span *= 4) {
    const low = Math.max(floor, high - span);
    const found: Start[] = [];
    collectRuleStarts(plan, low, high, Infinity, found);
    if (found.length > 0) return found.reduce((last, start) => Math.max(last, start.instant), -Infinity);
    high = low;
  }
  return -Infinity;
}

/**
 * The end of the last occurrence, or null when the series never ends. A series left with no occurrence at all
 * reports the end of its DTSTART event, so a stored bound is never empty. Single events: the event's end.
 */
export function seriesEndsAt(series: RecurringSeries): Date | null {
  const plan = planFor(series);
  const last = lastStartOf(plan);
  if (last === null) return null;
  const instant = last === -Infinity ? plan.startsAt : last;
  const wall = plan.zone.toWall(instant);
  return occurrenceOf(series, plan, { instant, wall: series.allDay ? dayOf(wall) : wall }).endsAt;
}
