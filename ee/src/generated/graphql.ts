import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { RequestContext } from '../../../src/auth/request-context';
import type { Tenant as TenantRow } from '../../../src/db/entities/tenant.entity';
import type { ApiKey as ApiKeyRow } from '../../../src/db/entities/api-key.entity';
import type { MicrosoftProfile as MicrosoftProfileRow } from '../../../src/microsoft/microsoft-profile.entity';
import type { ConsumerBindingView } from '../../../src/microsoft/microsoft-binding.service';
import type { ConsumerIntegrationStatus } from '../../../src/microsoft/integration-status';
import type { User as UserRow } from '../../../src/db/entities/user.entity';
import type { ScheduleEntryRecord, ScheduleOccurrenceView } from '../../../src/schedule/schedule-entry';
import type { TeamsIntegrationRecord } from '../teams/teams-integration.repository';
import type { SyncStatusView } from '../calendar/sync/calendar-sync-status.service';
import type { SyncLogEntry } from '../calendar/sync/sync-log.repository';
import type { SyncConflictRecord } from '../calendar/sync/sync-conflict.repository';
import type { EventMapping } from '../calendar/sync/event-mapping.repository';
import type { CalendarProviderView } from '../calendar/calendar-warnings';
import type { GoogleCalendarAppView } from '../calendar/google-calendar-app.service';
import type { GraphqlContext } from '../../../src/graphql/graphql-context';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A calendar date, YYYY-MM-DD. */
  Date: { input: string; output: string; }
  /** ISO-8601 timestamp in UTC. */
  DateTime: { input: Date; output: Date; }
};

export type ApiKey = {
  __typename?: 'ApiKey';
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  lastUsedAt?: Maybe<Scalars['DateTime']['output']>;
  name: Scalars['String']['output'];
  /** Public part of the key, to recognise it in lists. The secret is shown only once, at creation. */
  prefix: Scalars['String']['output'];
  revokedAt?: Maybe<Scalars['DateTime']['output']>;
  role: Role;
};

export type BindingWarning = {
  __typename?: 'BindingWarning';
  /** RECONNECT_REQUIRED when connections made with the previous profile must be re-authorized. */
  code: Scalars['String']['output'];
  message: Scalars['String']['output'];
};

export type CalendarAuthorization = {
  __typename?: 'CalendarAuthorization';
  /**
   * Send the user's browser here. After consent the provider returns it to our callback, which sends it on to
   * $APP_URL/settings/integrations/calendar?status=pending&ticket=…&provider=… (or status=error&reason=…).
   */
  authorizationUrl: Scalars['String']['output'];
};

/** What happens when an entry and its event both changed since the last sync. */
export type CalendarConflictPolicy =
  | 'LOCAL_WINS'
  /** Keep both versions as a conflict until resolveCalendarConflict decides. */
  | 'MANUAL'
  | 'REMOTE_WINS';

export type CalendarConflictResolution =
  /** The entry overwrites the event. */
  | 'KEEP_LOCAL'
  /** The event (as it is now) overwrites the entry. */
  | 'KEEP_REMOTE';

/** Which events of the external calendar become schedule entries. */
export type CalendarImportPolicy =
  | 'ALL'
  | 'NONE'
  /** Only events whose title or description contains the provider's importTag. */
  | 'TAGGED';

/** Where an entry lives in an external calendar. */
export type CalendarLink = {
  __typename?: 'CalendarLink';
  externalEventId: Scalars['String']['output'];
  lastError?: Maybe<Scalars['String']['output']>;
  lastSyncedAt?: Maybe<Scalars['DateTime']['output']>;
  provider: CalendarProvider;
  status: CalendarLinkStatus;
};

export type CalendarLinkStatus =
  | 'CONFLICT'
  | 'ERROR'
  | 'PENDING'
  | 'SYNCED';

/** A user's connection to one external calendar (Google Calendar or Outlook). */
export type CalendarProvider = {
  __typename?: 'CalendarProvider';
  /** The connected Google/Microsoft account (Google userinfo email / Graph mail or userPrincipalName); null until connected. */
  accountEmail?: Maybe<Scalars['String']['output']>;
  active: Scalars['Boolean']['output'];
  /** External calendar to sync; pick one from listExternalCalendars after connecting. */
  calendarId?: Maybe<Scalars['String']['output']>;
  calendarName?: Maybe<Scalars['String']['output']>;
  conflictPolicy: CalendarConflictPolicy;
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  importPolicy: CalendarImportPolicy;
  importTag?: Maybe<Scalars['String']['output']>;
  lastError?: Maybe<Scalars['String']['output']>;
  lastSyncAt?: Maybe<Scalars['DateTime']['output']>;
  name: Scalars['String']['output'];
  /** User id of the owner. */
  owner: Scalars['String']['output'];
  providerType: CalendarProviderType;
  /** Push private entries with their title and notes; off: as busy time titled "Busy". */
  pushPrivateDetails: Scalars['Boolean']['output'];
  status: CalendarProviderStatus;
  syncDirection: CalendarSyncDirection;
  /**
   * What the mutation that returned this provider wants the caller to know. Only completeCalendarAuthorization
   * fills it (ACCOUNT_CHANGED); everywhere else it is empty.
   */
  warnings: Array<CalendarWarning>;
  webhook: CalendarWebhook;
  /** Health of the provider's change notifications (webhook.status reports the same status). */
  webhookHealth: CalendarWebhookHealth;
};

export type CalendarProviderStatus =
  | 'CONFIGURING'
  | 'CONNECTED'
  | 'DISCONNECTED'
  | 'ERROR'
  | 'REAUTH_REQUIRED';

export type CalendarProviderType =
  | 'GOOGLE'
  | 'MICROSOFT';

/** Both the entry and its event changed since the last sync. */
export type CalendarSyncConflict = {
  __typename?: 'CalendarSyncConflict';
  detectedAt: Scalars['DateTime']['output'];
  entry?: Maybe<ScheduleEntry>;
  externalEventId?: Maybe<Scalars['String']['output']>;
  /** The event's title at detection, to show the user what the other side says. */
  externalTitle?: Maybe<Scalars['String']['output']>;
  externalVersion?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  /** The entry version and event etag/changeKey when the conflict was detected. */
  localVersion?: Maybe<Scalars['Int']['output']>;
  provider: CalendarProvider;
  resolution?: Maybe<CalendarConflictResolution>;
  resolvedAt?: Maybe<Scalars['DateTime']['output']>;
};

export type CalendarSyncDirection =
  | 'BIDIRECTIONAL'
  | 'FROM_EXTERNAL'
  | 'TO_EXTERNAL';

export type CalendarSyncDirectionOfChange =
  | 'PULL'
  | 'PUSH';

export type CalendarSyncLogConnection = {
  __typename?: 'CalendarSyncLogConnection';
  edges: Array<CalendarSyncLogEdge>;
  pageInfo: PageInfo;
};

export type CalendarSyncLogEdge = {
  __typename?: 'CalendarSyncLogEdge';
  cursor: Scalars['String']['output'];
  node: CalendarSyncLogEntry;
};

/** One action a sync took (or refused to take), newest first. */
export type CalendarSyncLogEntry = {
  __typename?: 'CalendarSyncLogEntry';
  /** create_remote, update_remote, delete_remote, create_local, update_local, unassign_local, conflict, skip, … */
  action: Scalars['String']['output'];
  at: Scalars['DateTime']['output'];
  direction: CalendarSyncDirectionOfChange;
  entry?: Maybe<ScheduleEntry>;
  externalEventId?: Maybe<Scalars['String']['output']>;
  outcome: CalendarSyncOutcome;
  reason?: Maybe<Scalars['String']['output']>;
};

export type CalendarSyncOutcome =
  | 'FAILED'
  | 'OK'
  | 'SKIPPED';

export type CalendarSyncState =
  /** No run queued or running; see lastError for how the last one ended. */
  | 'IDLE'
  | 'QUEUED'
  | 'RUNNING';

/** A provider's sync at a glance. */
export type CalendarSyncStatus = {
  __typename?: 'CalendarSyncStatus';
  conflicts: Scalars['Int']['output'];
  /** Seconds since the change cursor was last advanced; null before the first successful run. */
  cursorAgeSeconds?: Maybe<Scalars['Int']['output']>;
  errors: Scalars['Int']['output'];
  lastError?: Maybe<Scalars['String']['output']>;
  lastRunFinishedAt?: Maybe<Scalars['DateTime']['output']>;
  lastRunStartedAt?: Maybe<Scalars['DateTime']['output']>;
  lastSuccessAt?: Maybe<Scalars['DateTime']['output']>;
  /** Open conflicts now (across runs). */
  openConflicts: Scalars['Int']['output'];
  provider: CalendarProvider;
  /** Counts of the last finished run. */
  pulled: Scalars['Int']['output'];
  pushed: Scalars['Int']['output'];
  state: CalendarSyncState;
};

export type CalendarWarning = {
  __typename?: 'CalendarWarning';
  code: CalendarWarningCode;
  message: Scalars['String']['output'];
};

export type CalendarWarningCode =
  /** The authorization connected another external account than before: what belonged to the old one was cleared. */
  | 'ACCOUNT_CHANGED';

export type CalendarWebhook = {
  __typename?: 'CalendarWebhook';
  expiresAt?: Maybe<Scalars['DateTime']['output']>;
  /** Whether a Google channel / Graph subscription is currently registered (ACTIVE, EXPIRING, NONE). */
  status: Scalars['String']['output'];
};

