import type { SyncWindow } from './calendar-adapter';

/** How far a full listing reaches around now. */
export interface SyncWindowDays {
  pastDays: number;
  futureDays: number;
}

/** The default: a month of history, a year ahead. */
export const DEFAULT_SYNC_WINDOW: SyncWindowDays = { pastDays: 30, futureDays: 365 };

const DAY_MS = 86_400_000;

export function syncWindowAt(nowMs: number, days: SyncWindowDays): SyncWindow {
  return { start: new Date(nowMs - days.pastDays * DAY_MS), end: new Date(nowMs + days.futureDays * DAY_MS) };
}
