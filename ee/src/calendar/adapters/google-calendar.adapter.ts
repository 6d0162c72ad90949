/**
 * Google Calendar API v3 behind the CalendarAdapter port. googleapis' own retries are off: the job queue owns the
 * retry policy and needs to see every rate limit (as ProviderRateLimitedError) to delay the job.
 */
import { randomUUID } from 'node:crypto';
import { googleAuth, googleCalendar, type calendar_v3 } from '../google-api';
import type {
  AccessTokenSource,
  CalendarAdapter,
  ChangePage,
  ChangePosition,
  ChangeSet,
  EventInput,
  ExternalAccount,
  ExternalCalendar,
  ExternalEvent,
  SyncWindow,
  WatchHandle,
  WatchRequest,
} from './calendar-adapter';
import { googleStatus, translateGoogleError } from './google-error-translation';
import { formatGoogleEvent, googleChangeSet, googleEventIdFor, parseGoogleCalendar, parseGoogleEvent } from './google-event-mapper';
import { ProviderNotFoundError } from './provider-errors';
import { StaleCursorError } from './stale-cursor-error';
import { collectChanges } from './change-pages';
import { unlimited, type RequestLimiter } from './request-limiter';
import { DEFAULT_SYNC_WINDOW, syncWindowAt, type SyncWindowDays } from './sync-window';

export interface GoogleCalendarAdapterConfig {
  /** `config.providers.google.apiUrl`: https://www.googleapis.com/ or the simulator. */
  apiRootUrl: string;
  accessToken: AccessTokenSource;
  /** Needed under jest: gaxios' lazy node-fetch import fails without --experimental-vm-modules. */
  fetchImplementation?: typeof fetch;
  timeoutMs?: number;
  /** events.list page size (Google allows up to 2500). */
  pageSize?: number;
  /** What a full listing covers, around now. */
  syncWindow?: SyncWindowDays;
  /** Bounds requests in flight to this account. */
  limiter?: RequestLimiter;
}

/** A round's query, carried in its page tokens. */
type GoogleRound = ({ mode: 'incremental'; syncToken: string } | { mode: 'full'; timeMin: string; timeMax: string }) & { pageToken?: string };

const encodeRound = (round: GoogleRound) => Buffer.from(JSON.stringify(round)).toString('base64url');

function decodeRound(page: string): GoogleRound {
  const round = JSON.parse(Buffer.from(page, 'base64url').toString('utf8')) as GoogleRound;
  if (round.mode !== 'incremental' && round.mode !== 'full') throw new Error('google listing: unreadable page position');
  return round;
}

type Api = calendar_v3.Calendar;
type OAuth2Client = InstanceType<typeof googleAuth.OAuth2>;

/** Google caps channel lifetimes at 7 days; asking for more is silently cut, so we cut first. */
const MAX_CHANNEL_TTL_SECONDS = 604_800;
const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_PAGE_SIZE = 1000;

export class GoogleCalendarAdapter implements CalendarAdapter {
  readonly providerType = 'google' as const;
  private readonly auth: OAuth2Client;
  private readonly api: Api;
  private readonly rootUrl: string;
  private readonly timeoutMs: number;

  constructor(private readonly config: GoogleCalendarAdapterConfig) {
    const transporterOptions = config.fetchImplementation ? { fetchImplementation: config.fetchImplementation } : undefined;
    this.auth = new googleAuth.OAuth2({ transporterOptions });
    this.rootUrl = config.apiRootUrl.endsWith('/') ? config.apiRootUrl : `${config.apiRootUrl}/`;
    this.timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.api = googleCalendar({ version: 'v3', rootUrl: this.rootUrl, auth: this.auth, retry: false, timeout: this.timeoutMs });
  }

  /**
   * OpenID Connect userinfo at `www.googleapis.com/oauth2/v3/userinfo` (the API root, so the simulator serves it
   * too); `email` needs the `email` scope, `sub` is always there.
   */
  async account(): Promise<ExternalAccount> {
    const url = `${this.rootUrl}oauth2/v3/userinfo`;
    const info = await this.call('userinfo.get', () =>
      this.auth.request<{ sub?: string; email?: string }>({ url, timeout: this.timeoutMs, retry: false }));
    if (!info.sub) throw new Error('google userinfo: no sub in the answer');
    return { id: info.sub, email: info.email ?? null };
  }

