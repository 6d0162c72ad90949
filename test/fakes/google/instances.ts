/**
 * Instances of recurring series: ids `{baseId}_{YYYYMMDDTHHMMSSZ}` (timed) or `{baseId}_{YYYYMMDD}` (all-day),
 * with recurringEventId + originalStartTime. Modified or cancelled instances are stored exception events
 * under the instance id.
 * https://developers.google.com/calendar/api/guides/recurringevents
 */
import { startMs } from './event-model';
import { expandOccurrences } from './recurrence';
import type { EventTime, SimState, StoredEvent } from './state';
import { addDays, compactUtc, daysBetween } from './time';

/** Hard cap on instances produced per series and query. */
export const MAX_INSTANCES_PER_SERIES = 1000;

export interface TimeWindow {
  fromMs?: number;
  toMs?: number;
}

export function instanceId(baseId: string, originalStart: EventTime): string {
  return originalStart.kind === 'date'
    ? `${baseId}_${originalStart.date.replace(/-/g, '')}`
    : `${baseId}_${compactUtc(originalStart.ms)}`;
}

export function parseInstanceId(id: string): { baseId: string; stamp: string } | null {
  const m = /^(.+)_(\d{8}(?:T\d{6}Z)?)$/.exec(id);
  return m ? { baseId: m[1], stamp: m[2] } : null;
}

export function isRecurringMaster(ev: StoredEvent): boolean {
  return Array.isArray(ev.fields.recurrence) && ev.fields.recurrence.length > 0 && !ev.recurringEventId;
}

function durationMs(ev: StoredEvent, calendarTz: string): number {
  return startMs(ev.end, calendarTz) - startMs(ev.start, calendarTz);
}

export function eventEndMs(ev: StoredEvent, calendarTz: string): number {
  return startMs(ev.end, calendarTz);
}

/** True when the event overlaps the window (timeMin is compared with the end, timeMax with the start). */
export function overlaps(ev: StoredEvent, window: TimeWindow, calendarTz: string): boolean {
  const s = startMs(ev.start, calendarTz);
  const e = Math.max(eventEndMs(ev, calendarTz), s + 1);
  return (window.fromMs === undefined || e > window.fromMs) && (window.toMs === undefined || s < window.toMs);
}

/** A not-stored instance of a series: the master's data moved to one occurrence. */
export function buildInstance(master: StoredEvent, originalStart: EventTime): StoredEvent {
  const { recurrence: _omit, ...fields } = master.fields;
  let end: EventTime;
  if (originalStart.kind === 'date' && master.start.kind === 'date' && master.end.kind === 'date') {
    end = { kind: 'date', date: addDays(originalStart.date, daysBetween(master.start.date, master.end.date)) };
  } else {
    const dur = (master.end as { ms: number }).ms - (master.start as { ms: number }).ms;
    const endTz = master.end.kind === 'dateTime' ? master.end.timeZone : undefined;
    end = { kind: 'dateTime', ms: (originalStart as { ms: number }).ms + dur, ...(endTz ? { timeZone: endTz } : {}) };
  }
  return {
    ...master,
    id: instanceId(master.id, originalStart),
    fields,
    start: originalStart,
    end,
    recurringEventId: master.id,
    originalStart,
  };
}

/** Stored exceptions of a series, by instance id. */
export function exceptionsOf(state: SimState, master: StoredEvent): Map<string, StoredEvent> {
  const out = new Map<string, StoredEvent>();
  for (const ev of state.calendarEvents(master.calendarId).values()) {
    if (ev.recurringEventId === master.id) out.set(ev.id, ev);
  }
  return out;
}

/**
 * Instances of a series inside the window, exceptions applied. Cancelled exceptions are included only when
 * `includeCancelled`; a cancelled exception is placed at its original start.
 */
export function seriesInstances(
  state: SimState, master: StoredEvent, window: TimeWindow, calendarTz: string, includeCancelled: boolean,
): StoredEvent[] {
  const exceptions = exceptionsOf(state, master);
  const occurrences = expandOccurrences(master.start, master.fields.recurrence as string[], {
    fromMs: window.fromMs,
    toMs: window.toMs,
    limit: MAX_INSTANCES_PER_SERIES,
    calendarTimeZone: calendarTz,
    durationMs: durationMs(master, calendarTz),
  });
  const out: StoredEvent[] = [];
  for (const occ of occurrences) {
    if (!exceptions.has(instanceId(master.id, occ))) out.push(buildInstance(master, occ));
  }
  for (const ex of exceptions.values()) {
    const placed = ex.status === 'cancelled' ? { ...ex, start: ex.originalStart!, end: ex.originalStart! } : ex;
    if (ex.status === 'cancelled' && !includeCancelled) continue;
    if (overlaps(placed, window, calendarTz)) out.push(ex);
  }
  return out.sort((a, b) => startMs(a.originalStart ?? a.start, calendarTz) - startMs(b.originalStart ?? b.start, calendarTz));
}

/** Resolves `{base}_{stamp}` to a not-stored instance if the series produces that occurrence. */
export function resolveVirtualInstance(state: SimState, calendarId: string, id: string, calendarTz: string): StoredEvent | null {
  const parsed = parseInstanceId(id);
  if (!parsed) return null;
  const master = state.calendarEvents(calendarId).get(parsed.baseId);
  if (!master || master.status === 'cancelled' || !isRecurringMaster(master)) return null;
  const at = stampToMs(parsed.stamp, calendarTz);
  const dur = durationMs(master, calendarTz);
  const [occ] = expandOccurrences(master.start, master.fields.recurrence as string[], {
    fromMs: at + Math.max(dur, 1) - 1,
    toMs: at + 1,
    limit: 1,
    calendarTimeZone: calendarTz,
    durationMs: Math.max(dur, 1),
  });
  return occ && instanceId(master.id, occ) === id ? buildInstance(master, occ) : null;
}

function stampToMs(stamp: string, calendarTz: string): number {
  const date = `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}`;
  if (stamp.length === 8) return startMs({ kind: 'date', date }, calendarTz);
  return Date.parse(`${date}T${stamp.slice(9, 11)}:${stamp.slice(11, 13)}:${stamp.slice(13, 15)}Z`);
}
