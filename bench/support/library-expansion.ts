import { RRuleTemporal } from 'rrule-temporal';
import { Temporal } from 'temporal-polyfill';

export const SERIES_TIME_ZONE = 'Europe/Berlin';

export interface SeriesSeed {
  startsAt: Date;
  rule: string;
}

/**
 * The baseline: the same rules expanded by the library alone (rrule-temporal evaluating TZID wall time itself),
 * each rule built from its text per query as a caller without our plan cache would, no I/O around it.
 */
export function expandWithLibraryAlone(seeds: SeriesSeed[], start: Date, end: Date): number {
  let count = 0;
  for (const seed of seeds) {
    const rule = new RRuleTemporal({
      rruleString: seed.rule.replace(/^RRULE:/, ''),
      dtstart: Temporal.Instant.fromEpochMilliseconds(seed.startsAt.getTime()).toZonedDateTimeISO(SERIES_TIME_ZONE),
    });
    // [start, end): `between` with `true` is inclusive at both ends; exclude the end instant.
    count += rule.between(start, new Date(end.getTime() - 1), true).length;
  }
  return count;
}
