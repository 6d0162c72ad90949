import { Temporal } from 'temporal-polyfill';
import { DAY_MS } from './wall-time';

/** ~398 days: a query range (≤ 400 days) touches at most three buckets. */
const BUCKET_MS = 2 ** 35;
/** Buckets kept per zone; past that the table starts again (only odd traffic ever gets there). */
const MAX_BUCKETS = 512;

/**
 * UTC offsets of one IANA zone, from the tz data Temporal (and Intl) use, kept as tables of transitions per
 * bucket of time. Building a bucket costs a few Temporal transition look-ups once; afterwards converting between
 * wall time and instants is a map look-up and a short scan, cheap enough to do for every occurrence.
 */
export class ZoneOffsets {
  /** Per bucket: [start0, offset0, start1, offset1, ...], ascending, start0 = the bucket's start. */
  private readonly buckets = new Map<number, number[]>();

  constructor(readonly timeZone: string) {}

  /** Offset (ms, local minus UTC) in effect at an instant. */
  offsetAt(instant: number): number {
    const bucket = Math.floor(instant / BUCKET_MS);
    const table = this.buckets.get(bucket) ?? this.build(bucket);
    let index = table.length - 2;
    while (index > 0 && table[index]! > instant) index -= 2;
    return table[index + 1]!;
  }

  /** Smallest and largest offset in effect at some instant of [from, to]. */
  offsetBounds(from: number, to: number): { min: number; max: number } {
    let min = this.offsetAt(from);
    let max = min;
    for (let bucket = Math.floor(from / BUCKET_MS); bucket <= Math.floor(to / BUCKET_MS); bucket++) {
      const table = this.buckets.get(bucket) ?? this.build(bucket);
      for (let index = 0; index < table.length; index += 2) {
        if (table[index + 2] !== undefined && table[index + 2]! <= from) continue;
        if (table[index]! > to) break;
        min = Math.min(min, table[index + 1]!);
        max = Math.max(max, table[index + 1]!);
      }
    }
    return { min, max };
  }

  toWall(instant: number): number {
    return instant + this.offsetAt(instant);
  }

  /**
   * The instant of a wall time, as RFC 5545 §3.3.5 reads a DATE-TIME with TZID (and Temporal's `compatible`):
   * a time that occurs twice is the first one; a time in a gap takes the offset from before the gap, so 02:30 on
   * a spring-forward day is 03:30 in the new offset.
   */
  toInstant(wall: number): number {
    const before = this.offsetAt(wall - DAY_MS);
    const after = this.offsetAt(wall + DAY_MS);
    if (before === after) return wall - before;
    const withBefore = wall - before;
    const withAfter = wall - after;
    const beforeFits = this.offsetAt(withBefore) === before;
    const afterFits = this.offsetAt(withAfter) === after;
    if (beforeFits && afterFits) return Math.min(withBefore, withAfter);
    if (afterFits) return withAfter;
    return withBefore;
  }

  private build(bucket: number): number[] {
    const start = bucket * BUCKET_MS;
    const end = start + BUCKET_MS;
    let zoned = Temporal.Instant.fromEpochMilliseconds(start).toZonedDateTimeISO(this.timeZone);
    const table = [start, zoned.offsetNanoseconds / 1e6];
    for (;;) {
      const next = zoned.getTimeZoneTransition('next');
      if (!next || next.epochMilliseconds >= end) break;
      table.push(next.epochMilliseconds, next.offsetNanoseconds / 1e6);
      zoned = next;
    }
    if (this.buckets.size >= MAX_BUCKETS) this.buckets.clear();
    this.buckets.set(bucket, table);
    return table;
  }
}

const zones = new Map<string, ZoneOffsets>();

/** The shared offset table of a zone; the name must be valid (see isValidTimeZone). */
export function zoneOffsets(timeZone: string): ZoneOffsets {
  let zone = zones.get(timeZone);
  if (!zone) {
    zone = new ZoneOffsets(timeZone);
    zones.set(timeZone, zone);
  }
  return zone;
}
