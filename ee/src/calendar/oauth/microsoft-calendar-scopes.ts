import { capabilityOf } from '../../../../src/edition/matrix';

/** Delegated scopes for calendar sync, from the edition matrix (what integration status tells admins to grant). */
export const MICROSOFT_CALENDAR_SCOPES = capabilityOf('calendar').delegatedScopes.filter((scope) => scope !== 'offline_access');
