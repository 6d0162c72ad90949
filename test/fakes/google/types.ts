/** Public types of the Google simulator (options, control API, inspection shapes). */
import type { calendar_v3 } from 'googleapis';

export type EventResource = calendar_v3.Schema$Event;

export interface GoogleSimulatorOptions {
  /** Port to listen on; 0 (default) picks a free port. */
  port?: number;
  /** Interface to bind; default 127.0.0.1. */
  host?: string;
  /** Lifetime of issued access tokens in virtual seconds; default 3600. */
  accessTokenTtlSeconds?: number;
  /** Real-time delays between push delivery retries; default [200, 400, 800]. */
  notificationRetryDelaysMs?: number[];
}

export interface OAuthEndpoints {
  oauth2AuthBaseUrl: string;
  oauth2TokenUrl: string;
  oauth2RevokeUrl: string;
  tokenInfoUrl: string;
}

export interface GoogleSimulator {
  /** http://HOST:PORT, no trailing slash. */
  url: string;
  oauthEndpoints: OAuthEndpoints;
  /** `${url}/`: pass as `google.calendar({ version: 'v3', auth, rootUrl })`. */
  apiRootUrl: string;
  control: GoogleSimulatorControl;
  close(): Promise<void>;
}

export interface RegisterClientInput {
  clientId: string;
  clientSecret: string;
  /** When set, the authorization and token endpoints require an exact match. */
  redirectUris?: string[];
}

export interface CreateUserInput {
  email: string;
  name?: string;
  /** Time zone of the primary calendar; default UTC. */
  timeZone?: string;
}

export interface SimUser {
  /** Stable numeric subject id, as in Google's `sub`. */
  id: string;
  email: string;
  name: string;
}

export interface CreateCalendarInput {
  summary: string;
  timeZone?: string;
}

export interface SimCalendarInfo {
  id: string;
  ownerEmail: string;
  summary: string;
  timeZone: string;
  primary: boolean;
}

export type FaultStatus = 429 | 403 | 500 | 503;
export type FaultReason = 'rateLimitExceeded' | 'userRateLimitExceeded' | 'backendError';

export interface FaultSpec {
  /** Which requests the fault hits; omitted fields match everything except /__control. */
  match?: { method?: string; pathPrefix?: string };
  /** Error status to answer with; omitted → latency-only fault (the request then proceeds). */
  status?: FaultStatus;
  retryAfterSeconds?: number;
  reason?: FaultReason;
  /** How many matching requests the fault applies to. */
  times: number;
  /** Real-time delay before answering. */
  latencyMs?: number;
}

export interface RequestLogEntry {
  /** Virtual-clock time (ms since epoch) when the request arrived. */
  at: number;
  method: string;
  /** Path without the query string. */
  path: string;
  query: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
  status: number;
}

export interface ChannelInfo {
  id: string;
  resourceId: string;
  resourceUri: string;
  calendarId: string;
  address: string;
  token?: string;
  /** Expiration, ms since epoch (virtual clock). */
  expiration: number;
  ownerEmail: string;
  stopped: boolean;
  expired: boolean;
  lastMessageNumber: number;
}

export type ConsentBehaviour = 'approve' | 'deny';

export interface GoogleSimulatorControl {
  registerClient(input: RegisterClientInput): void;
  createUser(input: CreateUserInput): SimUser;
  createCalendar(email: string, input: CreateCalendarInput): SimCalendarInfo;
  setConsentBehaviour(behaviour: ConsentBehaviour): void;
  seedEvent(calendarId: string, eventBody: EventResource): EventResource;
  updateEventAsProvider(calendarId: string, eventId: string, patch: EventResource): EventResource;
  deleteEventAsProvider(calendarId: string, eventId: string): void;
  /** Current virtual time, ms since epoch. */
  now(): number;
  advanceClock(seconds: number): void;
  expireAccessTokens(): void;
  revokeRefreshTokens(email?: string): void;
  revokeConsent(email: string, clientId?: string): void;
  invalidateSyncTokens(calendarId?: string): void;
  injectFault(fault: FaultSpec): void;
  clearFaults(): void;
  setLatency(ms: number): void;
  dropNextNotifications(n: number): void;
  duplicateNextNotifications(n: number): void;
  flushNotifications(): Promise<void>;
  requestLog(): RequestLogEntry[];
  clearRequestLog(): void;
  channels(): ChannelInfo[];
  events(calendarId: string): EventResource[];
  /** A series' instances (exceptions applied, cancelled ones left out), as events.instances renders them. */
  instances(calendarId: string, eventId: string): EventResource[];
  reset(): void;
}
