/**
 * events.list and events.instances: filters, singleEvents expansion, paging and sync tokens.
 * https://developers.google.com/calendar/api/v3/reference/events/list
 * https://developers.google.com/calendar/api/guides/sync
 */
import { renderEvent, renderTime, startMs } from './event-model';
import { apiErrors } from './google-error';
import { isRecurringMaster, overlaps, seriesInstances, type TimeWindow } from './instances';
import { randomToken, type PageSnapshot, type SimCalendar, type SimState, type StoredEvent } from './state';
import { isoUtc, isValidTimeZone, parseRfc3339 } from './time';
import type { EventResource } from './types';

type Query = Record<string, unknown>;

/** Parameters Google refuses to combine with syncToken. */
const NOT_WITH_SYNC_TOKEN = ['timeMin', 'timeMax', 'orderBy', 'q', 'updatedMin', 'iCalUID', 'privateExtendedProperty', 'sharedExtendedProperty'];

const values = (q: Query, key: string): string[] =>
  q[key] === undefined ? [] : (Array.isArray(q[key]) ? (q[key] as unknown[]) : [q[key]]).map(String);
const one = (q: Query, key: string): string | undefined => values(q, key)[0];
const flag = (q: Query, key: string): boolean => one(q, key) === 'true';

export interface EventsListResponse {
  kind: 'calendar#events';
  etag: string;
  summary: string;
  updated: string;
  timeZone: string;
  accessRole: string;
  defaultReminders: unknown[];
  nextPageToken?: string;
  nextSyncToken?: string;
  items: EventResource[];
}

export class EventQuery {
  constructor(private readonly state: SimState) {}

  list(cal: SimCalendar, query: Query): EventsListResponse {
    const maxResults = this.maxResults(query);
    const snapshot = this.fromPageToken(cal, query);
    if (snapshot) return this.page(cal, snapshot, maxResults);
    const responseTz = this.responseTimeZone(cal, query);
    const syncToken = one(query, 'syncToken');
    const events = syncToken ? this.incremental(cal, syncToken, query) : this.full(cal, query);
    return this.page(cal, {
      fingerprint: fingerprint(cal, query),
      items: events.map((ev) => renderEvent(ev, cal, responseTz)),
      nextSyncToken: this.issueSyncToken(cal),
    }, maxResults);
  }

  instances(cal: SimCalendar, master: StoredEvent, query: Query): EventsListResponse {
    const maxResults = this.maxResults(query);
    const snapshot = this.fromPageToken(cal, query);
    if (snapshot) return this.page(cal, snapshot, maxResults);
    const responseTz = this.responseTimeZone(cal, query);
    const window = this.window(query);
    const showDeleted = flag(query, 'showDeleted');
    let items = isRecurringMaster(master)
      ? seriesInstances(this.state, master, window, cal.timeZone, showDeleted)
      : [master].filter((ev) => overlaps(ev, window, cal.timeZone));
    const originalStart = one(query, 'originalStart');
    if (originalStart) items = items.filter((ev) => matchesOriginalStart(ev, originalStart, cal.timeZone));
    return this.page(cal, { fingerprint: fingerprint(cal, query), items: items.map((ev) => renderEvent(ev, cal, responseTz)) }, maxResults);
  }

