/**
 * Who may call each root field, declared in one place. The schema refuses to build while a Query or Mutation field
 * has no rule here (CE) or in its edition module's `accessRules` (EE), so a new field cannot ship without a decision.
 *
 * - `admin`: tenant configuration and credentials; refused with FORBIDDEN for any other role, before the resolver
 *   runs (enforced by `enforceAccessRules`, not by each resolver).
 * - `member`: any authenticated caller of the tenant. The service may still apply finer rules (a schedule entry's
 *   creator/assignee, a calendar provider's owner); tenant scoping applies to every field regardless.
 */
export type AccessRule = 'admin' | 'member';

export interface AccessRuleTable {
  Query?: Record<string, AccessRule>;
  Mutation?: Record<string, AccessRule>;
}

export const ROOT_TYPES = ['Query', 'Mutation'] as const;
export type RootTypeName = (typeof ROOT_TYPES)[number];

/** Community fields only: EE modules declare their own (CE never names, let alone imports, EE fields). */
export const CE_ACCESS_RULES: AccessRuleTable = {
  Query: {
    edition: 'member',
    viewer: 'member',
    microsoftConsumers: 'member',
    apiKeys: 'admin',
    // Names and metadata only for members: the credential fields are admin-only per field (microsoft.resolvers.ts).
    microsoftProfiles: 'member',
    microsoftProfile: 'member',
    microsoftConsumerBindings: 'member',
    microsoftIntegrationStatus: 'admin',
    mspSsoLoginDomains: 'admin',
    // The directory: assignees must be pickable by everyone who schedules.
    users: 'member',
    user: 'member',
    scheduleEntries: 'member',
    scheduleEntry: 'member',
    scheduleOccurrences: 'member',
  },
  Mutation: {
    createApiKey: 'admin',
    revokeApiKey: 'admin',
    createMicrosoftProfile: 'admin',
    updateMicrosoftProfile: 'admin',
    setDefaultMicrosoftProfile: 'admin',
    archiveMicrosoftProfile: 'admin',
    deleteMicrosoftProfile: 'admin',
    setMicrosoftConsumerBinding: 'admin',
    clearMicrosoftConsumerBinding: 'admin',
    addMspSsoLoginDomain: 'admin',
    verifyMspSsoLoginDomain: 'admin',
    removeMspSsoLoginDomain: 'admin',
    // Called by the PSA backend with its tenant admin credentials, never by a signed-in technician.
    redeemMspSsoTicket: 'admin',
    upsertUser: 'admin',
    // Creator/assignee rules live in ScheduleEntryService.
    createScheduleEntry: 'member',
    updateScheduleEntry: 'member',
    deleteScheduleEntry: 'member',
    editScheduleOccurrence: 'member',
    cancelScheduleOccurrence: 'member',
  },
};
