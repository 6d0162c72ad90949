import type { EntityManager } from '@mikro-orm/postgresql';
import type { HookRegistry } from '../../../src/edition/extension-registry';

const REAUTHORIZE_MESSAGE = 'The Microsoft profile bound to CALENDAR changed: re-authorize this calendar.';

/**
 * Microsoft calendars hold tokens minted for the app registration that was bound when they connected. When the
 * CALENDAR binding moves or goes away, those tokens belong to the wrong (or no) app: every Microsoft provider of
 * the tenant must be re-authorized, decided in the binding transaction itself.
 */
export function subscribeCalendarConsumerHooks(hooks: HookRegistry): void {
  const requireReauthorization = (em: EntityManager, tenantId: string) =>
    em.execute(
      `update calendar_providers set status = 'reauth_required', last_error = ?, updated_at = now()
       where tenant_id = ? and provider_type = 'microsoft' and status in ('connected', 'error')`,
      [REAUTHORIZE_MESSAGE, tenantId],
    );
  hooks.on('microsoft.consumerRebound', async ({ em, tenantId, consumer, previousProfileId }) => {
    if (consumer === 'calendar' && previousProfileId !== null) await requireReauthorization(em, tenantId);
  });
  hooks.on('microsoft.consumerCleared', async ({ em, tenantId, consumer }) => {
    if (consumer === 'calendar') await requireReauthorization(em, tenantId);
  });
}
