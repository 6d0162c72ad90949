import type { Frequency } from './rrule-value';
import { isExcluded, ruleStart, WALL_MARGIN_MS, type SeriesPlan, type Start } from './series-plan';
import { DAY_MS } from './wall-time';

/** Nominal length of one FREQ period in days: sizes the first search window. */
const PERIOD_DAYS: Record<Frequency, number> = { YEARLY: 366, MONTHLY: 31, WEEKLY: 7, DAILY: 1, HOURLY: 1, MINUTELY: 1 };

/**
 * Starts in [from, to), ascending, without EXDATEs and duplicates. Gathering stops once more than `limit` are
 * found (the result may hold more than that; callers cut).
 */
export function startsBetween(plan: SeriesPlan, from: number, to: number, limit: number): Start[] {
  if (to <= plan.firstStart || from >= to) return [];
  // Rule starts are gathered on their own: RDATEs late in the range must not end the search for earlier ones.
  const found: Start[] = [];
  if (plan.rule) collectRuleStarts(plan, Math.max(from, plan.startsAt - WALL_MARGIN_MS), to, limit, found);
  for (const start of plan.extraStarts) {
    if (start.instant >= from && start.instant < to && !isExcluded(plan, start)) found.push(start);
  }
  return sortedUnique(found);
}

/**
 * The rule's starts in [from, to), appended to `out`. The library is asked in windows that double in size, so
 * a dense rule (MINUTELY over a year) stops soon after `limit` instead of producing every instance first; a rule
 * with at most one instance a day covers `limit` days in its first window, usually the whole range.
 */
export function collectRuleStarts(plan: SeriesPlan, from: number, to: number, limit: number, out: Start[]): void {
  let low = from;
  let span = firstWindow(plan, limit);
  while (low < to && out.length <= limit) {
    const high = Math.min(to, low + span);
    // An instant i comes from the wall time i + offset, for some offset in effect around i.
    const offsets = plan.zone.offsetBounds(low - WALL_MARGIN_MS, high + WALL_MARGIN_MS);
    const walls = plan.rule!.between(low + offsets.min, high + offsets.max);
    for (const wall of walls) {
      const start = ruleStart(plan, wall);
      if (start.instant < low || start.instant >= high) continue;
      if (plan.untilInstant !== null && start.instant > plan.untilInstant) continue;
      if (!isExcluded(plan, start)) out.push(start);
    }
    low = high;
    span *= 2;
  }
}

function firstWindow(plan: SeriesPlan, limit: number): number {
  const rrule = plan.rrule!;
  const dense = rrule.freq === 'HOURLY' || rrule.freq === 'MINUTELY' || rrule.timeOfDayParts;
  if (dense) return DAY_MS;
  return Math.max(PERIOD_DAYS[rrule.freq] * rrule.interval, Math.min(limit, 100_000)) * DAY_MS;
}

/** Sorted by instant; two wall times landing on one instant (a gap-shifted time and the real one) count once. */
function sortedUnique(starts: Start[]): Start[] {
  starts.sort((a, b) => a.instant - b.instant);
  return starts.filter((start, index) => index === 0 || start.instant !== starts[index - 1]!.instant);
}
