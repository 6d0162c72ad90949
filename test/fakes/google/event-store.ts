/**
 * Event writes: insert, patch, update, delete, including exceptions of recurring series.
 * Every write bumps etag, updated and the change sequence, then reports the change (push notifications).
 * https://developers.google.com/calendar/api/v3/reference/events
 */
import { clone, generateEventId, isPlainObject, normalizeEventBody, type NormalizedEvent, validateClientEventId, writableView } from './event-model';
import { apiErrors } from './google-error';
import { exceptionsOf, isRecurringMaster, resolveVirtualInstance } from './instances';
import type { EventTime, SimCalendar, SimState, StoredEvent } from './state';

export type ChangeListener = (calendarId: string) => void;

function sameTime(a: EventTime, b: EventTime): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Google patch semantics: objects merge, arrays and scalars replace, null clears. */
function deepMerge(target: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete target[key];
    else if (isPlainObject(value) && isPlainObject(target[key])) deepMerge(target[key] as Record<string, unknown>, value);
    else target[key] = clone(value);
  }
  return target;
}

function mergePatch(base: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  for (const which of ['start', 'end']) {
    const p = patch[which];
    const current = base[which];
    if (!isPlainObject(p) || !isPlainObject(current)) continue;
    if (p.date != null) delete current.dateTime;
    if (p.dateTime != null) delete current.date;
  }
  return deepMerge(base, patch);
}

export class EventStore {
  constructor(private readonly state: SimState, private readonly onChange: ChangeListener) {}

  calendar(calendarId: string): SimCalendar {
    const cal = this.state.calendars.get(calendarId);
    if (!cal) throw apiErrors.notFound();
    return cal;
  }

  /** A stored event or a not-yet-stored instance of a series. */
  find(calendarId: string, eventId: string): StoredEvent | null {
    const cal = this.calendar(calendarId);
    return this.state.calendarEvents(calendarId).get(eventId) ?? resolveVirtualInstance(this.state, calendarId, eventId, cal.timeZone);
  }

  get(calendarId: string, eventId: string): StoredEvent {
    const ev = this.find(calendarId, eventId);
    if (!ev) throw apiErrors.notFound();
    return ev;
  }

  insert(calendarId: string, body: Record<string, unknown>): StoredEvent {
    const cal = this.calendar(calendarId);
    const events = this.state.calendarEvents(calendarId);
    const id = body.id == null ? generateEventId() : String(body.id);
    if (body.id != null) validateClientEventId(id);
    if (events.has(id)) throw apiErrors.duplicate();
    const iCalUID = body.iCalUID == null ? `${id}@google.com` : String(body.iCalUID);
    if (body.iCalUID != null && [...events.values()].some((e) => e.iCalUID === iCalUID && !e.recurringEventId)) {
      throw apiErrors.duplicate();
    }
    const n = normalizeEventBody(body, cal.timeZone, false);
    const now = this.state.now();
    const ev: StoredEvent = {
      calendarId, id, status: n.status, fields: n.fields, start: n.start, end: n.end, iCalUID,
      sequence: n.sequence ?? 0, created: now, updated: now, etag: '', changeSeq: 0, creatorEmail: cal.ownerEmail,
    };
    return this.write(ev);
  }

  patch(calendarId: string, eventId: string, body: Record<string, unknown>, ifMatch?: string): StoredEvent {
    const cal = this.calendar(calendarId);
    const current = this.get(calendarId, eventId);
    this.checkIfMatch(current, ifMatch);
    const merged = mergePatch(writableView(current, cal.timeZone), body);
    return this.replaceWith(current, normalizeEventBody(merged, cal.timeZone, !!current.recurringEventId));
  }

  update(calendarId: string, eventId: string, body: Record<string, unknown>, ifMatch?: string): StoredEvent {
    const cal = this.calendar(calendarId);
    const current = this.get(calendarId, eventId);
    this.checkIfMatch(current, ifMatch);
    return this.replaceWith(current, normalizeEventBody(body, cal.timeZone, !!current.recurringEventId));
  }

  delete(calendarId: string, eventId: string, ifMatch?: string): void {
    const current = this.get(calendarId, eventId);
    if (current.status === 'cancelled') throw apiErrors.deleted();
    this.checkIfMatch(current, ifMatch);
    this.write({ ...current, status: 'cancelled' });
    if (isRecurringMaster(current)) {
      for (const ex of exceptionsOf(this.state, current).values()) {
        if (ex.status !== 'cancelled') this.write({ ...ex, status: 'cancelled' }, false);
      }
    }
  }

  private checkIfMatch(current: StoredEvent, ifMatch?: string): void {
    if (ifMatch && ifMatch !== '*' && ifMatch !== current.etag) throw apiErrors.conditionNotMet();
  }

  private replaceWith(current: StoredEvent, n: NormalizedEvent): StoredEvent {
    if (n.sequence !== undefined && n.sequence < current.sequence) {
      throw apiErrors.invalid('Invalid sequence value. The specified sequence number is below the current sequence number of the resource.', 'sequence');
    }
    const timeChanged = !sameTime(current.start, n.start) || !sameTime(current.end, n.end)
      || JSON.stringify(current.fields.recurrence) !== JSON.stringify(n.fields.recurrence);
    const sequence = Math.max(n.sequence ?? current.sequence, current.sequence + (timeChanged ? 1 : 0));
    return this.write({ ...current, status: n.status, fields: n.fields, start: n.start, end: n.end, sequence });
  }

  private write(ev: StoredEvent, notify = true): StoredEvent {
    const now = this.state.now();
    const stored: StoredEvent = { ...ev, updated: now, etag: this.state.nextEtag(now), changeSeq: this.state.nextChangeSeq() };
    if (!this.state.calendarEvents(ev.calendarId).has(ev.id)) stored.created = now;
    this.state.calendarEvents(ev.calendarId).set(ev.id, stored);
    if (notify) this.onChange(ev.calendarId);
    return stored;
  }
}
