import type { DateValue } from './date-list';
import { parseRecurrence } from './recurrence-lines';
import type { RRuleValue, UntilValue } from './rrule-value';
import type { RecurringSeries } from './types';
import { WallClockRule } from './wall-clock-rule';
import { DAY_MS, dayOf, parseIsoDate } from './wall-time';
import { zoneOffsets, type ZoneOffsets } from './zone-offsets';

/** A start of an instance: the instant and the wall time it has in the series' zone. */
export interface Start {
  instant: number;
  wall: number;
}

/** A series compiled for evaluation: parsed lines, the library rule, EXDATE look-up sets. Cached (see planFor). */
export interface SeriesPlan {
  zone: ZoneOffsets;
  startsAt: number;
  dtstartWall: number;
  rule: WallClockRule | null;
  rrule: RRuleValue | null;
  /** A UTC UNTIL, compared with each instant (the library only gets a wall-time bound a little past it). */
  untilInstant: number | null;
  /** The wall-time bound the library got for UNTIL. */
  untilWall: number | null;
  /** EXDATE date-times, as whole seconds since the epoch. */
  exSeconds: Set<number>;
  /** EXDATE dates, as the wall ms of their midnight. */
  exDays: Set<number>;
  /** RDATEs, plus DTSTART when there is no RRULE: sorted, EXDATEs not yet applied. */
  extraStarts: Start[];
  /** No instance starts before this. */
  firstStart: number;
  /** Last start, computed on demand (series-end.ts): null when unbounded, -Infinity when no instance is left. */
  lastStart?: number | null;
}

/** Around an instant, the span whose offsets can matter for its wall time (offset changes reach a day in tz history). */
export const WALL_MARGIN_MS = 2 * DAY_MS;

const MAX_PLANS = 2000;
const plans = new Map<string, SeriesPlan>();

/** The plan of a series, compiled once per distinct series and reused (least recently used are dropped). */
export function planFor(series: RecurringSeries): SeriesPlan {
  const key = [series.timeZone, series.allDay, series.startsAt.getTime(), series.startDate, ...series.recurrence].join('\n');
  let plan = plans.get(key);
  if (plan) {
    plans.delete(key);
  } else {
    plan = compile(series);
    if (plans.size >= MAX_PLANS) plans.delete(plans.keys().next().value!);
  }
  plans.set(key, plan);
  return plan;
}

function compile(series: RecurringSeries): SeriesPlan {
  const parsed = parseRecurrence(series.recurrence, series);
  const zone = zoneOffsets(series.timeZone);
  const dtstartWall = series.allDay ? allDayWall(series) : zone.toWall(series.startsAt.getTime());
  const startsAt = series.allDay ? zone.toInstant(dtstartWall) : series.startsAt.getTime();
  const { rrule } = parsed;
  const untilInstant = rrule?.until?.kind === 'utc' ? rrule.until.instant : null;
  const untilBound = rrule?.until ? untilWall(rrule.until, zone, series.allDay) : null;
  const rule = rrule ? new WallClockRule(rrule, dtstartWall, untilBound, parsed.rruleLine!) : null;
  const plan: SeriesPlan = {
    zone, startsAt, dtstartWall, rule, rrule, untilInstant, untilWall: untilBound,
    exSeconds: new Set(), exDays: new Set(),
    extraStarts: parsed.rdates.map((value) => startOf(value, zone)),
    firstStart: startsAt,
  };
  for (const value of parsed.exdates) excludeValue(plan, value);
  if (!rrule) plan.extraStarts.push({ instant: startsAt, wall: dtstartWall });
  plan.extraStarts.sort((a, b) => a.instant - b.instant);
  plan.firstStart = Math.min(startsAt, plan.extraStarts[0]?.instant ?? startsAt);
  return plan;
}

function allDayWall(series: RecurringSeries): number {
  const wall = series.startDate === null ? null : parseIsoDate(series.startDate);
  if (wall === null) throw new RangeError(`an all-day series needs startDate as YYYY-MM-DD (got ${series.startDate})`);
  return wall;
}

/**
 * The wall-time bound the library gets. A DATE includes the whole day (for a timed series: up to 23:59:59.999);
 * a local date-time is compared as a wall time; a UTC date-time becomes the latest wall time it can be (with the
 * largest offset around it) and is checked per instant.
 */
function untilWall(until: UntilValue, zone: ZoneOffsets, allDay: boolean): number {
  if (until.kind === 'date') return allDay ? until.wall : until.wall + DAY_MS - 1;
  if (until.kind === 'local') return until.wall;
  return until.instant + zone.offsetBounds(until.instant - WALL_MARGIN_MS, until.instant + WALL_MARGIN_MS).max;
}

function startOf(value: DateValue, zone: ZoneOffsets): Start {
  if (value.kind === 'utc') return { instant: value.instant, wall: zone.toWall(value.instant) };
  if (value.kind === 'date') return { instant: zone.toInstant(value.wall), wall: value.wall };
  const instant = value.timeZone ? zoneOffsets(value.timeZone).toInstant(value.wall) : zone.toInstant(value.wall);
  return { instant, wall: zone.toWall(instant) };
}

function excludeValue(plan: SeriesPlan, value: DateValue): void {
  if (value.kind === 'date') plan.exDays.add(value.wall);
  else plan.exSeconds.add(Math.floor(startOf(value, plan.zone).instant / 1000));
}

/** The start a rule wall time stands for. DTSTART keeps its own instant: it may be the second of two equal wall times. */
export function ruleStart(plan: SeriesPlan, wall: number): Start {
  return { instant: wall === plan.dtstartWall ? plan.startsAt : plan.zone.toInstant(wall), wall };
}

/** EXDATE matches to the second (iCalendar has no finer unit); a DATE removes the whole day. */
export function isExcluded(plan: SeriesPlan, start: Start): boolean {
  if (plan.exSeconds.size > 0 && plan.exSeconds.has(Math.floor(start.instant / 1000))) return true;
  return plan.exDays.size > 0 && plan.exDays.has(dayOf(start.wall));
}
