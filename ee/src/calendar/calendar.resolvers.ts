import { fromGraphqlEnum, toGraphqlEnum } from '../../../src/graphql/enum-mapping';
import type { Resolvers } from '../generated/graphql';
import { badUserInput, nullIfNotFound } from '../../../src/errors/domain-errors';
import type { ExternalCalendar } from './adapters/calendar-adapter';
import { adapterFor } from './provider-adapter';
import type { CalendarProviderRecord, CalendarSyncDirection } from './calendar-provider.repository';
import { withProviderErrors } from './provider-error-mapping';
import type { CalendarProviderService } from './calendar-provider.service';
import type { CalendarProviderDeletion } from './calendar-provider-deletion';
import type { CalendarTokenManager } from './calendar-token-manager';
import type { GoogleCalendarAppService } from './google-calendar-app.service';
import type { CalendarAuthorizationService } from './oauth/calendar-authorization.service';
import type { CalendarAuthorizationCompletion } from './oauth/calendar-authorization-completion';
import type { Config } from '../../../src/config/config';

export interface CalendarResolverDeps {
  config: Config;
  providers: CalendarProviderService;
  googleApps: GoogleCalendarAppService;
  authorization: CalendarAuthorizationService;
  completion: CalendarAuthorizationCompletion;
  tokens: CalendarTokenManager;
  deletion: CalendarProviderDeletion;
}

const WEBHOOK_RENEWAL_WINDOW_MS = 24 * 3_600_000;

/** Access rules live in CalendarProviderService; here: enum mapping and checks against the provider's calendar list. */
export function calendarResolvers(deps: CalendarResolverDeps): Resolvers {
  const { providers, googleApps, authorization, tokens } = deps;
  const externalCalendars = async (provider: CalendarProviderRecord): Promise<ExternalCalendar[]> => {
    if (provider.status !== 'connected') throw badUserInput('Connect the calendar provider (startCalendarAuthorization) first.');
    return withProviderErrors(() => adapterFor({ config: deps.config, tokens }, provider).listCalendars());
  };
  const externalCalendar = async (provider: CalendarProviderRecord, calendarId: string, direction: CalendarSyncDirection): Promise<ExternalCalendar> => {
    const calendar = (await externalCalendars(provider)).find((candidate) => candidate.id === calendarId);
    if (!calendar) throw badUserInput('calendarId is not one of the calendars this account can see (listExternalCalendars).', { field: 'calendarId' });
    if (!calendar.canEdit && direction !== 'from_external') {
      throw badUserInput('This calendar is read-only for the account: choose another or sync FROM_EXTERNAL only.', { field: 'calendarId' });
    }
    return calendar;
  };
  return {
    Query: {
      calendarProviders: (_root, { ownerId }, { auth }) => providers.list(auth, ownerId),
      calendarProvider: (_root, { id }, { auth }) => nullIfNotFound(providers.getAccessible(auth, id)),
      googleCalendarApp: (_root, _args, { auth }) => {
        return googleApps.view(auth.tenantId);
      },
    },
    Mutation: {
      configureGoogleCalendarApp: (_root, { input }, { auth }) => {
        return googleApps.configure(auth.tenantId, auth.userId, input);
      },
      createCalendarProvider: (_root, { input }, { auth }) =>
        providers.create(auth, {
          name: input.name,
          providerType: fromGraphqlEnum(input.providerType),
          syncDirection: fromGraphqlEnum(input.syncDirection ?? 'BIDIRECTIONAL'),
          ownerId: input.ownerId,
        }),
      updateCalendarProvider: async (_root, { id, input }, { auth }) => {
        const provider = await providers.getAccessible(auth, id);
        const syncDirection = input.syncDirection ? fromGraphqlEnum(input.syncDirection) : undefined;
        // The chosen calendar (new or current) must be visible and, unless only read from, writable.
        const calendarId = input.calendarId ?? (syncDirection ? provider.calendarId : null);
        const calendar = calendarId ? await externalCalendar(provider, calendarId, syncDirection ?? provider.syncDirection) : undefined;
        return providers.update(auth, id, {
          name: input.name,
          syncDirection,
          calendarId: input.calendarId ? calendar?.id : undefined,
          calendarName: input.calendarId ? calendar?.name : undefined,
          active: input.active,
          importPolicy: input.importPolicy ? fromGraphqlEnum(input.importPolicy) : undefined,
          importTag: input.importTag,
          conflictPolicy: input.conflictPolicy ? fromGraphqlEnum(input.conflictPolicy) : undefined,
          pushPrivateDetails: input.pushPrivateDetails,
        });
      },
      deleteCalendarProvider: async (_root, { id }, { auth }) => {
        await deps.deletion.delete(auth, id);
        return id;
      },
      startCalendarAuthorization: (_root, { providerId }, { auth }) => authorization.start(auth, providerId),
      completeCalendarAuthorization: (_root, { ticket }, { auth }) => deps.completion.complete(auth, ticket),
      listExternalCalendars: async (_root, { providerId }, { auth }) => externalCalendars(await providers.getAccessible(auth, providerId)),
    },
    CalendarProvider: {
      providerType: (provider) => toGraphqlEnum(provider.providerType),
      syncDirection: (provider) => toGraphqlEnum(provider.syncDirection),
      importPolicy: (provider) => toGraphqlEnum(provider.importPolicy),
      conflictPolicy: (provider) => toGraphqlEnum(provider.conflictPolicy),
      status: (provider) => toGraphqlEnum(provider.status),
      owner: (provider) => provider.ownerUserId,
      warnings: (provider) => (provider.warnings ?? []).map((warning) => ({ code: toGraphqlEnum(warning.code), message: warning.message })),
      webhook: (provider) => ({
        status: !provider.webhookExpiresAt
          ? 'NONE'
          : provider.webhookExpiresAt.getTime() - Date.now() < WEBHOOK_RENEWAL_WINDOW_MS
            ? 'EXPIRING'
            : 'ACTIVE',
        expiresAt: provider.webhookExpiresAt,
      }),
    },
  };
}
