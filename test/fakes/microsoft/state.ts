// In-memory store of the Microsoft simulator plus its virtual clock. Everything the routes read or change lives here,
// so `reset()` is one call and control inspectors read the same objects the HTTP side serves.
import { randomBytes, randomUUID } from 'node:crypto';

/** The real clock, captured at load so jest fake `Date` in a test (to move MSAL's clock) does not move ours twice. */
const realNow = Date.now.bind(Date);

export const DEFAULT_TENANT_ID = '5f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';
export const GRAPH_RESOURCE_APP_ID = '00000003-0000-0000-c000-000000000000';

export const DEFAULT_DELEGATED_PERMISSIONS = [
  'User.Read', 'Calendars.ReadWrite', 'Mail.ReadWrite', 'Mail.Send', 'AppCatalog.ReadWrite.All',
  'TeamsAppInstallation.ReadWriteForUser',
];
export const DEFAULT_APPLICATION_PERMISSIONS = [
  'User.Read.All', 'Calendars.ReadWrite', 'Mail.ReadWrite', 'Mail.Send', 'AppCatalog.ReadWrite.All',
  'TeamsAppInstallation.ReadWriteForUser.All',
];

export interface AppRegistration {
  clientId: string;
  clientSecret: string;
  secretId?: string;
  tenantId: string;
  redirectUris: string[];
  delegatedPermissions: string[];
  applicationPermissions: string[];
  servicePrincipalId: string;
}

export interface SimUser { id: string; email: string; displayName: string; tenantId: string; defaultCalendarId: string }

export interface SimCalendar { id: string; userId: string; name: string; isDefault: boolean; changeKey: string; color: string }

export interface ExtendedProperty { id: string; value: string }

export interface RecurrencePattern {
  type: 'daily' | 'weekly' | 'absoluteMonthly' | 'relativeMonthly' | 'absoluteYearly' | 'relativeYearly';
  interval: number;
  daysOfWeek?: string[];
  dayOfMonth?: number;
  month?: number;
  firstDayOfWeek?: string;
  /** relativeMonthly / relativeYearly: first | second | third | fourth | last (default first). */
  index?: string;
}
export interface RecurrenceRange {
  type: 'endDate' | 'noEnd' | 'numbered';
  startDate: string;
  endDate?: string;
  numberOfOccurrences?: number;
  recurrenceTimeZone?: string;
}
export interface Recurrence { pattern: RecurrencePattern; range: RecurrenceRange }

/** A stored Outlook item: single instance, series master or exception (occurrences are computed, never stored). */
export interface EventRecord {
  id: string;
  userId: string;
  calendarId: string;
  type: 'singleInstance' | 'seriesMaster' | 'exception';
  seriesMasterId?: string;
  /** Exceptions: UTC ms of the occurrence start they replace. */
  originalStartMs?: number;
  startMs: number;
  endMs: number;
  isAllDay: boolean;
  startTimeZone: string;
  endTimeZone: string;
  recurrence: Recurrence | null;
  /** Series masters: original starts (UTC ms) of cancelled occurrences. */
  cancelledOccurrences: number[];
  /** Bumped only by edits of the master's own content, so unchanged occurrences keep their delta signature. */
  seriesVersion: number;
  fields: Record<string, unknown>;
  transactionId?: string;
  iCalUId: string;
  changeKey: string;
  createdMs: number;
  lastModifiedMs: number;
  extendedProperties: ExtendedProperty[];
}

export interface SimMessage {
  id: string;
  userId: string;
  folder: 'inbox' | 'sentitems';
  subject: string;
  body: { contentType: string; content: string };
  from: string;
  to: string[];
  receivedMs: number;
  isRead: boolean;
  /** Which app registration's token sent it (sendMail); undefined when seeded by control. */
  sentByClientId?: string;
  changeKey: string;
}

export interface TeamsApp { id: string; externalId: string; displayName: string; version: string; tenantId: string; publishedByClientId: string; createdMs: number }
export interface TeamsInstall { id: string; userId: string; userEmail: string; teamsAppId: string; installedByClientId: string; installedAt: string }

