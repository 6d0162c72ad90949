import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { RequestContext } from '../auth/request-context';
import type { Tenant as TenantRow } from '../db/entities/tenant.entity';
import type { ApiKey as ApiKeyRow } from '../db/entities/api-key.entity';
import type { MicrosoftProfile as MicrosoftProfileRow } from '../microsoft/microsoft-profile.entity';
import type { ConsumerBindingView } from '../microsoft/microsoft-binding.service';
import type { ConsumerIntegrationStatus } from '../microsoft/integration-status';
import type { User as UserRow } from '../db/entities/user.entity';
import type { ScheduleEntryRecord, ScheduleOccurrenceView } from '../schedule/schedule-entry';
import type { GraphqlContext } from '../graphql/graphql-context';
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

export type CreateApiKeyInput = {
  name: Scalars['String']['input'];
  /** Defaults to the caller's role; cannot exceed it. */
  role?: InputMaybe<Role>;
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

/**
 * Microsoft-backed features that each use exactly the profile they are bound to.
 * Community offers MSP_SSO; Enterprise extends this enum.
 */
export type MicrosoftConsumer =
  | 'MSP_SSO';

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
  /** Creates an API key acting as the caller (admin only). */
  createApiKey: CreatedApiKey;
  createMicrosoftProfile: MicrosoftProfile;
  createScheduleEntry: ScheduleEntry;
  /** Refused with PROFILE_IN_USE while any consumer is bound to the profile. Returns the deleted id. */
  deleteMicrosoftProfile: Scalars['ID']['output'];
  /** Deletes the entry (a series with its exceptions). With expectedVersion, a stale version → CONFLICT. Returns the id. */
  deleteScheduleEntry: Scalars['ID']['output'];
  /** Creates or updates the exception for one instance of a series; returns the exception. */
  editScheduleOccurrence: ScheduleEntry;
  /**
   * Redeems the one-time ticket the SSO callback put in the browser's redirect to
   * APP_URL/auth/msp/sso/complete (admin credentials of the same tenant, i.e. the PSA backend), with the nonce the
   * PSA sent to /api/auth/msp/sso/resolve from that browser's session. Single use (a wrong nonce uses it up too),
   * valid for two minutes; any other case is NOT_FOUND.
   */
  redeemMspSsoTicket: MspSsoIdentity;
  /** Removes one of the tenant's login domains (admin only). NOT_FOUND for ids the tenant does not own. */
  removeMspSsoLoginDomain: Scalars['Boolean']['output'];
  /** Revokes an API key of the tenant (admin only). Idempotent. */
  revokeApiKey: ApiKey;
  /** Exactly one default per tenant; the default is metadata for profile management only. */
  setDefaultMicrosoftProfile: MicrosoftProfile;
  setMicrosoftConsumerBinding: SetMicrosoftConsumerBindingPayload;
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


export type MutationCreateApiKeyArgs = {
  input: CreateApiKeyInput;
};


export type MutationCreateMicrosoftProfileArgs = {
  input: CreateMicrosoftProfileInput;
};


export type MutationCreateScheduleEntryArgs = {
  input: CreateScheduleEntryInput;
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


export type MutationRedeemMspSsoTicketArgs = {
  nonce: Scalars['String']['input'];
  ticket: Scalars['String']['input'];
};


export type MutationRemoveMspSsoLoginDomainArgs = {
  id: Scalars['ID']['input'];
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
  edition: Edition;
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
  user?: Maybe<User>;
  /** Users of the tenant, by creation order. `search` matches email, display name or external id (case-insensitive). `first` ≤ 500. */
  users: UserConnection;
  viewer: Viewer;
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

export type Tenant = {
  __typename?: 'Tenant';
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
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
  CreateApiKeyInput: CreateApiKeyInput;
  CreateMicrosoftProfileInput: CreateMicrosoftProfileInput;
  CreateScheduleEntryInput: CreateScheduleEntryInput;
  CreatedApiKey: ResolverTypeWrapper<Omit<CreatedApiKey, 'apiKey'> & { apiKey: ResolversTypes['ApiKey'] }>;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Edition: Edition;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
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
  Tenant: ResolverTypeWrapper<TenantRow>;
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
  CreateApiKeyInput: CreateApiKeyInput;
  CreateMicrosoftProfileInput: CreateMicrosoftProfileInput;
  CreateScheduleEntryInput: CreateScheduleEntryInput;
  CreatedApiKey: Omit<CreatedApiKey, 'apiKey'> & { apiKey: ResolversParentTypes['ApiKey'] };
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
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
  Tenant: TenantRow;
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
  createApiKey?: Resolver<ResolversTypes['CreatedApiKey'], ParentType, ContextType, RequireFields<MutationCreateApiKeyArgs, 'input'>>;
  createMicrosoftProfile?: Resolver<ResolversTypes['MicrosoftProfile'], ParentType, ContextType, RequireFields<MutationCreateMicrosoftProfileArgs, 'input'>>;
  createScheduleEntry?: Resolver<ResolversTypes['ScheduleEntry'], ParentType, ContextType, RequireFields<MutationCreateScheduleEntryArgs, 'input'>>;
  deleteMicrosoftProfile?: Resolver<ResolversTypes['ID'], ParentType, ContextType, RequireFields<MutationDeleteMicrosoftProfileArgs, 'id'>>;
  deleteScheduleEntry?: Resolver<ResolversTypes['ID'], ParentType, ContextType, RequireFields<MutationDeleteScheduleEntryArgs, 'id'>>;
  editScheduleOccurrence?: Resolver<ResolversTypes['ScheduleEntry'], ParentType, ContextType, RequireFields<MutationEditScheduleOccurrenceArgs, 'input' | 'originalStartsAt' | 'seriesId'>>;
  redeemMspSsoTicket?: Resolver<ResolversTypes['MspSsoIdentity'], ParentType, ContextType, RequireFields<MutationRedeemMspSsoTicketArgs, 'nonce' | 'ticket'>>;
  removeMspSsoLoginDomain?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationRemoveMspSsoLoginDomainArgs, 'id'>>;
  revokeApiKey?: Resolver<ResolversTypes['ApiKey'], ParentType, ContextType, RequireFields<MutationRevokeApiKeyArgs, 'id'>>;
  setDefaultMicrosoftProfile?: Resolver<ResolversTypes['MicrosoftProfile'], ParentType, ContextType, RequireFields<MutationSetDefaultMicrosoftProfileArgs, 'id'>>;
  setMicrosoftConsumerBinding?: Resolver<ResolversTypes['SetMicrosoftConsumerBindingPayload'], ParentType, ContextType, RequireFields<MutationSetMicrosoftConsumerBindingArgs, 'consumer' | 'profileId'>>;
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
  edition?: Resolver<ResolversTypes['Edition'], ParentType, ContextType>;
  microsoftConsumerBindings?: Resolver<Array<ResolversTypes['MicrosoftConsumerBinding']>, ParentType, ContextType>;
  microsoftConsumers?: Resolver<Array<ResolversTypes['MicrosoftConsumerCapability']>, ParentType, ContextType, Partial<QueryMicrosoftConsumersArgs>>;
  microsoftIntegrationStatus?: Resolver<Array<ResolversTypes['MicrosoftConsumerIntegrationStatus']>, ParentType, ContextType>;
  microsoftProfile?: Resolver<Maybe<ResolversTypes['MicrosoftProfile']>, ParentType, ContextType, RequireFields<QueryMicrosoftProfileArgs, 'id'>>;
  microsoftProfiles?: Resolver<Array<ResolversTypes['MicrosoftProfile']>, ParentType, ContextType, RequireFields<QueryMicrosoftProfilesArgs, 'includeArchived'>>;
  mspSsoLoginDomains?: Resolver<Array<ResolversTypes['MspSsoLoginDomain']>, ParentType, ContextType>;
  scheduleEntries?: Resolver<ResolversTypes['ScheduleEntryConnection'], ParentType, ContextType, RequireFields<QueryScheduleEntriesArgs, 'first'>>;
  scheduleEntry?: Resolver<Maybe<ResolversTypes['ScheduleEntry']>, ParentType, ContextType, RequireFields<QueryScheduleEntryArgs, 'id'>>;
  scheduleOccurrences?: Resolver<Array<ResolversTypes['ScheduleOccurrence']>, ParentType, ContextType, RequireFields<QueryScheduleOccurrencesArgs, 'range'>>;
  user?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType, RequireFields<QueryUserArgs, 'id'>>;
  users?: Resolver<ResolversTypes['UserConnection'], ParentType, ContextType, RequireFields<QueryUsersArgs, 'first'>>;
  viewer?: Resolver<ResolversTypes['Viewer'], ParentType, ContextType>;
};

export type ScheduleEntryResolvers<ContextType = GraphqlContext, ParentType extends ResolversParentTypes['ScheduleEntry'] = ResolversParentTypes['ScheduleEntry']> = {
  allDay?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  assignees?: Resolver<Array<ResolversTypes['User']>, ParentType, ContextType>;
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
  CreatedApiKey?: CreatedApiKeyResolvers<ContextType>;
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
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
  Tenant?: TenantResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
  UserConnection?: UserConnectionResolvers<ContextType>;
  UserEdge?: UserEdgeResolvers<ContextType>;
  Viewer?: ViewerResolvers<ContextType>;
};

