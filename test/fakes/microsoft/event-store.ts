// Calendar items and their instances: create/update/delete with Outlook semantics (changeKey bump per edit,
// transactionId de-duplication, occurrence → exception on edit, cancelled occurrences) and a change feed that
// subscriptions listen to. Delta reads instances through `instancesInWindow`.
import { EventInput, GraphInputError, parseEventInput } from './event-input';
import { isOccurrenceStart, occurrenceStarts } from './recurrence';
import { EventRecord, SimState, iCalUid, newChangeKey, outlookId } from './state';

export type ChangeType = 'created' | 'updated' | 'deleted';
export interface EventChange { userId: string; calendarId: string; eventId: string; changeType: ChangeType; etag: string }

/** What Graph returns: a stored item, or a computed occurrence of a series. */
export interface Instance {
  id: string;
  type: 'singleInstance' | 'seriesMaster' | 'occurrence' | 'exception';
  record: EventRecord;
  master?: EventRecord;
  startMs: number;
  endMs: number;
  originalStartMs?: number;
  iCalUId: string;
  changeKey: string;
  /** Changes whenever the instance's content changes (what delta compares). */
  signature: string;
}

const OCCURRENCE_PREFIX = 'AAMkOC';

export function occurrenceId(masterId: string, originalStartMs: number): string {
  return OCCURRENCE_PREFIX + Buffer.from(`${masterId}|${originalStartMs}`).toString('base64url');
}

function parseOccurrenceId(id: string): { masterId: string; originalStartMs: number } | null {
  if (!id.startsWith(OCCURRENCE_PREFIX)) return null;
  const [masterId, ms] = Buffer.from(id.slice(OCCURRENCE_PREFIX.length), 'base64url').toString('utf8').split('|');
  return masterId && ms && /^\d+$/.test(ms) ? { masterId, originalStartMs: Number(ms) } : null;
}

/** Occurrences get their own iCalUId: the master's with the instance date written into bytes 16-19, as Outlook does. */
function occurrenceICalUId(master: EventRecord, originalStartMs: number): string {
  const d = new Date(originalStartMs);
  const stamp = d.getUTCFullYear().toString(16).padStart(4, '0') + (d.getUTCMonth() + 1).toString(16).padStart(2, '0') + d.getUTCDate().toString(16).padStart(2, '0');
  return (master.iCalUId.slice(0, 32) + stamp + master.iCalUId.slice(40)).toUpperCase();
}

export function etagOf(changeKey: string): string {
  return `W/"${changeKey}"`;
}

export class EventStore {
  private readonly listeners: ((change: EventChange) => void)[] = [];

  constructor(private readonly state: SimState) {}

  onChange(listener: (change: EventChange) => void): void {
    this.listeners.push(listener);
  }

  private emit(record: EventRecord, changeType: ChangeType): void {
    const change = { userId: record.userId, calendarId: record.calendarId, eventId: record.id, changeType, etag: etagOf(record.changeKey) };
    for (const listener of this.listeners) listener(change);
  }

  /** POST /events. Same transactionId as a live item in the mailbox → that item, nothing created. */
  create(userId: string, calendarId: string, body: Record<string, unknown> | undefined): { record: EventRecord; created: boolean } {
    const input = parseEventInput(body);
    if (input.transactionId) {
      const existing = this.state.eventsOf(userId).find((e) => e.transactionId === input.transactionId);
      if (existing) return { record: existing, created: false };
    }
    const now = this.state.now();
    const times = input.times!;
    const record: EventRecord = {
      id: outlookId(), userId, calendarId, type: input.recurrence ? 'seriesMaster' : 'singleInstance',
      ...times, recurrence: input.recurrence ?? null, cancelledOccurrences: [], seriesVersion: 1,
      fields: { subject: '', ...input.fields }, transactionId: input.transactionId, iCalUId: iCalUid(),
      changeKey: newChangeKey(), createdMs: now, lastModifiedMs: now, extendedProperties: input.extendedProperties ?? [],
    };
    this.state.events.set(record.id, record);
    this.emit(record, 'created');
    return { record, created: true };
  }