  async listCalendars(): Promise<ExternalCalendar[]> {
    const entries: calendar_v3.Schema$CalendarListEntry[] = [];
    let pageToken: string | undefined;
    do {
      const page = await this.call('calendarList.list', (api) => api.calendarList.list({ pageToken, maxResults: 250 }));
      entries.push(...(page.items ?? []));
      pageToken = page.nextPageToken ?? undefined;
    } while (pageToken);
    return entries.map(parseGoogleCalendar);
  }

  /**
   * With a sync token only `syncToken` is sent (Google answers 400 to timeMin & co. alongside it). A refused token
   * (410 fullSyncRequired) becomes a full listing of masters and exceptions (`singleEvents=false`) over the sync
   * window, flagged so the caller diffs away what no longer exists. Pages continue with the same query, which the
   * page token carries, so a resumed round asks exactly what its first page asked.
   */
  async listChangesPage(calendarId: string, position: ChangePosition): Promise<ChangePage> {
    if (position.page !== null) {
      const round = decodeRound(position.page);
      try {
        return await this.listPage(calendarId, round, false);
      } catch (error) {
        if (!(error instanceof StaleCursorError)) throw error;
        return this.listPage(calendarId, this.fullRound(), true, true);
      }
    }
    if (position.cursor !== null) {
      try {
        return await this.listPage(calendarId, { mode: 'incremental', syncToken: position.cursor }, true);
      } catch (error) {
        if (!(error instanceof StaleCursorError)) throw error;
      }
    }
    return this.listPage(calendarId, this.fullRound(), true, position.cursor !== null);
  }

  listChanges(calendarId: string, cursor: string | null): Promise<ChangeSet> {
    return collectChanges(this, calendarId, cursor);
  }

  async getEvent(calendarId: string, eventId: string): Promise<ExternalEvent | null> {
    try {
      return parseGoogleEvent(await this.call('events.get', (api) => api.events.get({ calendarId, eventId })));
    } catch (error) {
      if (error instanceof ProviderNotFoundError) return null;
      throw error;
    }
  }

  /** The event id is derived from the idempotency key, so a retried insert meets its first attempt (409). */
  async createEvent(calendarId: string, input: EventInput): Promise<ExternalEvent> {
    const id = googleEventIdFor(input.idempotencyKey);
    const requestBody = { ...formatGoogleEvent(input), id };
    try {
      return parseGoogleEvent(await this.raw((api) => api.events.insert({ calendarId, requestBody })));
    } catch (error) {
      if (googleStatus(error) !== 409) throw translateGoogleError('events.insert', error);
    }
    const existing = await this.call('events.get', (api) => api.events.get({ calendarId, eventId: id }));
    if (existing.status !== 'cancelled') return parseGoogleEvent(existing);
    // A deleted event keeps its id forever; re-creating the same entry brings that event back.
    const restored = { ...requestBody, status: 'confirmed' };
    return parseGoogleEvent(await this.call('events.update', (api) => api.events.update({ calendarId, eventId: id, requestBody: restored })));
  }

  /** PATCH, not PUT: fields we do not own (attendees, location, reminders) survive our writes. */
  async updateEvent(calendarId: string, eventId: string, input: EventInput, ifVersion?: string): Promise<ExternalEvent> {
    const options = ifVersion ? { headers: { 'If-Match': ifVersion } } : {};
    const requestBody = formatGoogleEvent(input);
    return parseGoogleEvent(await this.call('events.patch', (api) => api.events.patch({ calendarId, eventId, requestBody }, options)));
  }

  /** 404, and 410 for an already deleted event, both mean the work is done. */
  async deleteEvent(calendarId: string, eventId: string): Promise<void> {
    try {
      await this.call('events.delete', (api) => api.events.delete({ calendarId, eventId }));
    } catch (error) {
      if (!(error instanceof ProviderNotFoundError)) throw error;
    }
  }

  async listInstances(calendarId: string, seriesEventId: string, window: SyncWindow): Promise<ExternalEvent[]> {
    return this.instances(calendarId, seriesEventId, { timeMin: window.start.toISOString(), timeMax: window.end.toISOString() });
  }

  /** Google stores RFC 5545 lines as they are. */
  expresses(): boolean {
    return true;
  }

  /** `originalStart` selects by unmoved start, so a moved instance is found where the series put it. */
  async findInstance(calendarId: string, seriesEventId: string, originalStart: string): Promise<ExternalEvent | null> {
    const [instance] = await this.instances(calendarId, seriesEventId, { originalStart });
    return instance ?? null;
  }

