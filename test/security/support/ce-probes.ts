import { randomUUID } from 'node:crypto';
import type { ProbeTable } from './operation-generator';
import { SCHEDULE_RANGE, SERIES_THIRD_INSTANCE, type TenantWorld } from './tenant-world';

/**
 * What to put in each CE argument to reach tenant `w`'s rows: the right kind of id for every ID, and w's own values
 * where a string picks a row (a domain, a ticket, a search). Deletes and archives aim at rows nothing else needs.
 */
export function ceProbes(w: TenantWorld): ProbeTable {
  return {
    // Not tenant data: Azure directory ids and pagination.
    '*.allowedDirectoryIds': [randomUUID()],
    '*.assigneeIds': [w.ids.member],
    '*.ownerId': w.ids.member,
    'Mutation.revokeApiKey.id': w.ids.apiKey,
    'Query.microsoftProfile.id': w.ids.ssoProfile,
    'Mutation.updateMicrosoftProfile.id': w.ids.ssoProfile,
    'Mutation.setDefaultMicrosoftProfile.id': w.ids.spareProfile,
    'Mutation.archiveMicrosoftProfile.id': w.ids.archivableProfile,
    'Mutation.deleteMicrosoftProfile.id': w.ids.deletableProfile,
    'Mutation.setMicrosoftConsumerBinding.profileId': w.ids.spareProfile,
    'UpdateMicrosoftProfileInput.displayName': 'probe rename',
    'UpdateMicrosoftProfileInput.clientSecret': `probe-secret-${randomUUID()}`,
    'CreateMicrosoftProfileInput.clientId': randomUUID(),
    'CreateMicrosoftProfileInput.tenantAuthority': 'organizations',
    'Mutation.addMspSsoLoginDomain.domain': w.values.verifiedDomain,
    'Mutation.verifyMspSsoLoginDomain.id': w.ids.pendingDomain,
    'Mutation.removeMspSsoLoginDomain.id': w.ids.verifiedDomain,
    'Mutation.redeemMspSsoTicket.ticket': w.values.ssoTicket,
    'Mutation.redeemMspSsoTicket.nonce': w.values.ssoNonce,
    'Query.user.id': w.ids.member,
    'Query.users.search': w.member.email,
    'UpsertUserInput.externalId': w.member.externalId,
    'UpsertUserInput.email': w.member.email,
    'Query.scheduleEntry.id': w.ids.entry,
    'Mutation.updateScheduleEntry.id': w.ids.entry,
    'Mutation.updateScheduleEntry.expectedVersion': Number(w.values.entryVersion),
    'UpdateScheduleEntryInput.title': 'probe title',
    'Mutation.deleteScheduleEntry.id': w.ids.privateEntry,
    'Mutation.editScheduleOccurrence.seriesId': w.ids.series,
    'Mutation.editScheduleOccurrence.originalStartsAt': SERIES_THIRD_INSTANCE,
    'Mutation.cancelScheduleOccurrence.seriesId': w.ids.series,
    'Mutation.cancelScheduleOccurrence.originalStartsAt': SERIES_THIRD_INSTANCE,
    'ScheduleRangeInput.start': SCHEDULE_RANGE.start,
    'ScheduleRangeInput.end': SCHEDULE_RANGE.end,
    'CreateScheduleEntryInput.startsAt': '2026-03-05T09:00:00.000Z',
    'CreateScheduleEntryInput.endsAt': '2026-03-05T10:00:00.000Z',
    'Mutation.setMicrosoftConsumerBinding.consumer': 'MSP_SSO',
    'Mutation.clearMicrosoftConsumerBinding.consumer': 'MSP_SSO',
    'Query.microsoftProfiles.includeArchived': true,
  };
}

/** Root fields whose answer is the same for every tenant: nothing of any tenant to leak (no positive control). */
export const CE_TENANT_AGNOSTIC: Record<string, string> = {
  'Query.edition': 'the deployment edition, the same for every caller',
  'Query.microsoftConsumers': 'the edition matrix, the same for every caller',
};
