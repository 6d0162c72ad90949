/**
 * Microsoft Graph calendars behind the CalendarAdapter port. No RetryHandler in the chain: the job queue owns
 * retries and must see throttling as ProviderRateLimitedError. Changes come from calendarView delta, so they are
 * instances (single events, occurrences, exceptions; never series masters), with the window fixed in the token.
 */
import type { Client, GraphRequest } from '@microsoft/microsoft-graph-client';
import { AsyncLocalStorage } from 'node:async_hooks';
import { createGraphClient } from '../../../../src/microsoft/graph-client';
import type { Logger } from '../../../../src/observability/logger';
import type {
  AccessTokenSource,
  CalendarAdapter,
  ChangePage,
  ChangePosition,
  ChangeSet,
  EventInput,
  EventTime,
  ExternalAccount,
  ExternalCalendar,
  ExternalEvent,
  SyncWindow,
  WatchHandle,
  WatchRequest,
} from './calendar-adapter';
import { isSuccessWithUnreadableBody, translateGraphError } from './microsoft-error-translation';
import {
  ENTRY_ID_PROPERTY_ID,
  formatGraphEvent,
  graphChangeSet,
  parseGraphCalendar,
  parseGraphEvent,
  type GraphCalendar,
  type GraphEvent,
  type RecurrenceProblemHandler,
} from './microsoft-event-mapper';
import type { GraphRecurrence } from './microsoft-recurrence';
import { expressesAsPattern, isAtStart, sameSeriesShape, withoutExdates } from './microsoft-series';
import { ProviderNotFoundError } from './provider-errors';
import { StaleCursorError } from './stale-cursor-error';
import { collectChanges } from './change-pages';
import { unlimited, type RequestLimiter } from './request-limiter';
import { DEFAULT_SYNC_WINDOW, syncWindowAt, type SyncWindowDays } from './sync-window';

export interface MicrosoftCalendarAdapterConfig {
  /** `config.providers.microsoft.graphUrl`: https://graph.microsoft.com or the simulator. */
  graphUrl: string;
  accessToken: AccessTokenSource;
  timeoutMs?: number;
  /** calendarView delta window around now; Graph fixes it in the delta token until the next full listing. */
  syncWindow?: SyncWindowDays;
  pageSize?: number;
  /** Bounds requests in flight to this mailbox (Outlook: 4 per app and mailbox). */
  limiter?: RequestLimiter;
  logger?: Pick<Logger, 'warn'>;
}

interface GraphPage<T> { value: T[]; '@odata.nextLink'?: string; '@odata.deltaLink'?: string }

/** Graph's ceiling for event subscriptions, less a margin for clock skew between us and Graph. */
const MAX_SUBSCRIPTION_MINUTES = 4230 - 10;
const DEFAULT_TIMEOUT_MS = 30_000;
const DAY_MS = 86_400_000;
/** Times in UTC so instants need no zone lookups; bodies as text, since we write text. */
const READ_PREFERENCES = 'outlook.timezone="UTC", outlook.body-content-type="text"';

export class MicrosoftCalendarAdapter implements CalendarAdapter {
  readonly providerType = 'microsoft' as const;
  private readonly client: Client;
  /** The token fetched for the request in flight; see `send`. */
  private readonly requestToken = new AsyncLocalStorage<string>();
  private readonly onRecurrenceProblem: RecurrenceProblemHandler;

  constructor(private readonly config: MicrosoftCalendarAdapterConfig) {
    const token = () => {
      const fetched = this.requestToken.getStore();
      return fetched ? Promise.resolve(fetched) : config.accessToken();
    };
    this.client = createGraphClient(config.graphUrl.replace(/\/+$/, ''), token);
    this.onRecurrenceProblem = (eventId, problem) =>
      config.logger?.warn({ eventId, err: problem.message }, 'graph recurrence pattern not converted; event synced without recurrence');
  }

  /** Work accounts without a mailbox address have only their UPN; `id` is the user's object id. */
  async account(): Promise<ExternalAccount> {
    const me = await this.send<{ id?: string; mail?: string | null; userPrincipalName?: string | null }>('me.get', () =>
      this.request('/me').select(['id', 'mail', 'userPrincipalName']).get());
    if (!me.id) throw new Error('graph /me: no id in the answer');
    return { id: me.id, email: me.mail || me.userPrincipalName || null };
  }