  /** Items /events lists: single instances and series masters (exceptions and occurrences are not items there). */
  listItems(userId: string, calendarId: string): EventRecord[] {
    return this.state.eventsOf(userId, calendarId).filter((e) => e.type !== 'exception').sort((a, b) => a.createdMs - b.createdMs);
  }

  find(userId: string, id: string): Instance | undefined {
    const record = this.state.events.get(id);
    if (record && record.userId === userId) {
      if (record.type === 'exception') return this.exceptionInstance(record);
      return this.storedInstance(record);
    }
    const occ = parseOccurrenceId(id);
    if (!occ) return undefined;
    const master = this.state.events.get(occ.masterId);
    if (!master || master.userId !== userId || master.type !== 'seriesMaster') return undefined;
    if (master.cancelledOccurrences.includes(occ.originalStartMs) || !isOccurrenceStart(master, occ.originalStartMs)) return undefined;
    return this.occurrence(master, occ.originalStartMs);
  }

  private storedInstance(record: EventRecord): Instance {
    return {
      id: record.id, type: record.type as Instance['type'], record, startMs: record.startMs, endMs: record.endMs,
      iCalUId: record.iCalUId, changeKey: record.changeKey, signature: record.changeKey,
    };
  }

  private exceptionInstance(record: EventRecord): Instance {
    const master = this.state.events.get(record.seriesMasterId ?? '');
    return { ...this.storedInstance(record), type: 'exception', master, originalStartMs: record.originalStartMs };
  }

  private occurrence(master: EventRecord, originalStartMs: number): Instance {
    const exception = this.state.events.get(occurrenceId(master.id, originalStartMs));
    if (exception) return this.exceptionInstance(exception);
    return {
      id: occurrenceId(master.id, originalStartMs), type: 'occurrence', record: master, master, startMs: originalStartMs,
      endMs: originalStartMs + (master.endMs - master.startMs), originalStartMs, iCalUId: occurrenceICalUId(master, originalStartMs),
      changeKey: master.changeKey, signature: `series:${master.seriesVersion}`,
    };
  }

  /** Occurrences (with exceptions substituted, cancellations dropped) of one series in a window. */
  seriesInstances(master: EventRecord, startMs: number, endMs: number): Instance[] {
    const out = occurrenceStarts(master, startMs, endMs)
      .filter((ms) => !master.cancelledOccurrences.includes(ms))
      .map((ms) => this.occurrence(master, ms))
      .filter((i) => i.startMs < endMs && i.endMs > startMs);
    for (const exception of this.exceptionsOf(master)) {
      const inst = this.exceptionInstance(exception);
      const overlaps = inst.startMs < endMs && inst.endMs > startMs;
      if (overlaps && !out.some((o) => o.id === inst.id)) out.push(inst);
    }
    return out.sort((a, b) => a.startMs - b.startMs);
  }

  /** calendarView: single instances, occurrences and exceptions overlapping the window, by start. */
  instancesInWindow(userId: string, calendarId: string, startMs: number, endMs: number): Instance[] {
    const out: Instance[] = [];
    for (const record of this.listItems(userId, calendarId)) {
      if (record.type === 'seriesMaster') out.push(...this.seriesInstances(record, startMs, endMs));
      else if (record.startMs < endMs && (record.endMs > startMs || (record.endMs === record.startMs && record.startMs >= startMs))) {
        out.push(this.storedInstance(record));
      }
    }
    return out.sort((a, b) => a.startMs - b.startMs || a.id.localeCompare(b.id));
  }

  private exceptionsOf(master: EventRecord): EventRecord[] {
    return [...this.state.events.values()].filter((e) => e.type === 'exception' && e.seriesMasterId === master.id);
  }

  private touch(record: EventRecord): void {
    record.changeKey = newChangeKey();
    record.lastModifiedMs = Math.max(this.state.now(), record.lastModifiedMs + 1);
  }