  private maxResults(query: Query): number {
    const raw = one(query, 'maxResults');
    if (raw === undefined) return 250;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1) throw apiErrors.invalid(`Invalid value '${raw}'. Values must be within the range: [1, 2500]`, 'maxResults');
    return Math.min(n, 2500);
  }

  private responseTimeZone(cal: SimCalendar, query: Query): string {
    const tz = one(query, 'timeZone');
    if (tz === undefined) return cal.timeZone;
    if (!isValidTimeZone(tz)) throw apiErrors.invalid('Invalid time zone definition.', 'timeZone');
    return tz;
  }

  private window(query: Query): TimeWindow {
    const parse = (key: string): number | undefined => {
      const raw = one(query, key);
      if (raw === undefined) return undefined;
      const ms = parseRfc3339(raw);
      if (ms === null) throw apiErrors.badRequest('Bad Request', key);
      return ms;
    };
    const window = { fromMs: parse('timeMin'), toMs: parse('timeMax') };
    if (window.fromMs !== undefined && window.toMs !== undefined && window.toMs <= window.fromMs) throw apiErrors.timeRangeEmpty('timeMax');
    return window;
  }

  private fromPageToken(cal: SimCalendar, query: Query): PageSnapshot | null {
    const token = one(query, 'pageToken');
    if (token === undefined) return null;
    const snapshot = this.state.pageTokens.get(token);
    if (!snapshot || snapshot.fingerprint !== fingerprint(cal, query)) throw apiErrors.invalid('Invalid page token value.', 'pageToken');
    return snapshot;
  }

  private page(cal: SimCalendar, snapshot: PageSnapshot, maxResults: number): EventsListResponse {
    const response: EventsListResponse = {
      kind: 'calendar#events',
      etag: `"${this.state.currentChangeSeq()}"`,
      summary: cal.summary,
      updated: isoUtc(this.lastUpdated(cal)),
      timeZone: cal.timeZone,
      accessRole: 'owner',
      defaultReminders: [],
      items: snapshot.items.slice(0, maxResults),
    };
    if (snapshot.items.length > maxResults) {
      const token = randomToken('pg_');
      this.state.pageTokens.set(token, { ...snapshot, items: snapshot.items.slice(maxResults) });
      response.nextPageToken = token;
    } else if (snapshot.nextSyncToken) {
      response.nextSyncToken = snapshot.nextSyncToken;
    }
    return response;
  }

  private lastUpdated(cal: SimCalendar): number {
    let last = 0;
    for (const ev of this.state.calendarEvents(cal.id).values()) last = Math.max(last, ev.updated);
    return last || this.state.now();
  }

  private issueSyncToken(cal: SimCalendar): string {
    const token = randomToken('C', 18);
    this.state.syncTokens.set(token, { calendarId: cal.id, seq: this.state.currentChangeSeq(), epoch: cal.syncEpoch });
    return token;
  }

  /** Everything changed since the token, deleted events included as cancelled. */
  private incremental(cal: SimCalendar, token: string, query: Query): StoredEvent[] {
    const conflicting = NOT_WITH_SYNC_TOKEN.find((key) => query[key] !== undefined);
    if (conflicting) throw apiErrors.invalid(`Sync token cannot be combined with the ${conflicting} parameter.`, conflicting);
    const record = this.state.syncTokens.get(token);
    if (!record || record.calendarId !== cal.id || record.epoch !== cal.syncEpoch) throw apiErrors.fullSyncRequired();
    const changed = [...this.state.calendarEvents(cal.id).values()]
      .filter((ev) => ev.changeSeq > record.seq)
      .sort((a, b) => a.changeSeq - b.changeSeq);
    if (!flag(query, 'singleEvents')) return changed;
    const out = new Map<string, StoredEvent>();
    for (const ev of changed) {
      for (const item of isRecurringMaster(ev) ? this.expandSeries(ev, {}, cal) : [ev]) out.set(item.id, item);
    }
    return [...out.values()];
  }

  private expandSeries(master: StoredEvent, window: TimeWindow, cal: SimCalendar): StoredEvent[] {
    const instances = seriesInstances(this.state, master, window, cal.timeZone, true);
    return master.status === 'cancelled' ? instances.map((i) => ({ ...i, status: 'cancelled' as const })) : instances;
  }

  private full(cal: SimCalendar, query: Query): StoredEvent[] {
    const window = this.window(query);
    const singleEvents = flag(query, 'singleEvents');
    const orderBy = one(query, 'orderBy');
    if (orderBy !== undefined && orderBy !== 'startTime' && orderBy !== 'updated') throw apiErrors.invalid(`Invalid value for: ${orderBy}`, 'orderBy');
    if (orderBy === 'startTime' && !singleEvents) throw apiErrors.badRequest('The requested ordering is not available for the particular query.', 'orderBy');
    const stored = [...this.state.calendarEvents(cal.id).values()].sort((a, b) => a.created - b.created || a.changeSeq - b.changeSeq);
    const units: StoredEvent[] = [];
    for (const ev of stored) {
      const master = ev.recurringEventId ? this.state.calendarEvents(cal.id).get(ev.recurringEventId) : undefined;
      if (singleEvents && master && isRecurringMaster(master)) continue;
      if (isRecurringMaster(ev)) {
        const instances = this.expandSeries(ev, window, cal);
        if (singleEvents) units.push(...instances);
        else if (instances.length > 0 || (window.fromMs === undefined && window.toMs === undefined)) units.push(ev);
      } else if (overlaps(placed(ev), window, cal.timeZone)) {
        units.push(ev);
      }
    }
    const filtered = units.filter(this.filterFor(query, (ev) => !singleEvents && this.isCancelledInstanceOfLiveSeries(cal, ev)));
    if (orderBy === 'startTime') filtered.sort((a, b) => startMs(a.start, cal.timeZone) - startMs(b.start, cal.timeZone) || a.id.localeCompare(b.id));
    if (orderBy === 'updated') filtered.sort((a, b) => a.updated - b.updated);
    return filtered;
  }

  /**
   * events.list `showDeleted`: "Cancelled instances of recurring events (but not the underlying recurring event) will
   * still be included if showDeleted and singleEvents are both False." Exceptions of a deleted series are deleted
   * events themselves ("cancelled exceptions of an uncancelled recurring event", events resource `status`).
   */
  private isCancelledInstanceOfLiveSeries(cal: SimCalendar, ev: StoredEvent): boolean {
    if (ev.status !== 'cancelled' || !ev.recurringEventId) return false;
    const master = this.state.calendarEvents(cal.id).get(ev.recurringEventId);
    return master !== undefined && master.status !== 'cancelled';
  }

  /** `listedAnyway`: cancelled events shown even without showDeleted. */
  private filterFor(query: Query, listedAnyway: (ev: StoredEvent) => boolean): (ev: StoredEvent) => boolean {
    const showDeleted = flag(query, 'showDeleted');
    const updatedMinRaw = one(query, 'updatedMin');
    const updatedMin = updatedMinRaw === undefined ? undefined : parseRfc3339(updatedMinRaw);
    if (updatedMin === null) throw apiErrors.badRequest('Bad Request', 'updatedMin');
    const iCalUID = one(query, 'iCalUID');
    const privateProps = values(query, 'privateExtendedProperty').map(splitProperty);
    const sharedProps = values(query, 'sharedExtendedProperty').map(splitProperty);
    const q = one(query, 'q')?.toLowerCase();
    return (ev) => {
      if (updatedMin !== undefined && ev.updated < updatedMin) return false;
      if (ev.status === 'cancelled' && !showDeleted && updatedMin === undefined && !listedAnyway(ev)) return false;
      if (iCalUID !== undefined && ev.iCalUID !== iCalUID) return false;
      if (!hasProperties(ev, 'private', privateProps) || !hasProperties(ev, 'shared', sharedProps)) return false;
      return q === undefined || matchesText(ev, q);
    };
  }
}

