import type { AccessRuleTable } from '../../src/graphql/access-rules';

/** The Enterprise root fields' access rules (meanings: src/graphql/access-rules.ts); registered from ee/src/index.ts. */
export const EE_ACCESS_RULES: AccessRuleTable = {
  Query: {
    teamsIntegration: 'admin',
    emailProviders: 'admin',
    // Users see their own providers, admins all of the tenant's (CalendarProviderService).
    calendarProviders: 'member',
    calendarProvider: 'member',
    googleCalendarApp: 'admin',
    // Sync state follows the provider's visibility (CalendarSyncStatusService → getAccessible).
    calendarSyncStatus: 'member',
    calendarSyncLog: 'member',
    calendarSyncConflicts: 'member',
    calendarWebhookHealth: 'member',
  },
  Mutation: {
    configureGoogleCalendarApp: 'admin',
    // Owner rules (users manage their own, admins any of the tenant) live in CalendarProviderService.
    createCalendarProvider: 'member',
    updateCalendarProvider: 'member',
    deleteCalendarProvider: 'member',
    startCalendarAuthorization: 'member',
    // Only the user who started the authorization can complete it (CalendarAuthorizationCompletion).
    completeCalendarAuthorization: 'member',
    listExternalCalendars: 'member',
    syncCalendarProvider: 'member',
    resolveCalendarConflict: 'member',
    replayCalendarWebhooks: 'admin',
    renewCalendarWebhook: 'admin',
  },
};
