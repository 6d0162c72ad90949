import { randomUUID } from 'node:crypto';
import { ceProbes } from '../../../../test/security/support/ce-probes';
import type { ProbeTable } from '../../../../test/security/support/operation-generator';
import type { RouteCase } from '../../../../test/security/support/route-isolation';
import { SHARED_ROUTE_CASES } from '../../../../test/security/support/route-isolation';
import type { TenantWorld } from '../../../../test/security/support/tenant-world';

/** The CE probes plus the Enterprise fields' arguments, aimed at tenant `w`'s calendars. */
export function eeProbes(w: TenantWorld): ProbeTable {
  return {
    ...ceProbes(w),
    'Query.calendarProvider.id': w.ids.googleProvider,
    'Mutation.updateCalendarProvider.id': w.ids.googleProvider,
    'UpdateCalendarProviderInput.name': 'probe name',
    'Mutation.deleteCalendarProvider.id': w.ids.doomedProvider,
    'Mutation.startCalendarAuthorization.providerId': w.ids.googleProvider,
    'Mutation.completeCalendarAuthorization.ticket': w.values.calendarTicket,
    'Mutation.listExternalCalendars.providerId': w.ids.googleProvider,
    'Query.calendarSyncStatus.providerId': w.ids.googleProvider,
    'Query.calendarSyncLog.providerId': w.ids.googleProvider,
    'Query.calendarSyncConflicts.providerId': w.ids.googleProvider,
    'Mutation.syncCalendarProvider.providerId': w.ids.googleProvider,
    'Mutation.resolveCalendarConflict.conflictId': w.ids.syncConflict,
    'Mutation.replayCalendarWebhooks.providerId': w.ids.googleProvider,
    'Mutation.replayCalendarWebhooks.since': '2026-01-01T00:00:00.000Z',
    'Mutation.renewCalendarWebhook.providerId': w.ids.googleProvider,
    'Query.calendarWebhookHealth.providerId': w.ids.googleProvider,
    'ConfigureGoogleCalendarAppInput.clientId': `probe-${randomUUID()}.apps.googleusercontent.com`,
    'ConfigureGoogleCalendarAppInput.clientSecret': `probe-secret-${randomUUID()}`,
  };
}

const google = (headers: Record<string, string>) => ({
  method: 'POST' as const,
  url: '/api/calendar/webhooks/google',
  headers: { 'x-goog-resource-state': 'exists', 'x-goog-message-number': '9', ...headers },
});
const graph = (value: unknown[]) => ({
  method: 'POST' as const, url: '/api/calendar/webhooks/microsoft', headers: { 'content-type': 'application/json' }, payload: { value },
});
const ALL_METHODS = 'DELETE,GET,HEAD,OPTIONS,PATCH,POST,PUT,QUERY,TRACE';

/** Enterprise: the calendar URLs are live; tenant A's channel ids with tenant B's (or forged) secrets must do nothing. */
export const EE_ROUTE_CASES: Record<string, RouteCase> = {
  ...SHARED_ROUTE_CASES,
  '/api/auth/google/calendar/callback': {
    methods: ALL_METHODS,
    why: 'the state is HMAC-signed and single use: a forged one (tenant A ids inside) parks no grant',
    requests: (ctx) => [{ request: { method: 'GET', url: `/api/auth/google/calendar/callback?code=x&state=${ctx.a.ids.googleProvider}`, headers: { accept: 'application/json' } }, status: 400 }],
  },
  '/api/auth/microsoft/calendar/callback': {
    methods: ALL_METHODS,
    why: 'as the Google callback',
    requests: (ctx) => [{ request: { method: 'GET', url: `/api/auth/microsoft/calendar/callback?code=x&state=${ctx.a.ids.microsoftProvider}`, headers: { accept: 'application/json' } }, status: 400 }],
  },
  '/api/calendar/webhooks/google': {
    methods: ALL_METHODS,
    why: "tenant A's channel with tenant B's token, or B's channel with A's resource id: 404, no inbox row, no job",
    requests: (ctx) => [
      { request: google({ 'x-goog-channel-id': ctx.a.values.googleChannel!, 'x-goog-channel-token': ctx.b.values.googleChannelSecret!, 'x-goog-resource-id': `res-${ctx.a.values.googleChannel}` }), status: 404 },
      { request: google({ 'x-goog-channel-id': ctx.a.values.googleChannel!, 'x-goog-channel-token': 'forged', 'x-goog-resource-id': `res-${ctx.a.values.googleChannel}` }), status: 404 },
      { request: google({ 'x-goog-channel-id': ctx.b.values.googleChannel!, 'x-goog-channel-token': ctx.b.values.googleChannelSecret!, 'x-goog-resource-id': `res-${ctx.a.values.googleChannel}` }), status: 404 },
    ],
  },
  '/api/calendar/webhooks/microsoft': {
    methods: ALL_METHODS,
    why: "tenant A's subscription with tenant B's clientState (or a forged one): 404, no inbox row, no job",
    requests: (ctx) => [
      { request: graph([{ subscriptionId: ctx.a.values.microsoftChannel, clientState: ctx.b.values.microsoftChannelSecret, changeType: 'updated', resourceData: { id: 'e1' } }]), status: 404 },
      { request: graph([{ subscriptionId: ctx.a.values.microsoftChannel, clientState: 'forged', lifecycleEvent: 'reauthorizationRequired' }]), status: 404 },
    ],
  },
};