  async listCalendars(): Promise<ExternalCalendar[]> {
    return (await this.allPages<GraphCalendar>('calendars.list', '/me/calendars')).map(parseGraphCalendar);
  }

  /**
   * A delta link starts an incremental round; a nextLink continues one (Graph keeps the window and preferences in
   * it). A refused link (410 / syncStateNotFound) becomes a full round over a fresh window, flagged fullResync.
   */
  async listChangesPage(calendarId: string, position: ChangePosition): Promise<ChangePage> {
    const resumed = position.page ?? position.cursor;
    if (resumed !== null) {
      try {
        return await this.deltaPage(resumed, position.page === null ? { fullListing: false, window: null } : null, false);
      } catch (error) {
        if (!(error instanceof StaleCursorError)) throw error;
      }
    }
    const window = syncWindowAt(Date.now(), this.config.syncWindow ?? DEFAULT_SYNC_WINDOW);
    return this.deltaPage(this.initialDeltaUrl(calendarId, window), { fullListing: true, window }, resumed !== null);
  }

  listChanges(calendarId: string, cursor: string | null): Promise<ChangeSet> {
    return collectChanges(this, calendarId, cursor);
  }

  async getEvent(calendarId: string, eventId: string): Promise<ExternalEvent | null> {
    try {
      const event = await this.send<GraphEvent>('events.get', () => this.request(this.eventPath(calendarId, eventId))
        .expand(`singleValueExtendedProperties($filter=id eq '${ENTRY_ID_PROPERTY_ID}')`).get());
      return parseGraphEvent(event, this.onRecurrenceProblem);
    } catch (error) {
      if (error instanceof ProviderNotFoundError) return null;
      throw error;
    }
  }

  /** `transactionId` makes Graph answer a retried POST with the event the first attempt created. */
  async createEvent(calendarId: string, input: EventInput): Promise<ExternalEvent> {
    const body = { ...formatGraphEvent(withoutExdates(input)), transactionId: input.idempotencyKey };
    const path = `/me/calendars/${encodeURIComponent(calendarId)}/events`;
    const created = await this.send<GraphEvent>('events.create', () => this.request(path).post(body));
    return this.cancelOccurrences(calendarId, this.parseWritten(created, input), input);
  }

  async updateEvent(calendarId: string, eventId: string, input: EventInput, ifVersion?: string): Promise<ExternalEvent> {
    const body = await this.seriesPatch(calendarId, eventId, formatGraphEvent(withoutExdates(input)));
    const updated = await this.send<GraphEvent>('events.update', () => {
      const request = this.request(this.eventPath(calendarId, eventId));
      // The version is the changeKey; Graph's event etag is that changeKey as a weak etag.
      if (ifVersion) request.header('If-Match', `W/"${ifVersion}"`);
      return request.patch(body);
    });
    return this.cancelOccurrences(calendarId, this.parseWritten(updated, input), input);
  }

  async listInstances(calendarId: string, seriesEventId: string, window: SyncWindow): Promise<ExternalEvent[]> {
    const query = new URLSearchParams({ startDateTime: window.start.toISOString(), endDateTime: window.end.toISOString(), $top: '500' });
    const items = await this.allPages<GraphEvent>('events.instances', `${this.eventPath(calendarId, seriesEventId)}/instances?${query}`);
    return items.filter((item) => !item.isCancelled).map((item) => parseGraphEvent(item, this.onRecurrenceProblem));
  }

  /** EXDATE lines are applied as deleted occurrences; the rest must convert to a pattern. */
  expresses(recurrence: readonly string[], start: EventTime): boolean {
    return expressesAsPattern(recurrence, start);
  }