/** How a provider hears about changes: its Google channel / Graph subscription as the maintenance job keeps it. Secrets never appear here. */
export type CalendarWebhookHealth = {
  __typename?: 'CalendarWebhookHealth';
  /** Creations/renewals that failed in a row; 3 set the provider to ERROR with the reason. */
  consecutiveFailures: Scalars['Int']['output'];
  /** The expiry the provider granted for the current channel/subscription. */
  expiresAt?: Maybe<Scalars['DateTime']['output']>;
  lastError?: Maybe<Scalars['String']['output']>;
  /** When the provider last sent us a notification for this calendar. */
  lastNotificationAt?: Maybe<Scalars['DateTime']['output']>;
  /** When a channel/subscription was last created or renewed. */
  lastRenewalAt?: Maybe<Scalars['DateTime']['output']>;
  /**
   * True when the provider refuses change notifications (some Microsoft 365 tenants, by policy): changes are then
   * pulled by a sync queued on every maintenance run (CALENDAR_WEBHOOK_MAINTENANCE_INTERVAL_MS), and status is FAILING.
   */
  polling: Scalars['Boolean']['output'];
  provider: CalendarProvider;
  status: CalendarWebhookStatus;
};

/** What replayCalendarWebhooks re-queued. */
export type CalendarWebhookReplay = {
  __typename?: 'CalendarWebhookReplay';
  provider: CalendarProvider;
  /** Notifications received since `since` marked unprocessed again; the next sync run covers them (at least once). */
  requeued: Scalars['Int']['output'];
  /** Whether the sync run was queued now. When false (queue unreachable), the inbox sweeper queues it within a sweep interval. */
  syncQueued: Scalars['Boolean']['output'];
};

/**
 * ACTIVE: a live channel/subscription with more than a day left. EXPIRING: less than a day left (the maintenance
 * job renews it on its next run). FAILING: the last creation or renewal failed (see lastError; three in a row set
 * the provider to ERROR), or the provider refuses change notifications and is polled instead (polling = true).
 * NONE: nothing registered (no calendar chosen, inactive, push-only, or not created yet).
 */
export type CalendarWebhookStatus =
  | 'ACTIVE'
  | 'EXPIRING'
  | 'FAILING'
  | 'NONE';

export type ConfigureGoogleCalendarAppInput = {
  clientId: Scalars['String']['input'];
  clientSecret: Scalars['String']['input'];
};

export type CreateApiKeyInput = {
  name: Scalars['String']['input'];
  /** Defaults to the caller's role; cannot exceed it. */
  role?: InputMaybe<Role>;
};

export type CreateCalendarProviderInput = {
  name: Scalars['String']['input'];
  /** Defaults to the caller. Only admins may create providers for other users. */
  ownerId?: InputMaybe<Scalars['ID']['input']>;
  providerType: CalendarProviderType;
  syncDirection?: InputMaybe<CalendarSyncDirection>;
};

export type CreateMicrosoftProfileInput = {
  /** Directory GUIDs; omitted = the tenantAuthority's own directory when it is a GUID, else none. */
  allowedDirectoryIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  clientId: Scalars['String']['input'];
  /** The secret Value from Azure (not its Secret ID). */
  clientSecret: Scalars['String']['input'];
  displayName: Scalars['String']['input'];
  tenantAuthority: Scalars['String']['input'];
};

export type CreateScheduleEntryInput = {
  allDay?: InputMaybe<Scalars['Boolean']['input']>;
  /** At most 50 users of the tenant. */
  assigneeIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  endDate?: InputMaybe<Scalars['Date']['input']>;
  endsAt?: InputMaybe<Scalars['DateTime']['input']>;
  externalRef?: InputMaybe<Scalars['String']['input']>;
  isPrivate?: InputMaybe<Scalars['Boolean']['input']>;
  location?: InputMaybe<Scalars['String']['input']>;
  notes?: InputMaybe<Scalars['String']['input']>;
  recurrence?: InputMaybe<Array<Scalars['String']['input']>>;
  /** All-day entries: startDate + endDate (inclusive). */
  startDate?: InputMaybe<Scalars['Date']['input']>;
  /** Timed entries: startsAt + endsAt. */
  startsAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** IANA name, e.g. Europe/Berlin. */
  timeZone?: InputMaybe<Scalars['String']['input']>;
  title: Scalars['String']['input'];
};

export type CreatedApiKey = {
  __typename?: 'CreatedApiKey';
  apiKey: ApiKey;
  /** The full key. Store it now: it cannot be shown again. */
  secret: Scalars['String']['output'];
};

/** The edition this deployment runs. Decides which consumers and features exist. */
export type Edition =
  | 'COMMUNITY'
  | 'ENTERPRISE';

export type EmailProvider = {
  __typename?: 'EmailProvider';
  id: Scalars['ID']['output'];
  isActive: Scalars['Boolean']['output'];
  mailbox: Scalars['String']['output'];
  /** For Microsoft mailboxes: the state of the EMAIL binding they use. Null for other providers. */
  microsoftBindingState?: Maybe<MicrosoftBindingState>;
  providerType: Scalars['String']['output'];
};

export type ExternalCalendar = {
  __typename?: 'ExternalCalendar';
  canEdit: Scalars['Boolean']['output'];
  id: Scalars['String']['output'];
  name: Scalars['String']['output'];
  primary: Scalars['Boolean']['output'];
  timeZone?: Maybe<Scalars['String']['output']>;
};

/** The tenant's Google OAuth client. The secret is write-only. */
export type GoogleCalendarApp = {
  __typename?: 'GoogleCalendarApp';
  clientId: Scalars['String']['output'];
  clientSecretConfigured: Scalars['Boolean']['output'];
  /** Redirect URI to register on the Google OAuth client. */
  redirectUri: Scalars['String']['output'];
  updatedAt: Scalars['DateTime']['output'];
};

export type MicrosoftBindingState =
  | 'MISSING_CREDENTIALS'
  | 'NOT_BOUND'
  | 'PROFILE_ARCHIVED'
  | 'READY';

/**
 * Microsoft-backed features that each use exactly the profile they are bound to.
 * Community offers MSP_SSO; Enterprise extends this enum.
 */
export type MicrosoftConsumer =
  | 'CALENDAR'
  | 'EMAIL'
  | 'MSP_SSO'
  | 'TEAMS';

export type MicrosoftConsumerBinding = {
  __typename?: 'MicrosoftConsumerBinding';
  consumer: MicrosoftConsumer;
  /** The bound profile; null when the consumer is unbound (it then fails closed). */
  profile?: Maybe<MicrosoftProfile>;
  /** What rebinding this consumer would mean for existing connections. */
  reconnectNote?: Maybe<Scalars['String']['output']>;
  updatedAt?: Maybe<Scalars['DateTime']['output']>;
  /** User id of the last writer. */
  updatedBy?: Maybe<Scalars['String']['output']>;
};

/** One row of the edition matrix: a Microsoft consumer this deployment offers. */
export type MicrosoftConsumerCapability = {
  __typename?: 'MicrosoftConsumerCapability';
  consumer: MicrosoftConsumer;
  /** Whether rebinding this consumer to another profile invalidates existing connections (re-authorize or reinstall). */
  reconnectRequiredOnRebind: Scalars['Boolean']['output'];
};

export type MicrosoftConsumerIntegrationStatus = {
  __typename?: 'MicrosoftConsumerIntegrationStatus';
  bound: Scalars['Boolean']['output'];
  consumer: MicrosoftConsumer;
  /** Why the consumer is not ready; null when ready. */
  problem?: Maybe<Scalars['String']['output']>;
  profile?: Maybe<MicrosoftProfile>;
  /** Bound to an active profile whose credentials are usable. */
  ready: Scalars['Boolean']['output'];
  /** Redirect URIs to register on the app registration (from PUBLIC_URL). */
  redirectUris: Array<Scalars['String']['output']>;
  /** Delegated Microsoft Graph permissions the consumer needs. */
  scopes: Array<Scalars['String']['output']>;
};

/** An Azure AD app registration of the tenant. The client secret is write-only. */
export type MicrosoftProfile = {
  __typename?: 'MicrosoftProfile';
  /**
   * Directories (tenant ID GUIDs) whose accounts may sign in to MSP SSO when tenantAuthority is common or
   * organizations; empty = nobody. With a GUID authority only that directory can sign in (this list defaults to
   * it). Admin only.
   */
  allowedDirectoryIds: Array<Scalars['ID']['output']>;
  /** Consumers explicitly bound to this profile (visible in this edition). */
  boundConsumers: Array<MicrosoftConsumer>;
  /** Application (client) ID. Admin only. */
  clientId: Scalars['String']['output'];
  /** Whether a client secret is stored. Admin only. The secret itself is never returned. */
  clientSecretConfigured: Scalars['Boolean']['output'];
  createdAt: Scalars['DateTime']['output'];
  displayName: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  isArchived: Scalars['Boolean']['output'];
  /** Profile-management metadata; never decides which profile a consumer uses. */
  isDefault: Scalars['Boolean']['output'];
  /** Directory (tenant) ID, or common / organizations / consumers. Admin only. */
  tenantAuthority: Scalars['String']['output'];
  updatedAt: Scalars['DateTime']['output'];
};

/** The DNS record that proves control of a login domain: publish it, then call verifyMspSsoLoginDomain. */
export type MspSsoDomainVerificationRecord = {
  __typename?: 'MspSsoDomainVerificationRecord';
  /** _switchboard-msp-sso.<domain> */
  name: Scalars['String']['output'];
  /** Always TXT. */
  type: Scalars['String']['output'];
  /** switchboard-sso-verification=<token> */
  value: Scalars['String']['output'];
};

