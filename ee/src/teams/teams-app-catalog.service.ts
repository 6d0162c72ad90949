import type { Orm } from '../../../src/db/orm';
import { DomainError } from '../../../src/errors/domain-errors';
import type { Logger } from '../../../src/observability/logger';
import type { AppOnlyGraph } from '../microsoft/app-only-graph';
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
    const em = this.deps.orm.em.fork();
    const current = await this.deps.repository.find(em, tenantId);
    if (!current?.selectedProfileId) throw new DomainError('BAD_USER_INPUT', 'Bind a Microsoft profile to the Teams consumer first.');
    await this.deps.repository.save(em, tenantId, { ...current, installStatus: 'installing', lastError: null });
    try {
      const client = await this.deps.graph.clientFor(tenantId, 'teams');
      const app = await client.api('/appCatalogs/teamsApps').header('Content-Type', 'application/zip').post(appPackage);
      await this.deps.repository.save(em, tenantId, { ...current, installStatus: 'active', appId: app.id, packageMetadata: metadata, lastError: null });
      return { appId: app.id as string };
    } catch (error) {
      const message = (error as Error).message.slice(0, 500);
      this.deps.logger.warn({ err: error, tenantId }, 'teams app publish failed');
      await this.deps.repository.save(em, tenantId, { ...current, installStatus: 'error', lastError: message });
      throw error;
    }
  }
}
