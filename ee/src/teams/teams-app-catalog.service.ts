import type { Orm } from '../../../src/db/orm';
import { DomainError } from '../../../src/errors/domain-errors';
import type { Logger } from '../../../src/observability/logger';
import type { AppOnlyGraph } from '../microsoft/app-only-graph';
import type { TeamsIntegrationState } from './teams-install-state';
import type { TeamsIntegrationRepository } from './teams-integration.repository';

/**
 * Publishes the tenant's Teams app package to its org app catalog with the `teams`-bound profile's app-only
 * credentials, recording each step in teams_integrations (install_pending → installing → active | error).
 */
export class TeamsAppCatalogService {
  constructor(
    private readonly deps: { orm: Orm; graph: AppOnlyGraph; repository: TeamsIntegrationRepository; logger: Logger },
  ) {}

  async publish(tenantId: string, appPackage: Buffer, metadata: Record<string, unknown> = {}): Promise<{ appId: string }> {
    const current = await this.deps.repository.find(this.deps.orm.em.fork(), tenantId);
    if (!current?.selectedProfileId) throw new DomainError('BAD_USER_INPUT', 'Bind a Microsoft profile to the Teams consumer first.');
    const profileId = current.selectedProfileId;
    await this.record(tenantId, profileId, { installStatus: 'installing', lastError: null });
    try {
      const client = await this.deps.graph.clientFor(tenantId, 'teams');
      const app = await client.api('/appCatalogs/teamsApps').header('Content-Type', 'application/zip').post(appPackage);
      await this.record(tenantId, profileId, { installStatus: 'active', appId: app.id, packageMetadata: metadata, lastError: null });
      return { appId: app.id as string };
    } catch (error) {
      this.deps.logger.warn({ err: error, tenantId }, 'teams app publish failed');
      await this.record(tenantId, profileId, { installStatus: 'error', lastError: (error as Error).message.slice(0, 500) });
      throw error;
    }
  }

  /**
   * Writes install progress only while the profile it was made with is still selected: a rebind during the
   * publish has already reset the install, and must win.
   */
  private async record(tenantId: string, profileId: string, change: Partial<TeamsIntegrationState>): Promise<void> {
    await this.deps.orm.em.fork().transactional(async (em) => {
      const current = await this.deps.repository.findForUpdate(em, tenantId);
      if (current?.selectedProfileId !== profileId) {
        this.deps.logger.info({ tenantId }, 'teams binding changed during publish: progress not recorded');
        return;
      }
      await this.deps.repository.save(em, tenantId, { ...current, ...change });
    });
  }
}