  private checkIfMatch(instance: Instance, ifMatch: string | undefined): void {
    if (!ifMatch || ifMatch.trim() === '*') return;
    const wanted = ifMatch.trim().replace(/^W\//, '').replace(/^"|"$/g, '');
    if (wanted !== instance.changeKey) {
      throw new GraphInputError(412, 'ErrorIrresolvableConflict', 'The send or update operation could not be performed because the change key passed in the request does not match the current change key for the item.');
    }
  }

  /** PATCH. Editing an occurrence turns it into an exception; the master's changeKey moves too (Exchange does). */
  update(userId: string, id: string, body: Record<string, unknown> | undefined, ifMatch?: string): Instance {
    const instance = this.find(userId, id);
    if (!instance) throw notFound();
    this.checkIfMatch(instance, ifMatch);
    if (instance.type === 'occurrence') return this.makeException(instance, body);
    const record = instance.record;
    const input = parseEventInput(body, record);
    this.apply(record, input);
    if (record.type === 'exception' && instance.master) {
      this.touch(instance.master);
      this.emit(instance.master, 'updated');
      return this.exceptionInstance(record);
    }
    this.emit(record, 'updated');
    return this.storedInstance(record);
  }

  private apply(record: EventRecord, input: EventInput): void {
    Object.assign(record.fields, input.fields);
    if (input.extendedProperties) {
      for (const prop of input.extendedProperties) {
        const current = record.extendedProperties.find((p) => p.id.toLowerCase() === prop.id.toLowerCase());
        if (current) current.value = prop.value;
        else record.extendedProperties.push(prop);
      }
    }
    const seriesShapeChanged = record.type === 'seriesMaster' && (input.times || input.recurrence !== undefined);
    if (input.times) Object.assign(record, input.times);
    if (input.recurrence !== undefined && record.type !== 'exception') {
      record.recurrence = input.recurrence;
      record.type = input.recurrence ? 'seriesMaster' : 'singleInstance';
    }
    if (seriesShapeChanged) this.dropExceptions(record);
    record.seriesVersion += 1;
    this.touch(record);
  }

  /** Changing a series' times or pattern discards its exceptions and cancellations, as Outlook does. */
  private dropExceptions(master: EventRecord): void {
    for (const exception of this.exceptionsOf(master)) this.state.events.delete(exception.id);
    master.cancelledOccurrences = [];
  }

  private makeException(occurrence: Instance, body: Record<string, unknown> | undefined): Instance {
    const master = occurrence.master!;
    const now = this.state.now();
    const record: EventRecord = {
      ...master, id: occurrence.id, type: 'exception', seriesMasterId: master.id, originalStartMs: occurrence.originalStartMs,
      startMs: occurrence.startMs, endMs: occurrence.endMs, recurrence: null, cancelledOccurrences: [], seriesVersion: 1,
      fields: structuredClone(master.fields), transactionId: undefined, iCalUId: occurrence.iCalUId,
      extendedProperties: master.extendedProperties.map((p) => ({ ...p })), createdMs: now,
    };
    this.apply(record, parseEventInput(body, record));
    this.state.events.set(record.id, record);
    this.touch(master);
    this.emit(master, 'updated');
    return this.exceptionInstance(record);
  }

  /** DELETE. Occurrences and exceptions are cancelled within their series; masters take their exceptions along. */
  delete(userId: string, id: string, ifMatch?: string): void {
    const instance = this.find(userId, id);
    if (!instance) throw notFound();
    this.checkIfMatch(instance, ifMatch);
    if (instance.type === 'occurrence' || instance.type === 'exception') {
      const master = instance.master!;
      this.state.events.delete(instance.id);
      master.cancelledOccurrences.push(instance.originalStartMs!);
      this.touch(master);
      this.emit(master, 'updated');
      return;
    }
    if (instance.type === 'seriesMaster') for (const exception of this.exceptionsOf(instance.record)) this.state.events.delete(exception.id);
    this.state.events.delete(instance.id);
    this.emit(instance.record, 'deleted');
  }
}

export function notFound(): GraphInputError {
  return new GraphInputError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
}