  async watch(calendarId: string, request: WatchRequest): Promise<WatchHandle> {
    const ttl = Math.max(1, Math.min(Math.floor(request.ttlSeconds), MAX_CHANNEL_TTL_SECONDS));
    const requestBody: calendar_v3.Schema$Channel = {
      id: randomUUID(), type: 'web_hook', address: request.address, token: request.secret, params: { ttl: String(ttl) },
    };
    const channel = await this.call('events.watch', (api) => api.events.watch({ calendarId, requestBody }));
    if (!channel.id || !channel.resourceId) throw new Error('google events.watch: channel without id or resourceId');
    // What Google granted, not what we asked for: it may shorten the lifetime.
    const expiresAt = channel.expiration ? new Date(Number(channel.expiration)) : new Date(Date.now() + ttl * 1000);
    return { id: channel.id, resourceId: channel.resourceId, expiresAt };
  }

  /** Stopping a stopped or expired channel answers 404: already the state we want. */
  async unwatch(handle: WatchHandle): Promise<void> {
    if (!handle.resourceId) throw new Error(`google channels.stop: channel ${handle.id} has no resourceId`);
    const requestBody = { id: handle.id, resourceId: handle.resourceId };
    try {
      await this.call('channels.stop', (api) => api.channels.stop({ requestBody }));
    } catch (error) {
      if (!(error instanceof ProviderNotFoundError)) throw error;
    }
  }

  /** Google has no renew: a new channel; the caller stops the old one once both have overlapped. */
  async renew(calendarId: string, _handle: WatchHandle, request: WatchRequest): Promise<WatchHandle> {
    return this.watch(calendarId, request);
  }

  /** Every page of one query; Google puts `nextSyncToken` on the last page only. */
  private fullRound(): GoogleRound {
    const window = syncWindowAt(Date.now(), this.config.syncWindow ?? DEFAULT_SYNC_WINDOW);
    return { mode: 'full', timeMin: window.start.toISOString(), timeMax: window.end.toISOString() };
  }

  private async listPage(calendarId: string, round: GoogleRound, startsRound: boolean, fullResync = false): Promise<ChangePage> {
    const query: calendar_v3.Params$Resource$Events$List =
      round.mode === 'incremental'
        ? { syncToken: round.syncToken }
        : { showDeleted: false, singleEvents: false, timeMin: round.timeMin, timeMax: round.timeMax };
    const maxResults = this.config.pageSize ?? DEFAULT_PAGE_SIZE;
    const page = await this.call('events.list', (api) => api.events.list({ ...query, calendarId, maxResults, pageToken: round.pageToken }));
    if (!page.nextPageToken && !page.nextSyncToken) throw new Error(`google events.list: last page of ${calendarId} has no nextSyncToken`);
    const changes = googleChangeSet(page.items ?? [], page.nextSyncToken ?? '', round.mode, fullResync);
    return {
      upserted: changes.upserted,
      deletedIds: changes.deletedIds,
      nextPage: page.nextPageToken ? encodeRound({ ...round, pageToken: page.nextPageToken }) : null,
      nextCursor: page.nextPageToken ? null : page.nextSyncToken!,
      startsRound,
      fullListing: round.mode === 'full',
      fullResync,
      window: round.mode === 'full' ? { start: new Date(round.timeMin), end: new Date(round.timeMax) } : null,
    };
  }

  private async instances(calendarId: string, eventId: string, query: calendar_v3.Params$Resource$Events$Instances): Promise<ExternalEvent[]> {
    const found: ExternalEvent[] = [];
    let pageToken: string | undefined;
    do {
      const page = await this.call('events.instances', (api) => api.events.instances({ ...query, calendarId, eventId, pageToken, maxResults: 2500 }));
      found.push(...(page.items ?? []).filter((item) => item.status !== 'cancelled').map(parseGoogleEvent));
      pageToken = page.nextPageToken ?? undefined;
    } while (pageToken);
    return found;
  }

  private async call<T>(operation: string, run: (api: Api) => Promise<{ data: T }>): Promise<T> {
    try {
      return await this.raw(run);
    } catch (error) {
      throw translateGoogleError(operation, error);
    }
  }

  /**
   * Credentials are set before every call from the token source (which refreshes ahead of expiry); without an
   * expiry date or refresh token the OAuth2 client never tries a refresh of its own.
   */
  private async raw<T>(run: (api: Api) => Promise<{ data: T }>): Promise<T> {
    this.auth.setCredentials({ access_token: await this.config.accessToken() });
    return (await (this.config.limiter ?? unlimited)(() => run(this.api))).data;
  }
}
