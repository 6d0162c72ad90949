/** The schedule's domain shapes (no I/O). */
export type ScheduleEntryStatus = 'scheduled' | 'cancelled';

export interface ScheduleEntryRecord {
  id: string;
  tenantId: string;
  title: string;
  notes: string | null;
  location: string | null;
  allDay: boolean;
  startsAt: Date;
  endsAt: Date;
  /** All-day only, YYYY-MM-DD; endDate inclusive. */
  startDate: string | null;
  endDate: string | null;
  timeZone: string;
  recurrence: string[];
  /** End of the last occurrence; null for an unbounded series. */
  recurrenceEndsAt: Date | null;
  seriesId: string | null;
  originalStartsAt: Date | null;
  isPrivate: boolean;
  status: ScheduleEntryStatus;
  externalRef: string | null;
  version: number;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  assigneeIds: string[];
}

/** The fields a write decides; the rest (id, tenant, version, timestamps) belong to the repository. */
export type ScheduleEntryFields = Pick<
  ScheduleEntryRecord,
  | 'title'
  | 'notes'
  | 'location'
  | 'allDay'
  | 'startsAt'
  | 'endsAt'
  | 'startDate'
  | 'endDate'
  | 'timeZone'
  | 'recurrence'
  | 'recurrenceEndsAt'
  | 'isPrivate'
  | 'status'
  | 'externalRef'
  | 'assigneeIds'
>;

export interface ScheduleOccurrenceView {
  entry: ScheduleEntryRecord;
  startsAt: Date;
  endsAt: Date;
  startDate: string | null;
  endDate: string | null;
  originalStartsAt: Date;
  isException: boolean;
}

export const isSeries = (entry: Pick<ScheduleEntryRecord, 'recurrence'>) => entry.recurrence.length > 0;