/** A Microsoft sign-in Switchboard verified for the tenant (MSP SSO), handed over once to the PSA. */
export type MspSsoIdentity = {
  __typename?: 'MspSsoIdentity';
  displayName?: Maybe<Scalars['String']['output']>;
  /** The signed-in account's username (UPN / email), informational; its domain is one of the tenant's verified login domains. */
  email: Scalars['String']['output'];
  /** Same as oid. */
  microsoftObjectId: Scalars['String']['output'];
  /** Same as tid. */
  microsoftTenantId: Scalars['String']['output'];
  /** The account's object id in that directory: the id token's oid. */
  oid: Scalars['ID']['output'];
  tenantId: Scalars['ID']['output'];
  /**
   * The account's directory (tenant) id: the id token's tid. Together with oid, the stable identity to match PSA
   * users on (email can change and is not an identity).
   */
  tid: Scalars['ID']['output'];
};

/**
 * An email domain whose users may sign in to this tenant with Microsoft (MSP single sign-on), once verified.
 * A domain is verified for at most one tenant.
 */
export type MspSsoLoginDomain = {
  __typename?: 'MspSsoLoginDomain';
  createdAt: Scalars['DateTime']['output'];
  /** Lower-case; internationalized names are stored in punycode (xn--...). */
  domain: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  isActive: Scalars['Boolean']['output'];
  status: MspSsoLoginDomainStatus;
  /** The TXT record to publish (kept the same for the life of the claim). */
  verification: MspSsoDomainVerificationRecord;
  /** When the DNS proof succeeded; null while pending. */
  verifiedAt?: Maybe<Scalars['DateTime']['output']>;
};

export type MspSsoLoginDomainStatus =
  /** Claimed; not used for sign-in until its DNS record is verified. Several organizations may claim a domain. */
  | 'PENDING'
  /** Proven over DNS; sign-ins with this domain route to this tenant. At most one organization holds a domain verified. */
  | 'VERIFIED';

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Claims a login domain for the tenant (admin only): a PENDING claim with the DNS TXT record to publish. Adding
   * a domain the tenant already has returns it (re-activated, same record); a domain another tenant has verified
   * fails with CONFLICT.
   */
  addMspSsoLoginDomain: MspSsoLoginDomain;
  /** Refused with PROFILE_IN_USE while any consumer is bound to the profile. */
  archiveMicrosoftProfile: MicrosoftProfile;
  /** Leaves one instance out (adds an EXDATE to the series; removes an exception there). Returns the series. */
  cancelScheduleOccurrence: ScheduleEntry;
  clearMicrosoftConsumerBinding: MicrosoftConsumerBinding;
  /**
   * Connects the provider with the tokens behind the callback's ticket. Must be called with the credentials of the
   * user (same tenant, same user) who called startCalendarAuthorization, within 10 minutes, once; any other caller,
   * an expired or an already used ticket gets NOT_FOUND and nothing changes. Reconnecting the same account keeps the
   * chosen calendar, sync state, webhook and mappings; another account clears them and returns an ACCOUNT_CHANGED
   * warning in `warnings`.
   */
  completeCalendarAuthorization: CalendarProvider;
  /** Admin only. */
  configureGoogleCalendarApp: GoogleCalendarApp;
  /** Creates an API key acting as the caller (admin only). */
  createApiKey: CreatedApiKey;
  createCalendarProvider: CalendarProvider;
  createMicrosoftProfile: MicrosoftProfile;
  createScheduleEntry: ScheduleEntry;
  /** Revokes tokens at the provider, stops webhooks and removes mappings; schedule entries stay. Returns the id. */
  deleteCalendarProvider: Scalars['ID']['output'];
  /** Refused with PROFILE_IN_USE while any consumer is bound to the profile. Returns the deleted id. */
  deleteMicrosoftProfile: Scalars['ID']['output'];
  /** Deletes the entry (a series with its exceptions). With expectedVersion, a stale version → CONFLICT. Returns the id. */
  deleteScheduleEntry: Scalars['ID']['output'];
  /** Creates or updates the exception for one instance of a series; returns the exception. */
  editScheduleOccurrence: ScheduleEntry;
  listExternalCalendars: Array<ExternalCalendar>;
  /**
   * Redeems the one-time ticket the SSO callback put in the browser's redirect to
   * APP_URL/auth/msp/sso/complete (admin credentials of the same tenant, i.e. the PSA backend), with the nonce the
   * PSA sent to /api/auth/msp/sso/resolve from that browser's session. Single use (a wrong nonce uses it up too),
   * valid for two minutes; any other case is NOT_FOUND.
   */
  redeemMspSsoTicket: MspSsoIdentity;
  /** Removes one of the tenant's login domains (admin only). NOT_FOUND for ids the tenant does not own. */
  removeMspSsoLoginDomain: Scalars['Boolean']['output'];
  /** Admin: renews the provider's channel/subscription now (creates it when missing); failures show in the returned health. */
  renewCalendarWebhook: CalendarWebhookHealth;
  /** Admin: processes a provider's webhook notifications received since `since` again (one sync run covers them). */
  replayCalendarWebhooks: CalendarWebhookReplay;
  /** Applies one side of the conflict to the other and resumes syncing the entry. */
  resolveCalendarConflict: CalendarSyncConflict;
  /** Revokes an API key of the tenant (admin only). Idempotent. */
  revokeApiKey: ApiKey;
  /** Exactly one default per tenant; the default is metadata for profile management only. */
  setDefaultMicrosoftProfile: MicrosoftProfile;
  setMicrosoftConsumerBinding: SetMicrosoftConsumerBindingPayload;
  /** Begins connecting a provider; only the calling user can complete it (completeCalendarAuthorization). */
  startCalendarAuthorization: CalendarAuthorization;
  /** Queues a sync run of the provider (coalesced with one already queued); returns the status after queueing. */
  syncCalendarProvider: CalendarSyncStatus;
  updateCalendarProvider: CalendarProvider;
  updateMicrosoftProfile: MicrosoftProfile;
  /** A stale expectedVersion → CONFLICT with extensions.currentVersion. */
  updateScheduleEntry: ScheduleEntry;
  /** Admin only. Creates the user or updates the one with this externalId (idempotent). Another user holding the email → CONFLICT. */
  upsertUser: User;
  /**
   * Looks up the claim's TXT record over DNS and marks the domain VERIFIED (admin only). A missing or different
   * record is BAD_USER_INPUT saying what was expected and found (the claim stays PENDING); a domain another tenant
   * has verified is CONFLICT. Verifying an already verified domain returns it.
   */
  verifyMspSsoLoginDomain: MspSsoLoginDomain;
};


export type MutationAddMspSsoLoginDomainArgs = {
  domain: Scalars['String']['input'];
};


export type MutationArchiveMicrosoftProfileArgs = {
  id: Scalars['ID']['input'];
};


export type MutationCancelScheduleOccurrenceArgs = {
  originalStartsAt: Scalars['DateTime']['input'];
  seriesId: Scalars['ID']['input'];
};


export type MutationClearMicrosoftConsumerBindingArgs = {
  consumer: MicrosoftConsumer;
};


export type MutationCompleteCalendarAuthorizationArgs = {
  ticket: Scalars['String']['input'];
};


export type MutationConfigureGoogleCalendarAppArgs = {
  input: ConfigureGoogleCalendarAppInput;
};


export type MutationCreateApiKeyArgs = {
  input: CreateApiKeyInput;
};


export type MutationCreateCalendarProviderArgs = {
  input: CreateCalendarProviderInput;
};


export type MutationCreateMicrosoftProfileArgs = {
  input: CreateMicrosoftProfileInput;
};


export type MutationCreateScheduleEntryArgs = {
  input: CreateScheduleEntryInput;
};


export type MutationDeleteCalendarProviderArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDeleteMicrosoftProfileArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDeleteScheduleEntryArgs = {
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  id: Scalars['ID']['input'];
};


export type MutationEditScheduleOccurrenceArgs = {
  input: UpdateScheduleEntryInput;
  originalStartsAt: Scalars['DateTime']['input'];
  seriesId: Scalars['ID']['input'];
};


export type MutationListExternalCalendarsArgs = {
  providerId: Scalars['ID']['input'];
};


export type MutationRedeemMspSsoTicketArgs = {
  nonce: Scalars['String']['input'];
  ticket: Scalars['String']['input'];
};


export type MutationRemoveMspSsoLoginDomainArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRenewCalendarWebhookArgs = {
  providerId: Scalars['ID']['input'];
};


export type MutationReplayCalendarWebhooksArgs = {
  providerId: Scalars['ID']['input'];
  since: Scalars['DateTime']['input'];
};


export type MutationResolveCalendarConflictArgs = {
  conflictId: Scalars['ID']['input'];
  resolution: CalendarConflictResolution;
};


export type MutationRevokeApiKeyArgs = {
  id: Scalars['ID']['input'];
};


export type MutationSetDefaultMicrosoftProfileArgs = {
  id: Scalars['ID']['input'];
};


export type MutationSetMicrosoftConsumerBindingArgs = {
  consumer: MicrosoftConsumer;
  profileId: Scalars['ID']['input'];
};


export type MutationStartCalendarAuthorizationArgs = {
  providerId: Scalars['ID']['input'];
};


export type MutationSyncCalendarProviderArgs = {
  providerId: Scalars['ID']['input'];
};


export type MutationUpdateCalendarProviderArgs = {
  id: Scalars['ID']['input'];
  input: UpdateCalendarProviderInput;
};


export type MutationUpdateMicrosoftProfileArgs = {
  id: Scalars['ID']['input'];
  input: UpdateMicrosoftProfileInput;
};


