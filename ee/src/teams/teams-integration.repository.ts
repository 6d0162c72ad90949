import type { EntityManager } from '@mikro-orm/postgresql';
import type { TeamsIntegrationState } from './teams-install-state';

interface TeamsIntegrationRow {
  selected_profile_id: string | null;
  install_status: TeamsIntegrationState['installStatus'];
  app_id: string | null;
  bot_id: string | null;
  package_metadata: Record<string, unknown> | null;
  last_error: string | null;
  updated_at: Date;
}

export type TeamsIntegrationRecord = TeamsIntegrationState & { tenantId: string; updatedAt: Date | null };

const toState = (tenantId: string, row: TeamsIntegrationRow): TeamsIntegrationRecord => ({
  tenantId,
  selectedProfileId: row.selected_profile_id,
  installStatus: row.install_status,
  appId: row.app_id,
  botId: row.bot_id,
  packageMetadata: row.package_metadata,
  lastError: row.last_error,
  updatedAt: row.updated_at,
});

/** teams_integrations: one row per tenant. Every statement is keyed by tenant_id. */
export class TeamsIntegrationRepository {
  async findForUpdate(em: EntityManager, tenantId: string): Promise<TeamsIntegrationRecord | null> {
    const [row] = await em.execute<TeamsIntegrationRow[]>('select * from teams_integrations where tenant_id = ? for update', [tenantId]);
    return row ? toState(tenantId, row) : null;
  }

  async find(em: EntityManager, tenantId: string): Promise<TeamsIntegrationRecord | null> {
    const [row] = await em.execute<TeamsIntegrationRow[]>('select * from teams_integrations where tenant_id = ?', [tenantId]);
    return row ? toState(tenantId, row) : null;
  }

  async save(em: EntityManager, tenantId: string, state: TeamsIntegrationState): Promise<void> {
    await em.execute(
      `insert into teams_integrations (tenant_id, selected_profile_id, install_status, app_id, bot_id, package_metadata, last_error, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, now())
       on conflict (tenant_id) do update set selected_profile_id = excluded.selected_profile_id,
         install_status = excluded.install_status, app_id = excluded.app_id, bot_id = excluded.bot_id,
         package_metadata = excluded.package_metadata, last_error = excluded.last_error, updated_at = now()`,
      [
        tenantId,
        state.selectedProfileId,
        state.installStatus,
        state.appId,
        state.botId,
        state.packageMetadata === null ? null : JSON.stringify(state.packageMetadata),
        state.lastError,
      ],
    );
  }
}
