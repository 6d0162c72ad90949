import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { RequestContext } from '../../../src/auth/request-context';
import type { Tenant as TenantRow } from '../../../src/db/entities/tenant.entity';
import type { ApiKey as ApiKeyRow } from '../../../src/db/entities/api-key.entity';
import type { MicrosoftProfile as MicrosoftProfileRow } from '../../../src/microsoft/microsoft-profile.entity';
import type { ConsumerBindingView } from '../../../src/microsoft/microsoft-binding.service';
import type { ConsumerIntegrationStatus } from '../../../src/microsoft/integration-status';
import type { TeamsIntegrationRecord } from '../teams/teams-integration.repository';
import type { CalendarProviderRecord } from '../calendar/calendar-provider.repository';
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
  authorizationUrl: Scalars['String']['output'];
};

/** A user's connection to one external calendar (Google Calendar or Outlook). */
export type CalendarProvider = {
  __typename?: 'CalendarProvider';
  active: Scalars['Boolean']['output'];
  /** External calendar to sync; pick one from listExternalCalendars after connecting. */
  calendarId?: Maybe<Scalars['String']['output']>;
  calendarName?: Maybe<Scalars['String']['output']>;
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  lastError?: Maybe<Scalars['String']['output']>;
  lastSyncAt?: Maybe<Scalars['DateTime']['output']>;
  name: Scalars['String']['output'];
  /** User id of the owner. */
  owner: Scalars['String']['output'];
  providerType: CalendarProviderType;
  status: CalendarProviderStatus;
  syncDirection: CalendarSyncDirection;
  webhook: CalendarWebhook;
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

export type CalendarSyncDirection =
  | 'BIDIRECTIONAL'
  | 'FROM_EXTERNAL'
  | 'TO_EXTERNAL';

export type CalendarWebhook = {
  __typename?: 'CalendarWebhook';
  expiresAt?: Maybe<Scalars['DateTime']['output']>;
  /** Whether a Google channel / Graph subscription is currently registered (ACTIVE, EXPIRING, NONE). */
  status: Scalars['String']['output'];
};

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
  clientId: Scalars['String']['input'];
  /** The secret Value from Azure (not its Secret ID). */
  clientSecret: Scalars['String']['input'];
  displayName: Scalars['String']['input'];
  tenantAuthority: Scalars['String']['input'];
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

/** A Microsoft sign-in Switchboard verified for the tenant (MSP SSO), handed over once to the PSA. */
export type MspSsoIdentity = {
  __typename?: 'MspSsoIdentity';
  displayName?: Maybe<Scalars['String']['output']>;
  /** The signed-in account (UPN / email); its domain is one of the tenant's active login domains. */
  email: Scalars['String']['output'];
  /** The account's object id in its Microsoft directory. */
  microsoftObjectId: Scalars['String']['output'];
  /** The Microsoft directory (tenant) id of the account. */
  microsoftTenantId: Scalars['String']['output'];
  tenantId: Scalars['ID']['output'];
};

/**
 * An email domain whose users may sign in to this tenant with Microsoft (MSP single sign-on).
 * A domain belongs to at most one tenant.
 */
export type MspSsoLoginDomain = {
  __typename?: 'MspSsoLoginDomain';
  createdAt: Scalars['DateTime']['output'];
  /** Lower-case; internationalized names are stored in punycode (xn--...). */
  domain: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  isActive: Scalars['Boolean']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Claims a login domain for the tenant (admin only). Adding a domain the tenant already has returns it (and
   * re-activates it); a domain another tenant has claimed fails with CONFLICT.
   */
  addMspSsoLoginDomain: MspSsoLoginDomain;
  /** Refused with PROFILE_IN_USE while any consumer is bound to the profile. */
  archiveMicrosoftProfile: MicrosoftProfile;
  clearMicrosoftConsumerBinding: MicrosoftConsumerBinding;
  /** Admin only. */
  configureGoogleCalendarApp: GoogleCalendarApp;
  /** Creates an API key acting as the caller (admin only). */
  createApiKey: CreatedApiKey;
  createCalendarProvider: CalendarProvider;
  createMicrosoftProfile: MicrosoftProfile;
  /** Revokes tokens at the provider, stops webhooks and removes mappings; schedule entries stay. Returns the id. */
  deleteCalendarProvider: Scalars['ID']['output'];
  /** Refused with PROFILE_IN_USE while any consumer is bound to the profile. Returns the deleted id. */
  deleteMicrosoftProfile: Scalars['ID']['output'];
  listExternalCalendars: Array<ExternalCalendar>;
  /**
   * Redeems the one-time ticket the SSO callback put in the browser's redirect to
   * APP_URL/auth/msp/sso/complete (admin credentials of the same tenant, i.e. the PSA backend). Single use,
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
  startCalendarAuthorization: CalendarAuthorization;
  updateCalendarProvider: CalendarProvider;
  updateMicrosoftProfile: MicrosoftProfile;
};


export type MutationAddMspSsoLoginDomainArgs = {
  domain: Scalars['String']['input'];
};


export type MutationArchiveMicrosoftProfileArgs = {
  id: Scalars['ID']['input'];
};


export type MutationClearMicrosoftConsumerBindingArgs = {
  consumer: MicrosoftConsumer;
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


export type MutationDeleteCalendarProviderArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDeleteMicrosoftProfileArgs = {
  id: Scalars['ID']['input'];
};


export type MutationListExternalCalendarsArgs = {
  providerId: Scalars['ID']['input'];
};


export type MutationRedeemMspSsoTicketArgs = {
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


export type MutationStartCalendarAuthorizationArgs = {
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

export type Query = {
  __typename?: 'Query';
  /** API keys of the tenant (admin only). */
  apiKeys: Array<ApiKey>;
  calendarProvider?: Maybe<CalendarProvider>;
  /** Users see their own providers; admins see every provider of the tenant (or one owner's). */
  calendarProviders: Array<CalendarProvider>;
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
  /** Admin only. */
  teamsIntegration: TeamsIntegration;
  viewer: Viewer;
};


export type QueryCalendarProviderArgs = {
  id: Scalars['ID']['input'];
};


export type QueryCalendarProvidersArgs = {
  ownerId?: InputMaybe<Scalars['ID']['input']>;
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

export type Role =
  | 'ADMIN'
  | 'USER';

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
  name?: InputMaybe<Scalars['String']['input']>;
  syncDirection?: InputMaybe<CalendarSyncDirection>;
};

/** Every field is optional; an omitted clientSecret keeps the stored one, a given one rotates it. */
export type UpdateMicrosoftProfileInput = {
  clientId?: InputMaybe<Scalars['String']['input']>;
  clientSecret?: InputMaybe<Scalars['String']['input']>;
  displayName?: InputMaybe<Scalars['String']['input']>;
  tenantAuthority?: InputMaybe<Scalars['String']['input']>;
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
  CalendarProvider: ResolverTypeWrapper<CalendarProviderRecord>;
  CalendarProviderStatus: CalendarProviderStatus;
  CalendarProviderType: CalendarProviderType;
  CalendarSyncDirection: CalendarSyncDirection;
  CalendarWebhook: ResolverTypeWrapper<CalendarWebhook>;
  ConfigureGoogleCalendarAppInput: ConfigureGoogleCalendarAppInput;
  CreateApiKeyInput: CreateApiKeyInput;
  CreateCalendarProviderInput: CreateCalendarProviderInput;
  CreateMicrosoftProfileInput: CreateMicrosoftProfileInput;
  CreatedApiKey: ResolverTypeWrapper<Omit<CreatedApiKey, 'apiKey'> & { apiKey: ResolversTypes['ApiKey'] }>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Edition: Edition;
  EmailProvider: ResolverTypeWrapper<EmailProvider>;
  ExternalCalendar: ResolverTypeWrapper<ExternalCalendar>;
  GoogleCalendarApp: ResolverTypeWrapper<GoogleCalendarAppView>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  MicrosoftBindingState: MicrosoftBindingState;
  MicrosoftConsumer: MicrosoftConsumer;
  MicrosoftConsumerBinding: ResolverTypeWrapper<ConsumerBindingView>;
  MicrosoftConsumerCapability: ResolverTypeWrapper<MicrosoftConsumerCapability>;
  MicrosoftConsumerIntegrationStatus: ResolverTypeWrapper<ConsumerIntegrationStatus>;
  MicrosoftProfile: ResolverTypeWrapper<MicrosoftProfileRow>;
  MspSsoIdentity: ResolverTypeWrapper<MspSsoIdentity>;
  MspSsoLoginDomain: ResolverTypeWrapper<MspSsoLoginDomain>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Role: Role;
  SetMicrosoftConsumerBindingPayload: ResolverTypeWrapper<Omit<SetMicrosoftConsumerBindingPayload, 'binding'> & { binding: ResolversTypes['MicrosoftConsumerBinding'] }>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  TeamsInstallStatus: TeamsInstallStatus;
  TeamsIntegration: ResolverTypeWrapper<TeamsIntegrationRecord>;
  Tenant: ResolverTypeWrapper<TenantRow>;
  UpdateCalendarProviderInput: UpdateCalendarProviderInput;
  UpdateMicrosoftProfileInput: UpdateMicrosoftProfileInput;
  Viewer: ResolverTypeWrapper<RequestContext>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  ApiKey: ApiKeyRow;
  BindingWarning: BindingWarning;
  Boolean: Scalars['Boolean']['output'];
  CalendarAuthorization: CalendarAuthorization;
  CalendarProvider: CalendarProviderRecord;
  CalendarWebhook: CalendarWebhook;
  ConfigureGoogleCalendarAppInput: ConfigureGoogleCalendarAppInput;
  CreateApiKeyInput: CreateApiKeyInput;
  CreateCalendarProviderInput: CreateCalendarProviderInput;
  CreateMicrosoftProfileInput: CreateMicrosoftProfileInput;
  CreatedApiKey: Omit<CreatedApiKey, 'apiKey'> & { apiKey: ResolversParentTypes['ApiKey'] };
  DateTime: Scalars['DateTime']['output'];
  EmailProvider: EmailProvider;
  ExternalCalendar: ExternalCalendar;
  GoogleCalendarApp: GoogleCalendarAppView;
  ID: Scalars['ID']['output'];
  MicrosoftConsumerBinding: ConsumerBindingView;
  MicrosoftConsumerCapability: MicrosoftConsumerCapability;
  MicrosoftConsumerIntegrationStatus: ConsumerIntegrationStatus;
  MicrosoftProfile: MicrosoftProfileRow;
  MspSsoIdentity: MspSsoIdentity;
  MspSsoLoginDomain: MspSsoLoginDomain;
  Mutation: Record<PropertyKey, never>;
  Query: Record<PropertyKey, never>;
  SetMicrosoftConsumerBindingPayload: Omit<SetMicrosoftConsumerBindingPayload, 'binding'> & { binding: ResolversParentTypes['MicrosoftConsumerBinding'] };
  String: Scalars['String']['output'];
  TeamsIntegration: TeamsIntegrationRecord;
  Tenant: TenantRow;
  UpdateCalendarProviderInput: UpdateCalendarProviderInput;
  UpdateMicrosoftProfileInput: UpdateMicrosoftProfileInput;
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

export type CalendarProviderResolvers<ContextType = GraphqlContext, ParentType extends ResolversParentTypes['CalendarProvider'] = ResolversParentTypes['CalendarProvider']> = {
  active?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  calendarId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  calendarName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastError?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  lastSyncAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  owner?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  providerType?: Resolver<ResolversTypes['CalendarProviderType'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['CalendarProviderStatus'], ParentType, ContextType>;
  syncDirection?: Resolver<ResolversTypes['CalendarSyncDirection'], ParentType, ContextType>;
  webhook?: Resolver<ResolversTypes['CalendarWebhook'], ParentType, ContextType>;
};

export type CalendarWebhookResolvers<ContextType = GraphqlContext, ParentType extends ResolversParentTypes['CalendarWebhook'] = ResolversParentTypes['CalendarWebhook']> = {
  expiresAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type CreatedApiKeyResolvers<ContextType = GraphqlContext, ParentType extends ResolversParentTypes['CreatedApiKey'] = ResolversParentTypes['CreatedApiKey']> = {
  apiKey?: Resolver<ResolversTypes['ApiKey'], ParentType, ContextType>;
  secret?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

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

export type MspSsoIdentityResolvers<ContextType = GraphqlContext, ParentType extends ResolversParentTypes['MspSsoIdentity'] = ResolversParentTypes['MspSsoIdentity']> = {
  displayName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  email?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  microsoftObjectId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  microsoftTenantId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  tenantId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type MspSsoLoginDomainResolvers<ContextType = GraphqlContext, ParentType extends ResolversParentTypes['MspSsoLoginDomain'] = ResolversParentTypes['MspSsoLoginDomain']> = {
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  domain?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  isActive?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = GraphqlContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  addMspSsoLoginDomain?: Resolver<ResolversTypes['MspSsoLoginDomain'], ParentType, ContextType, RequireFields<MutationAddMspSsoLoginDomainArgs, 'domain'>>;
  archiveMicrosoftProfile?: Resolver<ResolversTypes['MicrosoftProfile'], ParentType, ContextType, RequireFields<MutationArchiveMicrosoftProfileArgs, 'id'>>;
  clearMicrosoftConsumerBinding?: Resolver<ResolversTypes['MicrosoftConsumerBinding'], ParentType, ContextType, RequireFields<MutationClearMicrosoftConsumerBindingArgs, 'consumer'>>;
  configureGoogleCalendarApp?: Resolver<ResolversTypes['GoogleCalendarApp'], ParentType, ContextType, RequireFields<MutationConfigureGoogleCalendarAppArgs, 'input'>>;
  createApiKey?: Resolver<ResolversTypes['CreatedApiKey'], ParentType, ContextType, RequireFields<MutationCreateApiKeyArgs, 'input'>>;
  createCalendarProvider?: Resolver<ResolversTypes['CalendarProvider'], ParentType, ContextType, RequireFields<MutationCreateCalendarProviderArgs, 'input'>>;
  createMicrosoftProfile?: Resolver<ResolversTypes['MicrosoftProfile'], ParentType, ContextType, RequireFields<MutationCreateMicrosoftProfileArgs, 'input'>>;
  deleteCalendarProvider?: Resolver<ResolversTypes['ID'], ParentType, ContextType, RequireFields<MutationDeleteCalendarProviderArgs, 'id'>>;
  deleteMicrosoftProfile?: Resolver<ResolversTypes['ID'], ParentType, ContextType, RequireFields<MutationDeleteMicrosoftProfileArgs, 'id'>>;
  listExternalCalendars?: Resolver<Array<ResolversTypes['ExternalCalendar']>, ParentType, ContextType, RequireFields<MutationListExternalCalendarsArgs, 'providerId'>>;
  redeemMspSsoTicket?: Resolver<ResolversTypes['MspSsoIdentity'], ParentType, ContextType, RequireFields<MutationRedeemMspSsoTicketArgs, 'ticket'>>;
  removeMspSsoLoginDomain?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationRemoveMspSsoLoginDomainArgs, 'id'>>;
  revokeApiKey?: Resolver<ResolversTypes['ApiKey'], ParentType, ContextType, RequireFields<MutationRevokeApiKeyArgs, 'id'>>;
  setDefaultMicrosoftProfile?: Resolver<ResolversTypes['MicrosoftProfile'], ParentType, ContextType, RequireFields<MutationSetDefaultMicrosoftProfileArgs, 'id'>>;
  setMicrosoftConsumerBinding?: Resolver<ResolversTypes['SetMicrosoftConsumerBindingPayload'], ParentType, ContextType, RequireFields<MutationSetMicrosoftConsumerBindingArgs, 'consumer' | 'profileId'>>;
  startCalendarAuthorization?: Resolver<ResolversTypes['CalendarAuthorization'], ParentType, ContextType, RequireFields<MutationStartCalendarAuthorizationArgs, 'providerId'>>;
  updateCalendarProvider?: Resolver<ResolversTypes['CalendarProvider'], ParentType, ContextType, RequireFields<MutationUpdateCalendarProviderArgs, 'id' | 'input'>>;
  updateMicrosoftProfile?: Resolver<ResolversTypes['MicrosoftProfile'], ParentType, ContextType, RequireFields<MutationUpdateMicrosoftProfileArgs, 'id' | 'input'>>;
};

export type QueryResolvers<ContextType = GraphqlContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  apiKeys?: Resolver<Array<ResolversTypes['ApiKey']>, ParentType, ContextType>;
  calendarProvider?: Resolver<Maybe<ResolversTypes['CalendarProvider']>, ParentType, ContextType, RequireFields<QueryCalendarProviderArgs, 'id'>>;
  calendarProviders?: Resolver<Array<ResolversTypes['CalendarProvider']>, ParentType, ContextType, Partial<QueryCalendarProvidersArgs>>;
  edition?: Resolver<ResolversTypes['Edition'], ParentType, ContextType>;
  emailProviders?: Resolver<Array<ResolversTypes['EmailProvider']>, ParentType, ContextType>;
  googleCalendarApp?: Resolver<Maybe<ResolversTypes['GoogleCalendarApp']>, ParentType, ContextType>;
  microsoftConsumerBindings?: Resolver<Array<ResolversTypes['MicrosoftConsumerBinding']>, ParentType, ContextType>;
  microsoftConsumers?: Resolver<Array<ResolversTypes['MicrosoftConsumerCapability']>, ParentType, ContextType, Partial<QueryMicrosoftConsumersArgs>>;
  microsoftIntegrationStatus?: Resolver<Array<ResolversTypes['MicrosoftConsumerIntegrationStatus']>, ParentType, ContextType>;
  microsoftProfile?: Resolver<Maybe<ResolversTypes['MicrosoftProfile']>, ParentType, ContextType, RequireFields<QueryMicrosoftProfileArgs, 'id'>>;
  microsoftProfiles?: Resolver<Array<ResolversTypes['MicrosoftProfile']>, ParentType, ContextType, RequireFields<QueryMicrosoftProfilesArgs, 'includeArchived'>>;
  mspSsoLoginDomains?: Resolver<Array<ResolversTypes['MspSsoLoginDomain']>, ParentType, ContextType>;
  teamsIntegration?: Resolver<ResolversTypes['TeamsIntegration'], ParentType, ContextType>;
  viewer?: Resolver<ResolversTypes['Viewer'], ParentType, ContextType>;
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
  CalendarProvider?: CalendarProviderResolvers<ContextType>;
  CalendarWebhook?: CalendarWebhookResolvers<ContextType>;
  CreatedApiKey?: CreatedApiKeyResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  EmailProvider?: EmailProviderResolvers<ContextType>;
  ExternalCalendar?: ExternalCalendarResolvers<ContextType>;
  GoogleCalendarApp?: GoogleCalendarAppResolvers<ContextType>;
  MicrosoftConsumerBinding?: MicrosoftConsumerBindingResolvers<ContextType>;
  MicrosoftConsumerCapability?: MicrosoftConsumerCapabilityResolvers<ContextType>;
  MicrosoftConsumerIntegrationStatus?: MicrosoftConsumerIntegrationStatusResolvers<ContextType>;
  MicrosoftProfile?: MicrosoftProfileResolvers<ContextType>;
  MspSsoIdentity?: MspSsoIdentityResolvers<ContextType>;
  MspSsoLoginDomain?: MspSsoLoginDomainResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  SetMicrosoftConsumerBindingPayload?: SetMicrosoftConsumerBindingPayloadResolvers<ContextType>;
  TeamsIntegration?: TeamsIntegrationResolvers<ContextType>;
  Tenant?: TenantResolvers<ContextType>;
  Viewer?: ViewerResolvers<ContextType>;
};