export type MutationUpdateScheduleEntryArgs = {
  expectedVersion: Scalars['Int']['input'];
  id: Scalars['ID']['input'];
  input: UpdateScheduleEntryInput;
};


export type MutationUpsertUserArgs = {
  input: UpsertUserInput;
};


export type MutationVerifyMspSsoLoginDomainArgs = {
  id: Scalars['ID']['input'];
};

/** Relay pagination state of a connection. Cursors are opaque. */
export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** API keys of the tenant (admin only). */
  apiKeys: Array<ApiKey>;
  calendarProvider?: Maybe<CalendarProvider>;
  /** Users see their own providers; admins see every provider of the tenant (or one owner's). */
  calendarProviders: Array<CalendarProvider>;
  /** Open conflicts of the provider, oldest first. */
  calendarSyncConflicts: Array<CalendarSyncConflict>;
  calendarSyncLog: CalendarSyncLogConnection;
  calendarSyncStatus: CalendarSyncStatus;
  /** The health of a provider's change notifications (the same as CalendarProvider.webhookHealth); visible as the provider is. */
  calendarWebhookHealth: CalendarWebhookHealth;
  edition: Edition;
  /** Admin only. */
  emailProviders: Array<EmailProvider>;
  /** Admin only. Null until configured. */
  googleCalendarApp?: Maybe<GoogleCalendarApp>;
  /** One row per consumer visible in this edition. */
  microsoftConsumerBindings: Array<MicrosoftConsumerBinding>;
  /** Microsoft consumers this edition offers, in matrix order; `only` narrows the list. */
  microsoftConsumers: Array<MicrosoftConsumerCapability>;
  /** Admin only. */
  microsoftIntegrationStatus: Array<MicrosoftConsumerIntegrationStatus>;
  microsoftProfile?: Maybe<MicrosoftProfile>;
  microsoftProfiles: Array<MicrosoftProfile>;
  /** Login domains of the tenant (admin only). */
  mspSsoLoginDomains: Array<MspSsoLoginDomain>;
  /**
   * Entries by start time. With `range`, only entries with an instance overlapping it (a series counts when any
   * occurrence does). `first` ≤ 500.
   */
  scheduleEntries: ScheduleEntryConnection;
  scheduleEntry?: Maybe<ScheduleEntry>;
  /**
   * Every instance overlapping [start, end), sorted by startsAt: exceptions replace the instance they moved; EXDATEs
   * and cancelled instances are left out. Range ≤ 400 days and ≤ 5,000 occurrences.
   */
  scheduleOccurrences: Array<ScheduleOccurrence>;
  /** Admin only. */
  teamsIntegration: TeamsIntegration;
  user?: Maybe<User>;
  /** Users of the tenant, by creation order. `search` matches email, display name or external id (case-insensitive). `first` ≤ 500. */
  users: UserConnection;
  viewer: Viewer;
};


export type QueryCalendarProviderArgs = {
  id: Scalars['ID']['input'];
};


export type QueryCalendarProvidersArgs = {
  ownerId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryCalendarSyncConflictsArgs = {
  providerId: Scalars['ID']['input'];
};


export type QueryCalendarSyncLogArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  providerId: Scalars['ID']['input'];
};


export type QueryCalendarSyncStatusArgs = {
  providerId: Scalars['ID']['input'];
};


export type QueryCalendarWebhookHealthArgs = {
  providerId: Scalars['ID']['input'];
};


export type QueryMicrosoftConsumersArgs = {
  only?: InputMaybe<Array<MicrosoftConsumer>>;
};


export type QueryMicrosoftProfileArgs = {
  id: Scalars['ID']['input'];
};


export type QueryMicrosoftProfilesArgs = {
  includeArchived?: InputMaybe<Scalars['Boolean']['input']>;
};


export type QueryScheduleEntriesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  assigneeIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  first?: InputMaybe<Scalars['Int']['input']>;
  range?: InputMaybe<ScheduleRangeInput>;
  status?: InputMaybe<Array<ScheduleEntryStatus>>;
};


export type QueryScheduleEntryArgs = {
  id: Scalars['ID']['input'];
};


export type QueryScheduleOccurrencesArgs = {
  assigneeIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  range: ScheduleRangeInput;
};


export type QueryUserArgs = {
  id: Scalars['ID']['input'];
};


export type QueryUsersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  search?: InputMaybe<Scalars['String']['input']>;
};

export type Role =
  | 'ADMIN'
  | 'USER';

/**
 * Something on a PSA schedule: a single event, a recurring series (non-empty `recurrence`) or an exception
 * (an edited or moved instance of a series: `seriesId` + `originalStartsAt`).
 */
export type ScheduleEntry = {
  __typename?: 'ScheduleEntry';
  allDay: Scalars['Boolean']['output'];
  assignees: Array<User>;
  /** External events this entry is synced with (providers the caller may see). */
  calendarLinks: Array<CalendarLink>;
  createdAt: Scalars['DateTime']['output'];
  createdBy?: Maybe<User>;
  /** All-day only; inclusive (a one-day event has startDate = endDate). */
  endDate?: Maybe<Scalars['Date']['output']>;
  /** Timed: the instant. All-day: end of endDate in timeZone. */
  endsAt: Scalars['DateTime']['output'];
  externalRef?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  isPrivate: Scalars['Boolean']['output'];
  location?: Maybe<Scalars['String']['output']>;
  notes?: Maybe<Scalars['String']['output']>;
  /** Set on an exception: the start of the instance it replaces. */
  originalStartsAt?: Maybe<Scalars['DateTime']['output']>;
  /** RFC 5545 lines (RRULE, RDATE, EXDATE); [] for a single event. */
  recurrence: Array<Scalars['String']['output']>;
  /** Set on an exception: the series it belongs to. */
  seriesId?: Maybe<Scalars['ID']['output']>;
  /** All-day only. */
  startDate?: Maybe<Scalars['Date']['output']>;
  /** Timed: the instant. All-day: start of startDate in timeZone. */
  startsAt: Scalars['DateTime']['output'];
  status: ScheduleEntryStatus;
  /** IANA time zone the entry (and its recurrence) is evaluated in. */
  timeZone: Scalars['String']['output'];
  title: Scalars['String']['output'];
  updatedAt: Scalars['DateTime']['output'];
  /** Incremented on every write; pass it back as expectedVersion. */
  version: Scalars['Int']['output'];
};

