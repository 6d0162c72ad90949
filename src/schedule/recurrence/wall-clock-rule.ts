import { RRuleTemporal } from 'rrule-temporal';
import { Temporal } from 'temporal-polyfill';
import { RecurrenceError } from './recurrence-error';
import type { RRuleValue } from './rrule-value';

/** Where validation anchors a rule it has no DTSTART for (the structure checks do not depend on the date). */
const PROBE_DTSTART = Date.UTC(2025, 0, 1);
/** Library step budgets (periods or instances per call). Queries ask in windows far below QUERY_STEPS. */
const VALIDATION_STEPS = 10_000;
const QUERY_STEPS = 100_000;

/**
 * The one door to the RFC 5545 library (rrule-temporal). Rules are evaluated in wall-clock time: DTSTART and UNTIL
 * are handed over as UTC date-times carrying the local wall time, and results come back as wall times. UTC has no
 * DST, so the library never meets a gap or a repeated hour; placing each wall time in the real zone is the
 * caller's job (ZoneOffsets.toInstant, RFC 5545 §3.3.5). The library drops instances in a DST gap and counts
 * them out of COUNT, which this way cannot happen.
 */
export class WallClockRule {
  private readonly rule: RRuleTemporal;

  constructor(rrule: RRuleValue, dtstartWall: number, untilWall: number | null, private readonly line: string, maxIterations = QUERY_STEPS) {
    this.rule = library(line, () => new RRuleTemporal({
      rruleString: rrule.libraryParts.join(';'),
      dtstart: utcWall(dtstartWall),
      until: untilWall === null ? undefined : utcWall(untilWall),
      strict: true,
      cache: false,
      maxIterations,
    }));
  }

  /** Wall times in [fromWall, toWall], ascending. */
  between(fromWall: number, toWall: number): number[] {
    return library(this.line, () => this.rule.between(new Date(fromWall), new Date(toWall), true)).map(wallOf);
  }

  /** Every wall time of a COUNT or UNTIL bounded rule, ascending. */
  all(): number[] {
    return library(this.line, () => this.rule.all()).map(wallOf);
  }
}

/**
 * Validation without a series: the library must accept the rule, and a COUNT rule must reach its COUNT within
 * the library's default budget (10,000 steps), which keeps this check cheap and every later evaluation of the
 * same rule well inside QUERY_STEPS.
 */
export function checkLibraryAccepts(rrule: RRuleValue, line: string): void {
  const rule = new WallClockRule(rrule, PROBE_DTSTART, null, line, VALIDATION_STEPS);
  if (rrule.count !== null) rule.all();
}

const wallOf = (zoned: { epochMilliseconds: number }): number => zoned.epochMilliseconds;

function utcWall(wall: number): Temporal.ZonedDateTime {
  return Temporal.Instant.fromEpochMilliseconds(wall).toZonedDateTimeISO('UTC');
}

/** Library failures (RFC constraint violations, rules too sparse to evaluate) name the line they came from. */
function library<T>(line: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    const message = (error as Error).message;
    if (/maximum iterations/i.test(message)) throw new RecurrenceError(line, 'the rule is too sparse or too dense to evaluate (COUNT must be reached within 10,000 periods)');
    throw new RecurrenceError(line, message);
  }
}
