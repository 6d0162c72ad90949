import type { EntityManager } from '@mikro-orm/postgresql';
import type { ExternalAccount } from './adapters/calendar-adapter';
import type { CalendarProviderPatch, CalendarProviderRecord } from './calendar-provider.repository';
import type { CalendarWarning } from './calendar-warnings';

/**
 * Whether connecting `account` replaces another account. A provider connected before accounts were recorded
 * (tokens but no account id) counts as a change: keeping another account's calendar choice, cursor and mappings
 * would sync the wrong mailbox, while clearing them only costs a fresh full sync.
 */
export function isAccountChange(
  provider: Pick<CalendarProviderRecord, 'accountId' | 'encryptedTokens'>,
  account: Pick<ExternalAccount, 'id'>,
): boolean {
  if (provider.accountId !== null) return provider.accountId !== account.id;
  return provider.encryptedTokens !== null;
}

/** The provider columns that describe the old account's calendar: chosen calendar, cursor, webhook registration. */
export const ACCOUNT_BOUND_COLUMNS_CLEARED: CalendarProviderPatch = {
  calendarId: null,
  calendarName: null,
  syncCursor: null,
  webhookSubscriptionId: null,
  webhookResourceId: null,
  webhookExpiresAt: null,
  webhookClientState: null,
  lastSyncAt: null,
};

/**
 * Deletes the sync state that points at the old account's events: event mappings (the external ids are that
 * account's) and the conflicts recorded about them. Schedule entries stay. Returns how many mappings went.
 */
export async function clearAccountBoundSyncState(em: EntityManager, tenantId: string, providerId: string): Promise<number> {
  await em.execute('delete from calendar_sync_conflicts where tenant_id = ? and provider_id = ?', [tenantId, providerId], 'run');
  const mappings = await em.execute<{ affectedRows: number }>(
    'delete from calendar_event_mappings where tenant_id = ? and provider_id = ?',
    [tenantId, providerId],
    'run',
  );
  return mappings.affectedRows;
}

export function accountChangedWarning(
  previousEmail: string | null,
  account: Pick<ExternalAccount, 'email'>,
  clearedMappings: number,
): CalendarWarning {
  const from = previousEmail ?? 'the previously connected account';
  const to = account.email ?? 'another account';
  return {
    code: 'account_changed',
    message:
      `Now connected to ${to} instead of ${from}: the chosen calendar, the sync state, the webhook and ` +
      `${clearedMappings} event mapping(s) of the old account were cleared. Pick a calendar again (listExternalCalendars).`,
  };
}