export interface AuthCode {
  code: string; clientId: string; redirectUri: string; userId: string; scopes: string[]; nonce?: string;
  codeChallenge?: string; codeChallengeMethod?: string; expiresMs: number; redeemed: boolean;
}
export interface RefreshTokenRecord { token: string; clientId: string; userId: string; scopes: string[]; lastUsedMs: number; revoked: boolean }
export interface AccessTokenRecord {
  token: string; clientId: string; userId: string | null; scopes: string[]; appOnly: boolean; tenantId: string; expiresMs: number;
}

export interface SubscriptionRecord {
  id: string;
  applicationId: string;
  creatorId: string;
  userId: string;
  resource: string;
  target: { kind: 'events'; calendarId: string } | { kind: 'messages' };
  changeTypes: string[];
  notificationUrl: string;
  lifecycleNotificationUrl?: string;
  clientState?: string;
  expirationMs: number;
  tenantId: string;
  needsReauthorization: boolean;
}

export interface RequestLogEntry {
  at: string; method: string; path: string; query: Record<string, string>; headers: Record<string, string>;
  status: number; clientId?: string; note?: string;
}

export interface FaultRule {
  id: string; method?: string; pathPrefix?: string; status?: 429 | 503 | 500; retryAfterSeconds?: number; remaining: number; latencyMs?: number;
}

export class SimState {
  clockOffsetMs = 0;
  apps = new Map<string, AppRegistration>();
  users = new Map<string, SimUser>();
  calendars = new Map<string, SimCalendar>();
  events = new Map<string, EventRecord>();
  messages: SimMessage[] = [];
  teamsApps: TeamsApp[] = [];
  teamsInstalls: TeamsInstall[] = [];
  authCodes = new Map<string, AuthCode>();
  refreshTokens = new Map<string, RefreshTokenRecord>();
  accessTokens = new Map<string, AccessTokenRecord>();
  /** `${userId}|${clientId}` → consented delegated permissions. */
  consents = new Map<string, Set<string>>();
  subscriptions = new Map<string, SubscriptionRecord>();
  requestLog: RequestLogEntry[] = [];
  faults: FaultRule[] = [];
  latencyMs = 0;
  denyAuthorization = false;
  /** POST /subscriptions answers 403 (a tenant whose policy blocks change notifications) while on. */
  refuseSubscriptions = false;
  duplicateNotifications = 1;

  now(): number {
    return realNow() + this.clockOffsetMs;
  }

  nowIso(): string {
    return new Date(this.now()).toISOString();
  }

  reset(): void {
    const fresh = new SimState();
    Object.assign(this, fresh);
  }

  userByEmail(email: string): SimUser | undefined {
    const wanted = email.toLowerCase();
    for (const user of this.users.values()) if (user.email.toLowerCase() === wanted) return user;
    return undefined;
  }

  /** `/users/{id | userPrincipalName}` lookup. */
  userByIdOrUpn(idOrUpn: string): SimUser | undefined {
    return this.users.get(idOrUpn) ?? this.userByEmail(idOrUpn);
  }

  requireUser(email: string): SimUser {
    const user = this.userByEmail(email);
    if (!user) throw new Error(`microsoft simulator: no user ${email}`);
    return user;
  }

  calendarsOf(userId: string): SimCalendar[] {
    return [...this.calendars.values()].filter((c) => c.userId === userId);
  }

  eventsOf(userId: string, calendarId?: string): EventRecord[] {
    return [...this.events.values()].filter((e) => e.userId === userId && (!calendarId || e.calendarId === calendarId));
  }
}

/** Outlook-looking opaque ids (`AAMkA...`), URL-safe. */
export function outlookId(): string {
  return `AAMkAG${randomBytes(30).toString('base64url')}`;
}

export function newChangeKey(): string {
  return randomBytes(12).toString('base64url');
}

export function newGuid(): string {
  return randomUUID();
}

export function iCalUid(): string {
  return `040000008200E00074C5B7101A82E008${randomBytes(24).toString('hex').toUpperCase()}`;
}
