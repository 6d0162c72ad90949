// Renders instances as Graph `event` JSON: times in the requested zone (Prefer: outlook.timezone), `@odata.etag`
// from the changeKey, `$select`, and `$expand=singleValueExtendedProperties($filter=id eq '...')`.
import type { Instance } from './event-store';
import { etagOf } from './event-store';
import type { EventRecord } from './state';
import { formatInZone, isoOffset } from './timezones';

export interface RenderOptions {
  /** IANA zone used for start/end, and the name echoed in `timeZone` (as the client sent it). */
  zone: { iana: string; name: string };
  select?: Set<string>;
  /** undefined: extended properties not expanded; null: all; array: those ids (case-insensitive). */
  expandExtendedProperties?: string[] | null;
}

function dtz(ms: number, record: EventRecord, opts: RenderOptions): { dateTime: string; timeZone: string } {
  if (record.isAllDay) return { dateTime: formatInZone(ms, 'UTC'), timeZone: opts.zone.name };
  return { dateTime: formatInZone(ms, opts.zone.iana), timeZone: opts.zone.name };
}

function bodyPreview(fields: Record<string, unknown>): string {
  const body = fields.body as { content?: string } | undefined;
  return (body?.content ?? '').replace(/<[^>]*>/g, '').replace(/\s+/g, ' ').trim().slice(0, 255);
}

/**
 * Graph answers with every pattern and range property, defaults filled in (month 0, dayOfMonth 0, index first,
 * firstDayOfWeek sunday, numberOfOccurrences 0, recurrenceTimeZone = the start's zone), whatever the client sent
 * (user-post-events, response 3). Readers must therefore ignore the properties a pattern type does not use.
 */
function renderRecurrence(record: EventRecord): Record<string, unknown> | null {
  if (!record.recurrence) return null;
  const { pattern, range } = record.recurrence;
  return {
    pattern: {
      type: pattern.type, interval: pattern.interval ?? 1, month: pattern.month ?? 0, dayOfMonth: pattern.dayOfMonth ?? 0,
      daysOfWeek: (pattern.daysOfWeek ?? []).map((day) => day.toLowerCase()),
      firstDayOfWeek: (pattern.firstDayOfWeek ?? 'sunday').toLowerCase(), index: (pattern.index ?? 'first').toLowerCase(),
    },
    range: {
      type: range.type, startDate: range.startDate, endDate: range.type === 'endDate' ? range.endDate : '0001-01-01',
      recurrenceTimeZone: range.recurrenceTimeZone ?? record.startTimeZone,
      numberOfOccurrences: range.type === 'numbered' ? range.numberOfOccurrences : 0,
    },
  };
}

export function renderInstance(inst: Instance, opts: RenderOptions): Record<string, unknown> {
  const r = inst.record;
  const f = r.fields;
  const full: Record<string, unknown> = {
    '@odata.etag': etagOf(inst.changeKey),
    id: inst.id,
    createdDateTime: isoOffset(r.createdMs),
    lastModifiedDateTime: isoOffset(r.lastModifiedMs),
    changeKey: inst.changeKey,
    categories: f.categories ?? [],
    transactionId: inst.type === 'occurrence' ? null : r.transactionId ?? null,
    originalStartTimeZone: r.startTimeZone,
    originalEndTimeZone: r.endTimeZone,
    iCalUId: inst.iCalUId,
    uid: inst.master?.iCalUId ?? r.iCalUId,
    reminderMinutesBeforeStart: f.reminderMinutesBeforeStart ?? 15,
    isReminderOn: f.isReminderOn ?? true,
    hasAttachments: false,
    subject: f.subject ?? '',
    bodyPreview: bodyPreview(f),
    importance: f.importance ?? 'normal',
    sensitivity: f.sensitivity ?? 'normal',
    isAllDay: r.isAllDay,
    isCancelled: f.isCancelled ?? false,
    isOrganizer: true,
    responseRequested: f.responseRequested ?? true,
    seriesMasterId: inst.type === 'occurrence' || inst.type === 'exception' ? inst.master?.id ?? r.seriesMasterId ?? null : null,
    showAs: f.showAs ?? 'busy',
    type: inst.type,
    webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(inst.id)}&exvsurl=1&path=/calendar/item`,
    onlineMeetingUrl: null,
    isOnlineMeeting: f.isOnlineMeeting ?? false,
    onlineMeetingProvider: f.onlineMeetingProvider ?? 'unknown',
    allowNewTimeProposals: f.allowNewTimeProposals ?? true,
    isDraft: false,
    hideAttendees: f.hideAttendees ?? false,
    responseStatus: { response: 'organizer', time: '0001-01-01T00:00:00Z' },
    body: f.body ?? { contentType: 'html', content: '' },
    start: dtz(inst.startMs, r, opts),
    end: dtz(inst.endMs, r, opts),
    location: f.location ?? { displayName: '', locationType: 'default', uniqueIdType: 'unknown' },
    locations: f.locations ?? [],
    recurrence: inst.type === 'seriesMaster' ? renderRecurrence(r) : null,
    attendees: f.attendees ?? [],
    organizer: f.organizer ?? null,
    onlineMeeting: null,
  };
  if (inst.originalStartMs !== undefined) {
    full.originalStart = isoOffset(inst.originalStartMs);
  }
  const out = applySelect(full, opts.select);
  if (opts.expandExtendedProperties !== undefined) {
    const wanted = opts.expandExtendedProperties?.map((id) => id.toLowerCase());
    const props = r.extendedProperties.filter((p) => !wanted || wanted.includes(p.id.toLowerCase()));
    if (props.length > 0) out.singleValueExtendedProperties = props.map((p) => ({ id: p.id, value: p.value }));
  }
  return out;
}

/** `$select`: only the named properties plus `id` and `@odata.etag`, as Graph returns them. */
export function applySelect(full: Record<string, unknown>, select?: Set<string>): Record<string, unknown> {
  if (!select || select.size === 0) return full;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(full)) {
    if (key === 'id' || key === '@odata.etag' || select.has(key.toLowerCase())) out[key] = value;
  }
  return out;
}
