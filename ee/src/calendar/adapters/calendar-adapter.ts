/**
 * The port every calendar provider implements (Cal.com-style: one interface, one adapter per provider, a factory
 * keyed by provider type). Nothing outside `adapters/` imports googleapis or Graph types; payloads are normalised
 * into these neutral shapes in each adapter's private parse step.
 */
export type CalendarProviderType = 'google' | 'microsoft';

/** Either a UTC instant (timed) or a calendar date (all-day, end exclusive). */
export type EventTime = { dateTime: string; timeZone: string | null } | { date: string };

export interface ExternalCalendar {
  id: string;
  name: string;
  primary: boolean;
  timeZone: string | null;
  canEdit: boolean;
}

/** The external account a grant belongs to (Google userinfo / Graph `/me`). */
export interface ExternalAccount {
  /** Stable across renames: Google `sub`, Graph user `id`. */
  id: string;
  /** For display: Google `email`, Graph `mail` or else `userPrincipalName`. */
  email: string | null;
}

export interface ExternalEvent {
  id: string;
  /** Google etag / Graph changeKey: changes on every provider-side write. */
  version: string | null;
  status: 'confirmed' | 'cancelled';
  title: string | null;
  notes: string | null;
  start: EventTime | null;
  end: EventTime | null;
  /** RFC 5545 lines (RRULE/EXDATE); Graph patterns are converted. Null for single events and instances. */
  recurrence: string[] | null;
  /** Set on instances/exceptions of a series. */
  seriesId: string | null;
  /** An instance's unmoved start: an ISO instant (timed) or a date (all-day). */
  originalStart: string | null;
  /**
   * What the event is within recurrence: a plain occurrence of a series carries nothing of its own (Graph lists
   * them; Google only with singleEvents), an exception is an edited instance. Absent: read from the fields above.
   */
  kind?: ExternalEventKind;
  /** Our schedule entry id, stored in the event (Google extendedProperties.private / Graph singleValueExtendedProperties). */
  switchboardEntryId: string | null;
  updatedAt: string | null;
}

export type ExternalEventKind = 'single' | 'series' | 'occurrence' | 'exception';

export interface EventInput {
  title: string;
  notes: string | null;
  start: EventTime;
  end: EventTime;
  recurrence: string[] | null;
  switchboardEntryId: string;
  /**
   * Stable per schedule entry: makes a retried create return the first event instead of a duplicate (Google:
   * client-chosen event id; Graph: transactionId).
   */
  idempotencyKey: string;
  /**
   * Starts (ISO instants, or dates for all-day series) of the instances the series' EXDATE lines leave out, within
   * the sync window. Google reads the EXDATE lines themselves; Graph patterns cannot carry them, so its adapter
   * writes the pattern without them and deletes these occurrences instead.
   */
  cancelledStarts?: string[];
}

export interface ChangeSet {
  /** Created or updated since the cursor (or all, on a full listing). */
  upserted: ExternalEvent[];
  /** Ids deleted since the cursor. A full listing has no tombstones: the caller diffs. */
  deletedIds: string[];
  /** Opaque cursor for the next incremental call (Google nextSyncToken / Graph deltaLink). */
  nextCursor: string;
  /** True when the provider refused the given cursor and this is a full listing (410 / syncStateNotFound). */
  fullResync: boolean;
}

/** Where a listing continues: the cursor of the last completed round, and a page inside the current one. */
export interface ChangePosition {
  cursor: string | null;
  /** From a previous `ChangePage.nextPage`; resumes that round (it encodes everything the round needs). */
  page: string | null;
}

/** Events a full listing covers: those overlapping [start, end). */
export interface SyncWindow {
  start: Date;
  end: Date;
}

/** One page of a round of changes; a caller that commits page by page can resume after a crash. */
export interface ChangePage {
  upserted: ExternalEvent[];
  deletedIds: string[];
  /** Continues this round; null on its last page. */
  nextPage: string | null;
  /** On the last page: where the next round starts (Google nextSyncToken / Graph deltaLink). */
  nextCursor: string | null;
  /** This page begins a round (rather than resuming one): the fields below describe that round. */
  startsRound: boolean;
  /** The round lists everything in the window and has no tombstones: the caller diffs. */
  fullListing: boolean;
  /** The provider refused the cursor (410 / syncStateNotFound), so the round is a full listing. */
  fullResync: boolean;
  /** What a full listing covers. */
  window: SyncWindow | null;
}

export interface WatchRequest {
  /** Our public HTTPS receiver (Google channel address / Graph notificationUrl). */
  address: string;
  /** Graph lifecycleNotificationUrl; ignored by Google. */
  lifecycleAddress?: string;
  /** Google channel token / Graph clientState: verified on every notification. */
  secret: string;
  ttlSeconds: number;
  /** The caller's clock, from which Graph's absolute expiry is computed (tests move it with the simulators'). */
  now?: Date;
}

export interface WatchHandle {
  /** Google channel id / Graph subscription id. */
  id: string;
  /** Google resourceId (needed to stop a channel); null for Graph. */
  resourceId: string | null;
  /** What the provider granted, not what was asked. */
  expiresAt: Date;
}

export interface CalendarAdapter {
  readonly providerType: CalendarProviderType;
  /** Who the access token belongs to. */
  account(): Promise<ExternalAccount>;
  listCalendars(): Promise<ExternalCalendar[]>;
  /** One page. A stale cursor or page starts a full listing over (`startsRound`, `fullResync`). */
  listChangesPage(calendarId: string, position: ChangePosition): Promise<ChangePage>;
  /** Follows every page of one round (tools and tests; the sync run goes page by page). */
  listChanges(calendarId: string, cursor: string | null): Promise<ChangeSet>;
  getEvent(calendarId: string, eventId: string): Promise<ExternalEvent | null>;
  createEvent(calendarId: string, input: EventInput): Promise<ExternalEvent>;
  /** `ifVersion` makes the write conditional (412 → PreconditionFailedError). */
  updateEvent(calendarId: string, eventId: string, input: EventInput, ifVersion?: string): Promise<ExternalEvent>;
  /** Idempotent: an already deleted event is not an error. */
  deleteEvent(calendarId: string, eventId: string): Promise<void>;
  /** Instances of a series overlapping the window (exceptions included, cancelled ones left out). */
  listInstances(calendarId: string, seriesEventId: string, window: SyncWindow): Promise<ExternalEvent[]>;
  /** The instance of a series whose unmoved start is `originalStart` (ISO instant or date), if it is live. */
  findInstance(calendarId: string, seriesEventId: string, originalStart: string): Promise<ExternalEvent | null>;
  /** Whether a series with these rule lines can be written as it is (Graph patterns take one plain RRULE). */
  expresses(recurrence: readonly string[], start: EventTime): boolean;
  watch(calendarId: string, request: WatchRequest): Promise<WatchHandle>;
  unwatch(handle: WatchHandle): Promise<void>;
  /** Google has no renew: a new channel is created (the caller stops the old one after overlap); Graph PATCHes. */
  renew(calendarId: string, handle: WatchHandle, request: WatchRequest): Promise<WatchHandle>;
}

/** Gives adapters a valid access token; the token manager refreshes ahead of expiry. */
export type AccessTokenSource = () => Promise<string>;