  /** `instances` windows by the current times: a week either side also finds an occurrence moved a little. */
  async findInstance(calendarId: string, seriesEventId: string, originalStart: string): Promise<ExternalEvent | null> {
    const at = Date.parse(originalStart.length === 10 ? `${originalStart}T00:00:00Z` : originalStart);
    const window = { start: new Date(at - 7 * DAY_MS), end: new Date(at + 8 * DAY_MS) };
    return (await this.listInstances(calendarId, seriesEventId, window)).find((instance) => isAtStart(instance, [originalStart])) ?? null;
  }

  async deleteEvent(calendarId: string, eventId: string): Promise<void> {
    await this.deleteIgnoringMissing('events.delete', this.eventPath(calendarId, eventId));
  }

  async watch(calendarId: string, request: WatchRequest): Promise<WatchHandle> {
    const body = {
      changeType: 'created,updated,deleted',
      notificationUrl: request.address,
      // Graph accepts the lifecycle URL only at creation, so it is now or never.
      ...(request.lifecycleAddress ? { lifecycleNotificationUrl: request.lifecycleAddress } : {}),
      resource: `me/calendars/${calendarId}/events`,
      expirationDateTime: this.expiryFor(request.ttlSeconds, request.now),
      clientState: request.secret,
    };
    const subscription = await this.send<{ id: string; expirationDateTime: string }>('subscriptions.create', () =>
      this.request('/subscriptions').post(body));
    return { id: subscription.id, resourceId: null, expiresAt: new Date(subscription.expirationDateTime) };
  }

  async unwatch(handle: WatchHandle): Promise<void> {
    await this.deleteIgnoringMissing('subscriptions.delete', `/subscriptions/${encodeURIComponent(handle.id)}`);
  }

  /** PATCHes the expiry; a vanished subscription stays ProviderNotFoundError so the caller creates a new one. */
  async renew(_calendarId: string, handle: WatchHandle, request: WatchRequest): Promise<WatchHandle> {
    const body = { expirationDateTime: this.expiryFor(request.ttlSeconds, request.now) };
    const renewed = await this.send<{ id: string; expirationDateTime: string }>('subscriptions.renew', () =>
      this.request(`/subscriptions/${encodeURIComponent(handle.id)}`).patch(body));
    return { id: renewed.id ?? handle.id, resourceId: null, expiresAt: new Date(renewed.expirationDateTime) };
  }

  /**
   * A master PATCHed with its times or pattern loses its exceptions and cancellations (Outlook rebuilds the
   * series), so when neither changes they stay out of the body.
   */
  private async seriesPatch(calendarId: string, eventId: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
    if (!body.recurrence) return body;
    const current = await this.send<GraphEvent>('events.get', () => this.request(this.eventPath(calendarId, eventId)).get());
    if (current.type !== 'seriesMaster') return body;
    const parsed = parseGraphEvent(current);
    const written = parseGraphEvent({ ...(body as unknown as GraphEvent), id: eventId });
    const same = sameSeriesShape(
      { ...current, startInstant: instantKey(parsed.start), endInstant: instantKey(parsed.end) },
      { ...(body as { recurrence: GraphRecurrence }), startInstant: instantKey(written.start)!, endInstant: instantKey(written.end)! },
    );
    if (!same) return body;
    const { start: _start, end: _end, recurrence: _recurrence, isAllDay: _isAllDay, ...rest } = body;
    return rest;
  }

  /** Patterns cannot carry EXDATE: the occurrences the entry leaves out are deleted once the master is written. */
  private async cancelOccurrences(calendarId: string, written: ExternalEvent, input: EventInput): Promise<ExternalEvent> {
    const starts = input.cancelledStarts ?? [];
    if (starts.length === 0 || !written.recurrence) return written;
    const instants = starts.map((start) => Date.parse(start.length === 10 ? `${start}T00:00:00Z` : start));
    const window = { start: new Date(Math.min(...instants) - DAY_MS), end: new Date(Math.max(...instants) + 2 * DAY_MS) };
    const doomed = (await this.listInstances(calendarId, written.id, window)).filter((instance) => isAtStart(instance, starts));
    for (const instance of doomed) await this.deleteEvent(calendarId, instance.id);
    if (doomed.length === 0) return written;
    // Each cancellation moves the master's changeKey: the version to remember is the one after them.
    return (await this.getEvent(calendarId, written.id)) ?? written;
  }

