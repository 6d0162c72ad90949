/** In-memory store of the Google simulator and its virtual clock. */
import { randomBytes } from 'node:crypto';
import type { ChannelInfo, ConsentBehaviour, EventResource, RegisterClientInput, SimUser } from './types';

/** Real time plus an offset that tests move forward with `advanceClock`. */
export class VirtualClock {
  private offsetMs = 0;
  now(): number {
    return Date.now() + this.offsetMs;
  }
  advance(seconds: number): void {
    this.offsetMs += seconds * 1000;
  }
  reset(): void {
    this.offsetMs = 0;
  }
}

export type EventTime = { kind: 'date'; date: string } | { kind: 'dateTime'; ms: number; timeZone?: string };

export type EventStatus = 'confirmed' | 'tentative' | 'cancelled';

/** One stored event: a single event, a recurring master, or an exception of a series. */
export interface StoredEvent {
  calendarId: string;
  id: string;
  status: EventStatus;
  /** Client-writable fields other than start/end/status (summary, recurrence, extendedProperties...). */
  fields: Record<string, unknown>;
  start: EventTime;
  end: EventTime;
  recurringEventId?: string;
  originalStart?: EventTime;
  iCalUID: string;
  sequence: number;
  created: number;
  updated: number;
  etag: string;
  /** Position in the global change log; incremental sync returns events whose changeSeq is newer. */
  changeSeq: number;
  creatorEmail: string;
}

export interface SimCalendar {
  id: string;
  ownerEmail: string;
  summary: string;
  timeZone: string;
  primary: boolean;
  /** Opaque id of the calendar's events collection, as reported in watch responses. */
  resourceId: string;
  /** Bumped by invalidateSyncTokens: tokens from an older epoch get 410. */
  syncEpoch: number;
}

export interface AuthCode {
  code: string;
  clientId: string;
  redirectUri: string;
  email: string;
  scopes: string[];
  codeChallenge?: string;
  codeChallengeMethod?: string;
  issueRefreshToken: boolean;
  expiresAt: number;
}

/** A user's consent to a client: revoking it kills every token issued under it. */
export interface Grant {
  key: string;
  email: string;
  clientId: string;
  scopes: Set<string>;
  refreshTokenIssued: boolean;
}

export interface AccessTokenRecord {
  token: string;
  email: string;
  clientId: string;
  scopes: string[];
  expiresAt: number;
  grantKey: string;
}

export interface RefreshTokenRecord {
  token: string;
  email: string;
  clientId: string;
  scopes: string[];
  grantKey: string;
  revoked: boolean;
}

/** A stored channel: the public view minus what is derived on read (expired), plus the live message counter. */
export interface Channel extends Omit<ChannelInfo, 'expired' | 'lastMessageNumber'> {
  messageNumber: number;
}

export interface SyncTokenRecord {
  calendarId: string;
  seq: number;
  epoch: number;
}

export interface PageSnapshot {
  fingerprint: string;
  items: EventResource[];
  /** Extra top-level fields of the list response (nextSyncToken goes only on the last page). */
  nextSyncToken?: string;
}

export function randomToken(prefix: string, bytes = 24): string {
  return `${prefix}${randomBytes(bytes).toString('base64url')}`;
}

export class SimState {
  readonly clock = new VirtualClock();
  consentBehaviour: ConsentBehaviour = 'approve';
  readonly clients = new Map<string, RegisterClientInput>();
  readonly users = new Map<string, SimUser & { order: number }>();
  readonly calendars = new Map<string, SimCalendar>();
  readonly events = new Map<string, Map<string, StoredEvent>>();
  readonly authCodes = new Map<string, AuthCode>();
  readonly grants = new Map<string, Grant>();
  readonly accessTokens = new Map<string, AccessTokenRecord>();
  readonly refreshTokens = new Map<string, RefreshTokenRecord>();
  readonly channels = new Map<string, Channel>();
  readonly syncTokens = new Map<string, SyncTokenRecord>();
  readonly pageTokens = new Map<string, PageSnapshot>();
  private changeSeq = 0;
  private etagCounter = 0;

  constructor(readonly accessTokenTtlSeconds: number) {}

  now(): number {
    return this.clock.now();
  }

  nextChangeSeq(): number {
    return ++this.changeSeq;
  }

  currentChangeSeq(): number {
    return this.changeSeq;
  }

  /** A quoted etag that differs on every write, even within the same millisecond. */
  nextEtag(updatedMs: number): string {
    this.etagCounter = (this.etagCounter + 1) % 1000;
    return `"${updatedMs}${String(this.etagCounter).padStart(3, '0')}"`;
  }

  calendarEvents(calendarId: string): Map<string, StoredEvent> {
    let map = this.events.get(calendarId);
    if (!map) {
      map = new Map();
      this.events.set(calendarId, map);
    }
    return map;
  }

  firstUser(): (SimUser & { order: number }) | undefined {
    return [...this.users.values()].sort((a, b) => a.order - b.order)[0];
  }

  reset(): void {
    this.clock.reset();
    this.consentBehaviour = 'approve';
    for (const map of [
      this.clients, this.users, this.calendars, this.events, this.authCodes, this.grants,
      this.accessTokens, this.refreshTokens, this.channels, this.syncTokens, this.pageTokens,
    ] as Map<string, unknown>[]) {
      map.clear();
    }
    this.changeSeq = 0;
  }
}