/** A cancelled exception sits at its original start for window checks. */
function placed(ev: StoredEvent): StoredEvent {
  return ev.status === 'cancelled' && ev.originalStart ? { ...ev, start: ev.originalStart, end: ev.originalStart } : ev;
}

function splitProperty(raw: string): [string, string] {
  const eq = raw.indexOf('=');
  if (eq <= 0) throw apiErrors.invalid('Invalid extended property constraint.', 'privateExtendedProperty');
  return [raw.slice(0, eq), raw.slice(eq + 1)];
}

function hasProperties(ev: StoredEvent, scope: 'private' | 'shared', wanted: [string, string][]): boolean {
  const props = ((ev.fields.extendedProperties as Record<string, Record<string, string>> | undefined) ?? {})[scope] ?? {};
  return wanted.every(([k, v]) => props[k] === v);
}

function matchesText(ev: StoredEvent, q: string): boolean {
  const attendees = (ev.fields.attendees as { email?: string; displayName?: string }[] | undefined) ?? [];
  const haystack = [ev.fields.summary, ev.fields.description, ev.fields.location, ...attendees.flatMap((a) => [a.email, a.displayName])]
    .filter(Boolean).join(' ').toLowerCase();
  return q.split(/\s+/).filter(Boolean).every((term) => haystack.includes(term));
}

function matchesOriginalStart(ev: StoredEvent, raw: string, calendarTz: string): boolean {
  const original = ev.originalStart ?? ev.start;
  if (original.kind === 'date') return renderTime(original, calendarTz).date === raw;
  return parseRfc3339(raw) === original.ms;
}

/** Page tokens are valid only for the same query (everything but pageToken and maxResults). */
function fingerprint(cal: SimCalendar, query: Query): string {
  const keys = Object.keys(query).filter((k) => k !== 'pageToken' && k !== 'maxResults').sort();
  return JSON.stringify([cal.id, keys.map((k) => [k, values(query, k)])]);
}