export type ScheduleEntryConnection = {
  __typename?: 'ScheduleEntryConnection';
  edges: Array<ScheduleEntryEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type ScheduleEntryEdge = {
  __typename?: 'ScheduleEntryEdge';
  cursor: Scalars['String']['output'];
  node: ScheduleEntry;
};

export type ScheduleEntryStatus =
  | 'CANCELLED'
  | 'SCHEDULED';

/** One instance of the schedule in a range: a single entry, an instance of a series, or an exception replacing one. */
export type ScheduleOccurrence = {
  __typename?: 'ScheduleOccurrence';
  endDate?: Maybe<Scalars['Date']['output']>;
  endsAt: Scalars['DateTime']['output'];
  entry: ScheduleEntry;
  isException: Scalars['Boolean']['output'];
  /** The instance's unmoved start: pass it to editScheduleOccurrence / cancelScheduleOccurrence. */
  originalStartsAt: Scalars['DateTime']['output'];
  startDate?: Maybe<Scalars['Date']['output']>;
  startsAt: Scalars['DateTime']['output'];
};

/** [start, end) */
export type ScheduleRangeInput = {
  end: Scalars['DateTime']['input'];
  start: Scalars['DateTime']['input'];
};

export type SetMicrosoftConsumerBindingPayload = {
  __typename?: 'SetMicrosoftConsumerBindingPayload';
  binding: MicrosoftConsumerBinding;
  warnings: Array<BindingWarning>;
};

export type TeamsInstallStatus =
  | 'ACTIVE'
  | 'ERROR'
  | 'INSTALLING'
  | 'INSTALL_PENDING'
  | 'NOT_CONFIGURED';

export type TeamsIntegration = {
  __typename?: 'TeamsIntegration';
  appId?: Maybe<Scalars['String']['output']>;
  botId?: Maybe<Scalars['String']['output']>;
  lastError?: Maybe<Scalars['String']['output']>;
  selectedProfile?: Maybe<MicrosoftProfile>;
  status: TeamsInstallStatus;
  updatedAt?: Maybe<Scalars['DateTime']['output']>;
};

export type Tenant = {
  __typename?: 'Tenant';
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
};

export type UpdateCalendarProviderInput = {
  active?: InputMaybe<Scalars['Boolean']['input']>;
  /** One of listExternalCalendars' ids. */
  calendarId?: InputMaybe<Scalars['String']['input']>;
  conflictPolicy?: InputMaybe<CalendarConflictPolicy>;
  importPolicy?: InputMaybe<CalendarImportPolicy>;
  /** Required for TAGGED; an empty string clears it. */
  importTag?: InputMaybe<Scalars['String']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  pushPrivateDetails?: InputMaybe<Scalars['Boolean']['input']>;
  syncDirection?: InputMaybe<CalendarSyncDirection>;
};

/** Every field is optional; an omitted clientSecret keeps the stored one, a given one rotates it. */
export type UpdateMicrosoftProfileInput = {
  /** Replaces the list; omitted = unchanged. */
  allowedDirectoryIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  clientId?: InputMaybe<Scalars['String']['input']>;
  clientSecret?: InputMaybe<Scalars['String']['input']>;
  displayName?: InputMaybe<Scalars['String']['input']>;
  tenantAuthority?: InputMaybe<Scalars['String']['input']>;
};

/** Every field optional: omitted (or null) keeps the current value; `notes`, `location`, `externalRef` are cleared with an empty string. */
export type UpdateScheduleEntryInput = {
  allDay?: InputMaybe<Scalars['Boolean']['input']>;
  assigneeIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  endDate?: InputMaybe<Scalars['Date']['input']>;
  endsAt?: InputMaybe<Scalars['DateTime']['input']>;
  externalRef?: InputMaybe<Scalars['String']['input']>;
  isPrivate?: InputMaybe<Scalars['Boolean']['input']>;
  location?: InputMaybe<Scalars['String']['input']>;
  notes?: InputMaybe<Scalars['String']['input']>;
  recurrence?: InputMaybe<Array<Scalars['String']['input']>>;
  startDate?: InputMaybe<Scalars['Date']['input']>;
  startsAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** CANCELLED keeps the entry (and its history) but takes it off the schedule. */
  status?: InputMaybe<ScheduleEntryStatus>;
  timeZone?: InputMaybe<Scalars['String']['input']>;
  title?: InputMaybe<Scalars['String']['input']>;
};

export type UpsertUserInput = {
  displayName?: InputMaybe<Scalars['String']['input']>;
  email: Scalars['String']['input'];
  externalId: Scalars['String']['input'];
  role?: InputMaybe<Role>;
};

/** A person the host PSA schedules; provisioned by the PSA with upsertUser. */
export type User = {
  __typename?: 'User';
  createdAt: Scalars['DateTime']['output'];
  displayName?: Maybe<Scalars['String']['output']>;
  /** Lower-cased; unique per tenant. */
  email: Scalars['String']['output'];
  /** The host PSA's id for this user; null for the bootstrap admin created by the CLI. */
  externalId?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  role: Role;
};

export type UserConnection = {
  __typename?: 'UserConnection';
  edges: Array<UserEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type UserEdge = {
  __typename?: 'UserEdge';
  cursor: Scalars['String']['output'];
  node: User;
};

/** The authenticated caller. */
export type Viewer = {
  __typename?: 'Viewer';
  role: Role;
  tenant: Tenant;
  tenantId: Scalars['ID']['output'];
  userId: Scalars['ID']['output'];
};



export type ResolverTypeWrapper<T> = Promise<T> | T;


export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;





/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  ApiKey: ResolverTypeWrapper<ApiKeyRow>;
  BindingWarning: ResolverTypeWrapper<BindingWarning>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  CalendarAuthorization: ResolverTypeWrapper<CalendarAuthorization>;
  CalendarConflictPolicy: CalendarConflictPolicy;
  CalendarConflictResolution: CalendarConflictResolution;
  CalendarImportPolicy: CalendarImportPolicy;
  CalendarLink: ResolverTypeWrapper<EventMapping>;
  CalendarLinkStatus: CalendarLinkStatus;
  CalendarProvider: ResolverTypeWrapper<CalendarProviderView>;
  CalendarProviderStatus: CalendarProviderStatus;
  CalendarProviderType: CalendarProviderType;
  CalendarSyncConflict: ResolverTypeWrapper<SyncConflictRecord>;
  CalendarSyncDirection: CalendarSyncDirection;
  CalendarSyncDirectionOfChange: CalendarSyncDirectionOfChange;
  CalendarSyncLogConnection: ResolverTypeWrapper<Omit<CalendarSyncLogConnection, 'edges'> & { edges: Array<ResolversTypes['CalendarSyncLogEdge']> }>;
  CalendarSyncLogEdge: ResolverTypeWrapper<Omit<CalendarSyncLogEdge, 'node'> & { node: ResolversTypes['CalendarSyncLogEntry'] }>;
  CalendarSyncLogEntry: ResolverTypeWrapper<SyncLogEntry>;
  CalendarSyncOutcome: CalendarSyncOutcome;
  CalendarSyncState: CalendarSyncState;
  CalendarSyncStatus: ResolverTypeWrapper<SyncStatusView>;
  CalendarWarning: ResolverTypeWrapper<CalendarWarning>;
  CalendarWarningCode: CalendarWarningCode;
  CalendarWebhook: ResolverTypeWrapper<CalendarWebhook>;
  CalendarWebhookHealth: ResolverTypeWrapper<Omit<CalendarWebhookHealth, 'provider'> & { provider: ResolversTypes['CalendarProvider'] }>;
  CalendarWebhookReplay: ResolverTypeWrapper<Omit<CalendarWebhookReplay, 'provider'> & { provider: ResolversTypes['CalendarProvider'] }>;
  CalendarWebhookStatus: CalendarWebhookStatus;
  ConfigureGoogleCalendarAppInput: ConfigureGoogleCalendarAppInput;
  CreateApiKeyInput: CreateApiKeyInput;
  CreateCalendarProviderInput: CreateCalendarProviderInput;
  CreateMicrosoftProfileInput: CreateMicrosoftProfileInput;
  CreateScheduleEntryInput: CreateScheduleEntryInput;
  CreatedApiKey: ResolverTypeWrapper<Omit<CreatedApiKey, 'apiKey'> & { apiKey: ResolversTypes['ApiKey'] }>;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Edition: Edition;
  EmailProvider: ResolverTypeWrapper<EmailProvider>;
  ExternalCalendar: ResolverTypeWrapper<ExternalCalendar>;
  GoogleCalendarApp: ResolverTypeWrapper<GoogleCalendarAppView>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  MicrosoftBindingState: MicrosoftBindingState;
  MicrosoftConsumer: MicrosoftConsumer;
  MicrosoftConsumerBinding: ResolverTypeWrapper<ConsumerBindingView>;
  MicrosoftConsumerCapability: ResolverTypeWrapper<MicrosoftConsumerCapability>;
  MicrosoftConsumerIntegrationStatus: ResolverTypeWrapper<ConsumerIntegrationStatus>;
  MicrosoftProfile: ResolverTypeWrapper<MicrosoftProfileRow>;
  MspSsoDomainVerificationRecord: ResolverTypeWrapper<MspSsoDomainVerificationRecord>;
  MspSsoIdentity: ResolverTypeWrapper<MspSsoIdentity>;
  MspSsoLoginDomain: ResolverTypeWrapper<MspSsoLoginDomain>;
  MspSsoLoginDomainStatus: MspSsoLoginDomainStatus;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Role: Role;
  ScheduleEntry: ResolverTypeWrapper<ScheduleEntryRecord>;
  ScheduleEntryConnection: ResolverTypeWrapper<Omit<ScheduleEntryConnection, 'edges'> & { edges: Array<ResolversTypes['ScheduleEntryEdge']> }>;
  ScheduleEntryEdge: ResolverTypeWrapper<Omit<ScheduleEntryEdge, 'node'> & { node: ResolversTypes['ScheduleEntry'] }>;
  ScheduleEntryStatus: ScheduleEntryStatus;
  ScheduleOccurrence: ResolverTypeWrapper<ScheduleOccurrenceView>;
  ScheduleRangeInput: ScheduleRangeInput;
  SetMicrosoftConsumerBindingPayload: ResolverTypeWrapper<Omit<SetMicrosoftConsumerBindingPayload, 'binding'> & { binding: ResolversTypes['MicrosoftConsumerBinding'] }>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  TeamsInstallStatus: TeamsInstallStatus;
  TeamsIntegration: ResolverTypeWrapper<TeamsIntegrationRecord>;
  Tenant: ResolverTypeWrapper<TenantRow>;
  UpdateCalendarProviderInput: UpdateCalendarProviderInput;
  UpdateMicrosoftProfileInput: UpdateMicrosoftProfileInput;
  UpdateScheduleEntryInput: UpdateScheduleEntryInput;
  UpsertUserInput: UpsertUserInput;
  User: ResolverTypeWrapper<UserRow>;
  UserConnection: ResolverTypeWrapper<Omit<UserConnection, 'edges'> & { edges: Array<ResolversTypes['UserEdge']> }>;
  UserEdge: ResolverTypeWrapper<Omit<UserEdge, 'node'> & { node: ResolversTypes['User'] }>;
  Viewer: ResolverTypeWrapper<RequestContext>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  ApiKey: ApiKeyRow;
  BindingWarning: BindingWarning;
  Boolean: Scalars['Boolean']['output'];
  CalendarAuthorization: CalendarAuthorization;
  CalendarLink: EventMapping;
  CalendarProvider: CalendarProviderView;
  CalendarSyncConflict: SyncConflictRecord;
  CalendarSyncLogConnection: Omit<CalendarSyncLogConnection, 'edges'> & { edges: Array<ResolversParentTypes['CalendarSyncLogEdge']> };
  CalendarSyncLogEdge: Omit<CalendarSyncLogEdge, 'node'> & { node: ResolversParentTypes['CalendarSyncLogEntry'] };
  CalendarSyncLogEntry: SyncLogEntry;
  CalendarSyncStatus: SyncStatusView;
  CalendarWarning: CalendarWarning;
  CalendarWebhook: CalendarWebhook;
  CalendarWebhookHealth: Omit<CalendarWebhookHealth, 'provider'> & { provider: ResolversParentTypes['CalendarProvider'] };
  CalendarWebhookReplay: Omit<CalendarWebhookReplay, 'provider'> & { provider: ResolversParentTypes['CalendarProvider'] };
  ConfigureGoogleCalendarAppInput: ConfigureGoogleCalendarAppInput;
  CreateApiKeyInput: CreateApiKeyInput;
  CreateCalendarProviderInput: CreateCalendarProviderInput;
  CreateMicrosoftProfileInput: CreateMicrosoftProfileInput;
  CreateScheduleEntryInput: CreateScheduleEntryInput;
  CreatedApiKey: Omit<CreatedApiKey, 'apiKey'> & { apiKey: ResolversParentTypes['ApiKey'] };
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  EmailProvider: EmailProvider;
  ExternalCalendar: ExternalCalendar;
  GoogleCalendarApp: GoogleCalendarAppView;
  ID: Scalars['ID']['output'];
  Int: Scalars['Int']['output'];
  MicrosoftConsumerBinding: ConsumerBindingView;
  MicrosoftConsumerCapability: MicrosoftConsumerCapability;
  MicrosoftConsumerIntegrationStatus: ConsumerIntegrationStatus;
  MicrosoftProfile: MicrosoftProfileRow;
  MspSsoDomainVerificationRecord: MspSsoDomainVerificationRecord;
  MspSsoIdentity: MspSsoIdentity;
  MspSsoLoginDomain: MspSsoLoginDomain;
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  Query: Record<PropertyKey, never>;
  ScheduleEntry: ScheduleEntryRecord;
  ScheduleEntryConnection: Omit<ScheduleEntryConnection, 'edges'> & { edges: Array<ResolversParentTypes['ScheduleEntryEdge']> };
  ScheduleEntryEdge: Omit<ScheduleEntryEdge, 'node'> & { node: ResolversParentTypes['ScheduleEntry'] };
  ScheduleOccurrence: ScheduleOccurrenceView;
  ScheduleRangeInput: ScheduleRangeInput;
  SetMicrosoftConsumerBindingPayload: Omit<SetMicrosoftConsumerBindingPayload, 'binding'> & { binding: ResolversParentTypes['MicrosoftConsumerBinding'] };
  String: Scalars['String']['output'];
  TeamsIntegration: TeamsIntegrationRecord;
  Tenant: TenantRow;
  UpdateCalendarProviderInput: UpdateCalendarProviderInput;
  UpdateMicrosoftProfileInput: UpdateMicrosoftProfileInput;
  UpdateScheduleEntryInput: UpdateScheduleEntryInput;
  UpsertUserInput: UpsertUserInput;
  User: UserRow;
  UserConnection: Omit<UserConnection, 'edges'> & { edges: Array<ResolversParentTypes['UserEdge']> };
  UserEdge: Omit<UserEdge, 'node'> & { node: ResolversParentTypes['User'] };
  Viewer: RequestContext;
};

export type ApiKeyResolvers<ContextType = GraphqlContext, ParentType extends ResolversParentTypes['ApiKey'] = ResolversParentTypes['ApiKey']> = {
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastUsedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  prefix?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  revokedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  role?: Resolver<ResolversTypes['Role'], ParentType, ContextType>;
};

export type BindingWarningResolvers<ContextType = GraphqlContext, ParentType extends ResolversParentTypes['BindingWarning'] = ResolversParentTypes['BindingWarning']> = {
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type CalendarAuthorizationResolvers<ContextType = GraphqlContext, ParentType extends ResolversParentTypes['CalendarAuthorization'] = ResolversParentTypes['CalendarAuthorization']> = {
  authorizationUrl?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type CalendarLinkResolvers<ContextType = GraphqlContext, ParentType extends ResolversParentTypes['CalendarLink'] = ResolversParentTypes['CalendarLink']> = {
  externalEventId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  lastError?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  lastSyncedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  provider?: Resolver<ResolversTypes['CalendarProvider'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['CalendarLinkStatus'], ParentType, ContextType>;
};

export type CalendarProviderResolvers<ContextType = GraphqlContext, ParentType extends ResolversParentTypes['CalendarProvider'] = ResolversParentTypes['CalendarProvider']> = {
  accountEmail?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  active?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  calendarId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  calendarName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  conflictPolicy?: Resolver<ResolversTypes['CalendarConflictPolicy'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  importPolicy?: Resolver<ResolversTypes['CalendarImportPolicy'], ParentType, ContextType>;
  importTag?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  lastError?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  lastSyncAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  owner?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  providerType?: Resolver<ResolversTypes['CalendarProviderType'], ParentType, ContextType>;
  pushPrivateDetails?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['CalendarProviderStatus'], ParentType, ContextType>;
  syncDirection?: Resolver<ResolversTypes['CalendarSyncDirection'], ParentType, ContextType>;
  warnings?: Resolver<Array<ResolversTypes['CalendarWarning']>, ParentType, ContextType>;
  webhook?: Resolver<ResolversTypes['CalendarWebhook'], ParentType, ContextType>;
  webhookHealth?: Resolver<ResolversTypes['CalendarWebhookHealth'], ParentType, ContextType>;
};

export type CalendarSyncConflictResolvers<ContextType = GraphqlContext, ParentType extends ResolversParentTypes['CalendarSyncConflict'] = ResolversParentTypes['CalendarSyncConflict']> = {
  detectedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  entry?: Resolver<Maybe<ResolversTypes['ScheduleEntry']>, ParentType, ContextType>;
  externalEventId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  externalTitle?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  externalVersion?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  localVersion?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  provider?: Resolver<ResolversTypes['CalendarProvider'], ParentType, ContextType>;
  resolution?: Resolver<Maybe<ResolversTypes['CalendarConflictResolution']>, ParentType, ContextType>;
  resolvedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
};

export type CalendarSyncLogConnectionResolvers<ContextType = GraphqlContext, ParentType extends ResolversParentTypes['CalendarSyncLogConnection'] = ResolversParentTypes['CalendarSyncLogConnection']> = {
  edges?: Resolver<Array<ResolversTypes['CalendarSyncLogEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type CalendarSyncLogEdgeResolvers<ContextType = GraphqlContext, ParentType extends ResolversParentTypes['CalendarSyncLogEdge'] = ResolversParentTypes['CalendarSyncLogEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['CalendarSyncLogEntry'], ParentType, ContextType>;
};

export type CalendarSyncLogEntryResolvers<ContextType = GraphqlContext, ParentType extends ResolversParentTypes['CalendarSyncLogEntry'] = ResolversParentTypes['CalendarSyncLogEntry']> = {
  action?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  direction?: Resolver<ResolversTypes['CalendarSyncDirectionOfChange'], ParentType, ContextType>;
  entry?: Resolver<Maybe<ResolversTypes['ScheduleEntry']>, ParentType, ContextType>;
  externalEventId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  outcome?: Resolver<ResolversTypes['CalendarSyncOutcome'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type CalendarSyncStatusResolvers<ContextType = GraphqlContext, ParentType extends ResolversParentTypes['CalendarSyncStatus'] = ResolversParentTypes['CalendarSyncStatus']> = {
  conflicts?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  cursorAgeSeconds?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  errors?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  lastError?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  lastRunFinishedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  lastRunStartedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  lastSuccessAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  openConflicts?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  provider?: Resolver<ResolversTypes['CalendarProvider'], ParentType, ContextType>;
  pulled?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  pushed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  state?: Resolver<ResolversTypes['CalendarSyncState'], ParentType, ContextType>;
};

export type CalendarWarningResolvers<ContextType = GraphqlContext, ParentType extends ResolversParentTypes['CalendarWarning'] = ResolversParentTypes['CalendarWarning']> = {
  code?: Resolver<ResolversTypes['CalendarWarningCode'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type CalendarWebhookResolvers<ContextType = GraphqlContext, ParentType extends ResolversParentTypes['CalendarWebhook'] = ResolversParentTypes['CalendarWebhook']> = {
  expiresAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type CalendarWebhookHealthResolvers<ContextType = GraphqlContext, ParentType extends ResolversParentTypes['CalendarWebhookHealth'] = ResolversParentTypes['CalendarWebhookHealth']> = {
  consecutiveFailures?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  expiresAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  lastError?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  lastNotificationAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  lastRenewalAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  polling?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  provider?: Resolver<ResolversTypes['CalendarProvider'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['CalendarWebhookStatus'], ParentType, ContextType>;
};

export type CalendarWebhookReplayResolvers<ContextType = GraphqlContext, ParentType extends ResolversParentTypes['CalendarWebhookReplay'] = ResolversParentTypes['CalendarWebhookReplay']> = {
  provider?: Resolver<ResolversTypes['CalendarProvider'], ParentType, ContextType>;
  requeued?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  syncQueued?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type CreatedApiKeyResolvers<ContextType = GraphqlContext, ParentType extends ResolversParentTypes['CreatedApiKey'] = ResolversParentTypes['CreatedApiKey']> = {
  apiKey?: Resolver<ResolversTypes['ApiKey'], ParentType, ContextType>;
  secret?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type EmailProviderResolvers<ContextType = GraphqlContext, ParentType extends ResolversParentTypes['EmailProvider'] = ResolversParentTypes['EmailProvider']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  isActive?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  mailbox?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  microsoftBindingState?: Resolver<Maybe<ResolversTypes['MicrosoftBindingState']>, ParentType, ContextType>;
  providerType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ExternalCalendarResolvers<ContextType = GraphqlContext, ParentType extends ResolversParentTypes['ExternalCalendar'] = ResolversParentTypes['ExternalCalendar']> = {
  canEdit?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  primary?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  timeZone?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type GoogleCalendarAppResolvers<ContextType = GraphqlContext, ParentType extends ResolversParentTypes['GoogleCalendarApp'] = ResolversParentTypes['GoogleCalendarApp']> = {
  clientId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  clientSecretConfigured?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  redirectUri?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type MicrosoftConsumerBindingResolvers<ContextType = GraphqlContext, ParentType extends ResolversParentTypes['MicrosoftConsumerBinding'] = ResolversParentTypes['MicrosoftConsumerBinding']> = {
  consumer?: Resolver<ResolversTypes['MicrosoftConsumer'], ParentType, ContextType>;
  profile?: Resolver<Maybe<ResolversTypes['MicrosoftProfile']>, ParentType, ContextType>;
  reconnectNote?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  updatedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  updatedBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type MicrosoftConsumerCapabilityResolvers<ContextType = GraphqlContext, ParentType extends ResolversParentTypes['MicrosoftConsumerCapability'] = ResolversParentTypes['MicrosoftConsumerCapability']> = {
  consumer?: Resolver<ResolversTypes['MicrosoftConsumer'], ParentType, ContextType>;
  reconnectRequiredOnRebind?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type MicrosoftConsumerIntegrationStatusResolvers<ContextType = GraphqlContext, ParentType extends ResolversParentTypes['MicrosoftConsumerIntegrationStatus'] = ResolversParentTypes['MicrosoftConsumerIntegrationStatus']> = {
  bound?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  consumer?: Resolver<ResolversTypes['MicrosoftConsumer'], ParentType, ContextType>;
  problem?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  profile?: Resolver<Maybe<ResolversTypes['MicrosoftProfile']>, ParentType, ContextType>;
  ready?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  redirectUris?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  scopes?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
};

export type MicrosoftProfileResolvers<ContextType = GraphqlContext, ParentType extends ResolversParentTypes['MicrosoftProfile'] = ResolversParentTypes['MicrosoftProfile']> = {
  allowedDirectoryIds?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  boundConsumers?: Resolver<Array<ResolversTypes['MicrosoftConsumer']>, ParentType, ContextType>;
  clientId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  clientSecretConfigured?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  displayName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  isArchived?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  isDefault?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  tenantAuthority?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type MspSsoDomainVerificationRecordResolvers<ContextType = GraphqlContext, ParentType extends ResolversParentTypes['MspSsoDomainVerificationRecord'] = ResolversParentTypes['MspSsoDomainVerificationRecord']> = {
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type MspSsoIdentityResolvers<ContextType = GraphqlContext, ParentType extends ResolversParentTypes['MspSsoIdentity'] = ResolversParentTypes['MspSsoIdentity']> = {
  displayName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  email?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  microsoftObjectId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  microsoftTenantId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  oid?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  tenantId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  tid?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type MspSsoLoginDomainResolvers<ContextType = GraphqlContext, ParentType extends ResolversParentTypes['MspSsoLoginDomain'] = ResolversParentTypes['MspSsoLoginDomain']> = {
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  domain?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  isActive?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['MspSsoLoginDomainStatus'], ParentType, ContextType>;
  verification?: Resolver<ResolversTypes['MspSsoDomainVerificationRecord'], ParentType, ContextType>;
  verifiedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
};

export type MutationResolvers<ContextType = GraphqlContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  addMspSsoLoginDomain?: Resolver<ResolversTypes['MspSsoLoginDomain'], ParentType, ContextType, RequireFields<MutationAddMspSsoLoginDomainArgs, 'domain'>>;
  archiveMicrosoftProfile?: Resolver<ResolversTypes['MicrosoftProfile'], ParentType, ContextType, RequireFields<MutationArchiveMicrosoftProfileArgs, 'id'>>;
  cancelScheduleOccurrence?: Resolver<ResolversTypes['ScheduleEntry'], ParentType, ContextType, RequireFields<MutationCancelScheduleOccurrenceArgs, 'originalStartsAt' | 'seriesId'>>;
  clearMicrosoftConsumerBinding?: Resolver<ResolversTypes['MicrosoftConsumerBinding'], ParentType, ContextType, RequireFields<MutationClearMicrosoftConsumerBindingArgs, 'consumer'>>;
  completeCalendarAuthorization?: Resolver<ResolversTypes['CalendarProvider'], ParentType, ContextType, RequireFields<MutationCompleteCalendarAuthorizationArgs, 'ticket'>>;
  configureGoogleCalendarApp?: Resolver<ResolversTypes['GoogleCalendarApp'], ParentType, ContextType, RequireFields<MutationConfigureGoogleCalendarAppArgs, 'input'>>;
  createApiKey?: Resolver<ResolversTypes['CreatedApiKey'], ParentType, ContextType, RequireFields<MutationCreateApiKeyArgs, 'input'>>;
  createCalendarProvider?: Resolver<ResolversTypes['CalendarProvider'], ParentType, ContextType, RequireFields<MutationCreateCalendarProviderArgs, 'input'>>;
  createMicrosoftProfile?: Resolver<ResolversTypes['MicrosoftProfile'], ParentType, ContextType, RequireFields<MutationCreateMicrosoftProfileArgs, 'input'>>;
  createScheduleEntry?: Resolver<ResolversTypes['ScheduleEntry'], ParentType, ContextType, RequireFields<MutationCreateScheduleEntryArgs, 'input'>>;
  deleteCalendarProvider?: Resolver<ResolversTypes['ID'], ParentType, ContextType, RequireFields<MutationDeleteCalendarProviderArgs, 'id'>>;
  deleteMicrosoftProfile?: Resolver<ResolversTypes['ID'], ParentType, ContextType, RequireFields<MutationDeleteMicrosoftProfileArgs, 'id'>>;
  deleteScheduleEntry?: Resolver<ResolversTypes['ID'], ParentType, ContextType, RequireFields<MutationDeleteScheduleEntryArgs, 'id'>>;
  editScheduleOccurrence?: Resolver<ResolversTypes['ScheduleEntry'], ParentType, ContextType, RequireFields<MutationEditScheduleOccurrenceArgs, 'input' | 'originalStartsAt' | 'seriesId'>>;
  listExternalCalendars?: Resolver<Array<ResolversTypes['ExternalCalendar']>, ParentType, ContextType, RequireFields<MutationListExternalCalendarsArgs, 'providerId'>>;
  redeemMspSsoTicket?: Resolver<ResolversTypes['MspSsoIdentity'], ParentType, ContextType, RequireFields<MutationRedeemMspSsoTicketArgs, 'nonce' | 'ticket'>>;
  removeMspSsoLoginDomain?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationRemoveMspSsoLoginDomainArgs, 'id'>>;
  renewCalendarWebhook?: Resolver<ResolversTypes['CalendarWebhookHealth'], ParentType, ContextType, RequireFields<MutationRenewCalendarWebhookArgs, 'providerId'>>;
  replayCalendarWebhooks?: Resolver<ResolversTypes['CalendarWebhookReplay'], ParentType, ContextType, RequireFields<MutationReplayCalendarWebhooksArgs, 'providerId' | 'since'>>;
  resolveCalendarConflict?: Resolver<ResolversTypes['CalendarSyncConflict'], ParentType, ContextType, RequireFields<MutationResolveCalendarConflictArgs, 'conflictId' | 'resolution'>>;
  revokeApiKey?: Resolver<ResolversTypes['ApiKey'], ParentType, ContextType, RequireFields<MutationRevokeApiKeyArgs, 'id'>>;
  setDefaultMicrosoftProfile?: Resolver<ResolversTypes['MicrosoftProfile'], ParentType, ContextType, RequireFields<MutationSetDefaultMicrosoftProfileArgs, 'id'>>;
  setMicrosoftConsumerBinding?: Resolver<ResolversTypes['SetMicrosoftConsumerBindingPayload'], ParentType, ContextType, RequireFields<MutationSetMicrosoftConsumerBindingArgs, 'consumer' | 'profileId'>>;
  startCalendarAuthorization?: Resolver<ResolversTypes['CalendarAuthorization'], ParentType, ContextType, RequireFields<MutationStartCalendarAuthorizationArgs, 'providerId'>>;
  syncCalendarProvider?: Resolver<ResolversTypes['CalendarSyncStatus'], ParentType, ContextType, RequireFields<MutationSyncCalendarProviderArgs, 'providerId'>>;
  updateCalendarProvider?: Resolver<ResolversTypes['CalendarProvider'], ParentType, ContextType, RequireFields<MutationUpdateCalendarProviderArgs, 'id' | 'input'>>;
  updateMicrosoftProfile?: Resolver<ResolversTypes['MicrosoftProfile'], ParentType, ContextType, RequireFields<MutationUpdateMicrosoftProfileArgs, 'id' | 'input'>>;
  updateScheduleEntry?: Resolver<ResolversTypes['ScheduleEntry'], ParentType, ContextType, RequireFields<MutationUpdateScheduleEntryArgs, 'expectedVersion' | 'id' | 'input'>>;
  upsertUser?: Resolver<ResolversTypes['User'], ParentType, ContextType, RequireFields<MutationUpsertUserArgs, 'input'>>;
  verifyMspSsoLoginDomain?: Resolver<ResolversTypes['MspSsoLoginDomain'], ParentType, ContextType, RequireFields<MutationVerifyMspSsoLoginDomainArgs, 'id'>>;
};

export type PageInfoResolvers<ContextType = GraphqlContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = GraphqlContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  apiKeys?: Resolver<Array<ResolversTypes['ApiKey']>, ParentType, ContextType>;
  calendarProvider?: Resolver<Maybe<ResolversTypes['CalendarProvider']>, ParentType, ContextType, RequireFields<QueryCalendarProviderArgs, 'id'>>;
  calendarProviders?: Resolver<Array<ResolversTypes['CalendarProvider']>, ParentType, ContextType, Partial<QueryCalendarProvidersArgs>>;
  calendarSyncConflicts?: Resolver<Array<ResolversTypes['CalendarSyncConflict']>, ParentType, ContextType, RequireFields<QueryCalendarSyncConflictsArgs, 'providerId'>>;
  calendarSyncLog?: Resolver<ResolversTypes['CalendarSyncLogConnection'], ParentType, ContextType, RequireFields<QueryCalendarSyncLogArgs, 'first' | 'providerId'>>;
  calendarSyncStatus?: Resolver<ResolversTypes['CalendarSyncStatus'], ParentType, ContextType, RequireFields<QueryCalendarSyncStatusArgs, 'providerId'>>;
  calendarWebhookHealth?: Resolver<ResolversTypes['CalendarWebhookHealth'], ParentType, ContextType, RequireFields<QueryCalendarWebhookHealthArgs, 'providerId'>>;
  edition?: Resolver<ResolversTypes['Edition'], ParentType, ContextType>;
  emailProviders?: Resolver<Array<ResolversTypes['EmailProvider']>, ParentType, ContextType>;
  googleCalendarApp?: Resolver<Maybe<ResolversTypes['GoogleCalendarApp']>, ParentType, ContextType>;
  microsoftConsumerBindings?: Resolver<Array<ResolversTypes['MicrosoftConsumerBinding']>, ParentType, ContextType>;
  microsoftConsumers?: Resolver<Array<ResolversTypes['MicrosoftConsumerCapability']>, ParentType, ContextType, Partial<QueryMicrosoftConsumersArgs>>;
  microsoftIntegrationStatus?: Resolver<Array<ResolversTypes['MicrosoftConsumerIntegrationStatus']>, ParentType, ContextType>;
  microsoftProfile?: Resolver<Maybe<ResolversTypes['MicrosoftProfile']>, ParentType, ContextType, RequireFields<QueryMicrosoftProfileArgs, 'id'>>;
  microsoftProfiles?: Resolver<Array<ResolversTypes['MicrosoftProfile']>, ParentType, ContextType, RequireFields<QueryMicrosoftProfilesArgs, 'includeArchived'>>;
  mspSsoLoginDomains?: Resolver<Array<ResolversTypes['MspSsoLoginDomain']>, ParentType, ContextType>;
  scheduleEntries?: Resolver<ResolversTypes['ScheduleEntryConnection'], ParentType, ContextType, RequireFields<QueryScheduleEntriesArgs, 'first'>>;
  scheduleEntry?: Resolver<Maybe<ResolversTypes['ScheduleEntry']>, ParentType, ContextType, RequireFields<QueryScheduleEntryArgs, 'id'>>;
  scheduleOccurrences?: Resolver<Array<ResolversTypes['ScheduleOccurrence']>, ParentType, ContextType, RequireFields<QueryScheduleOccurrencesArgs, 'range'>>;
  teamsIntegration?: Resolver<ResolversTypes['TeamsIntegration'], ParentType, ContextType>;
  user?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType, RequireFields<QueryUserArgs, 'id'>>;
  users?: Resolver<ResolversTypes['UserConnection'], ParentType, ContextType, RequireFields<QueryUsersArgs, 'first'>>;
  viewer?: Resolver<ResolversTypes['Viewer'], ParentType, ContextType>;
};

export type ScheduleEntryResolvers<ContextType = GraphqlContext, ParentType extends ResolversParentTypes['ScheduleEntry'] = ResolversParentTypes['ScheduleEntry']> = {
  allDay?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  assignees?: Resolver<Array<ResolversTypes['User']>, ParentType, ContextType>;
  calendarLinks?: Resolver<Array<ResolversTypes['CalendarLink']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  createdBy?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  endDate?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  endsAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  externalRef?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  isPrivate?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  location?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  notes?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  originalStartsAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  recurrence?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  seriesId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  startDate?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  startsAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ScheduleEntryStatus'], ParentType, ContextType>;
  timeZone?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ScheduleEntryConnectionResolvers<ContextType = GraphqlContext, ParentType extends ResolversParentTypes['ScheduleEntryConnection'] = ResolversParentTypes['ScheduleEntryConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ScheduleEntryEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ScheduleEntryEdgeResolvers<ContextType = GraphqlContext, ParentType extends ResolversParentTypes['ScheduleEntryEdge'] = ResolversParentTypes['ScheduleEntryEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['ScheduleEntry'], ParentType, ContextType>;
};

export type ScheduleOccurrenceResolvers<ContextType = GraphqlContext, ParentType extends ResolversParentTypes['ScheduleOccurrence'] = ResolversParentTypes['ScheduleOccurrence']> = {
  endDate?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  endsAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  entry?: Resolver<ResolversTypes['ScheduleEntry'], ParentType, ContextType>;
  isException?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  originalStartsAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  startDate?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  startsAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type SetMicrosoftConsumerBindingPayloadResolvers<ContextType = GraphqlContext, ParentType extends ResolversParentTypes['SetMicrosoftConsumerBindingPayload'] = ResolversParentTypes['SetMicrosoftConsumerBindingPayload']> = {
  binding?: Resolver<ResolversTypes['MicrosoftConsumerBinding'], ParentType, ContextType>;
  warnings?: Resolver<Array<ResolversTypes['BindingWarning']>, ParentType, ContextType>;
};

export type TeamsIntegrationResolvers<ContextType = GraphqlContext, ParentType extends ResolversParentTypes['TeamsIntegration'] = ResolversParentTypes['TeamsIntegration']> = {
  appId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  botId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  lastError?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  selectedProfile?: Resolver<Maybe<ResolversTypes['MicrosoftProfile']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['TeamsInstallStatus'], ParentType, ContextType>;
  updatedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
};

export type TenantResolvers<ContextType = GraphqlContext, ParentType extends ResolversParentTypes['Tenant'] = ResolversParentTypes['Tenant']> = {
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type UserResolvers<ContextType = GraphqlContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User']> = {
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  displayName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  email?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  externalId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['Role'], ParentType, ContextType>;
};

export type UserConnectionResolvers<ContextType = GraphqlContext, ParentType extends ResolversParentTypes['UserConnection'] = ResolversParentTypes['UserConnection']> = {
  edges?: Resolver<Array<ResolversTypes['UserEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type UserEdgeResolvers<ContextType = GraphqlContext, ParentType extends ResolversParentTypes['UserEdge'] = ResolversParentTypes['UserEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
};

export type ViewerResolvers<ContextType = GraphqlContext, ParentType extends ResolversParentTypes['Viewer'] = ResolversParentTypes['Viewer']> = {
  role?: Resolver<ResolversTypes['Role'], ParentType, ContextType>;
  tenant?: Resolver<ResolversTypes['Tenant'], ParentType, ContextType>;
  tenantId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  userId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type Resolvers<ContextType = GraphqlContext> = {
  ApiKey?: ApiKeyResolvers<ContextType>;
  BindingWarning?: BindingWarningResolvers<ContextType>;
  CalendarAuthorization?: CalendarAuthorizationResolvers<ContextType>;
  CalendarLink?: CalendarLinkResolvers<ContextType>;
  CalendarProvider?: CalendarProviderResolvers<ContextType>;
  CalendarSyncConflict?: CalendarSyncConflictResolvers<ContextType>;
  CalendarSyncLogConnection?: CalendarSyncLogConnectionResolvers<ContextType>;
  CalendarSyncLogEdge?: CalendarSyncLogEdgeResolvers<ContextType>;
  CalendarSyncLogEntry?: CalendarSyncLogEntryResolvers<ContextType>;
  CalendarSyncStatus?: CalendarSyncStatusResolvers<ContextType>;
  CalendarWarning?: CalendarWarningResolvers<ContextType>;
  CalendarWebhook?: CalendarWebhookResolvers<ContextType>;
  CalendarWebhookHealth?: CalendarWebhookHealthResolvers<ContextType>;
  CalendarWebhookReplay?: CalendarWebhookReplayResolvers<ContextType>;
  CreatedApiKey?: CreatedApiKeyResolvers<ContextType>;
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  EmailProvider?: EmailProviderResolvers<ContextType>;
  ExternalCalendar?: ExternalCalendarResolvers<ContextType>;
  GoogleCalendarApp?: GoogleCalendarAppResolvers<ContextType>;
  MicrosoftConsumerBinding?: MicrosoftConsumerBindingResolvers<ContextType>;
  MicrosoftConsumerCapability?: MicrosoftConsumerCapabilityResolvers<ContextType>;
  MicrosoftConsumerIntegrationStatus?: MicrosoftConsumerIntegrationStatusResolvers<ContextType>;
  MicrosoftProfile?: MicrosoftProfileResolvers<ContextType>;
  MspSsoDomainVerificationRecord?: MspSsoDomainVerificationRecordResolvers<ContextType>;
  MspSsoIdentity?: MspSsoIdentityResolvers<ContextType>;
  MspSsoLoginDomain?: MspSsoLoginDomainResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  ScheduleEntry?: ScheduleEntryResolvers<ContextType>;
  ScheduleEntryConnection?: ScheduleEntryConnectionResolvers<ContextType>;
  ScheduleEntryEdge?: ScheduleEntryEdgeResolvers<ContextType>;
  ScheduleOccurrence?: ScheduleOccurrenceResolvers<ContextType>;
  SetMicrosoftConsumerBindingPayload?: SetMicrosoftConsumerBindingPayloadResolvers<ContextType>;
  TeamsIntegration?: TeamsIntegrationResolvers<ContextType>;
  Tenant?: TenantResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
  UserConnection?: UserConnectionResolvers<ContextType>;
  UserEdge?: UserEdgeResolvers<ContextType>;
  Viewer?: ViewerResolvers<ContextType>;
};

