import type { EntityManager } from '@mikro-orm/postgresql';
import { MICROSOFT_CONFIG_CHANNEL } from './profile-secret';

/**
 * Inside a write transaction: serialise profile/binding writes of one tenant (row lock on the tenant) and
 * queue the NOTIFY that makes every process drop its cached resolutions (delivered on commit only).
 */
export async function lockTenantMicrosoftConfig(em: EntityManager, tenantId: string): Promise<void> {
  await em.execute('select id from tenants where id = ? for update', [tenantId]);
  await em.execute('select pg_notify(?, ?)', [MICROSOFT_CONFIG_CHANNEL, tenantId]);
}