  private initialDeltaUrl(calendarId: string, window: SyncWindow): string {
    const query = new URLSearchParams({ startDateTime: window.start.toISOString(), endDateTime: window.end.toISOString() });
    return `/me/calendars/${encodeURIComponent(calendarId)}/calendarView/delta?${query}`;
  }

  /** One delta page with the same preferences on every page; `round` is set when this page starts a round. */
  private async deltaPage(url: string, round: { fullListing: boolean; window: SyncWindow | null } | null, fullResync: boolean): Promise<ChangePage> {
    const prefer = `odata.maxpagesize=${this.config.pageSize ?? 100}, ${READ_PREFERENCES}`;
    const page = await this.send<GraphPage<GraphEvent>>('calendarView.delta', () => this.request(url, prefer).get());
    const nextPage = page['@odata.nextLink'] ?? null;
    const nextCursor = nextPage ? null : page['@odata.deltaLink'] ?? null;
    if (!nextPage && !nextCursor) throw new Error('graph calendarView.delta: last page has neither nextLink nor deltaLink');
    const changes = graphChangeSet(page.value, nextCursor ?? '', fullResync, this.onRecurrenceProblem);
    return {
      upserted: changes.upserted,
      deletedIds: changes.deletedIds,
      nextPage,
      nextCursor,
      startsRound: round !== null,
      fullListing: round?.fullListing ?? false,
      fullResync,
      window: round?.window ?? null,
    };
  }

  private async allPages<T>(operation: string, firstUrl: string): Promise<T[]> {
    const items: T[] = [];
    let url: string | undefined = firstUrl;
    while (url) {
      const page: GraphPage<T> = await this.send<GraphPage<T>>(operation, () => this.request(url!).get());
      items.push(...page.value);
      url = page['@odata.nextLink'];
    }
    return items;
  }

  /** POST/PATCH answers do not expand extended properties; the entry id is the one this very request wrote. */
  private parseWritten(event: GraphEvent, input: EventInput): ExternalEvent {
    const parsed = parseGraphEvent(event, this.onRecurrenceProblem);
    return { ...parsed, switchboardEntryId: parsed.switchboardEntryId ?? input.switchboardEntryId };
  }

  /** Already gone is done; a 204 mislabelled as JSON (the SDK cannot parse it) is done too. */
  private async deleteIgnoringMissing(operation: string, path: string): Promise<void> {
    const token = await this.config.accessToken();
    try {
      await this.requestToken.run(token, () => this.request(path).delete());
    } catch (error) {
      if (isSuccessWithUnreadableBody(error)) return;
      const translated = translateGraphError(operation, error);
      if (!(translated instanceof ProviderNotFoundError)) throw translated;
    }
  }

  private expiryFor(ttlSeconds: number, now = new Date()): string {
    const minutes = Math.min(Math.max(ttlSeconds, 60) / 60, MAX_SUBSCRIPTION_MINUTES);
    return new Date(now.getTime() + minutes * 60_000).toISOString();
  }

  private eventPath(calendarId: string, eventId: string): string {
    return `/me/calendars/${encodeURIComponent(calendarId)}/events/${encodeURIComponent(eventId)}`;
  }

  private request(path: string, prefer = READ_PREFERENCES): GraphRequest {
    return this.client.api(path).header('Prefer', prefer).option('signal', AbortSignal.timeout(this.config.timeoutMs ?? DEFAULT_TIMEOUT_MS));
  }

  /**
   * The token is fetched before the SDK runs, so token source failures (ProviderAuthError, DB errors) reach the
   * caller untouched: inside the SDK's middleware chain they would come out as a GraphError with only the class
   * name left. The middleware then reuses this token instead of asking again.
   */
  private async send<T>(operation: string, run: () => Promise<T>): Promise<T> {
    const token = await this.config.accessToken();
    try {
      return await (this.config.limiter ?? unlimited)(() => this.requestToken.run(token, run));
    } catch (error) {
      throw translateGraphError(operation, error);
    }
  }
}

function instantKey(time: EventTime | null): string | null {
  if (!time) return null;
  return 'date' in time ? time.date : new Date(time.dateTime).toISOString();
}
