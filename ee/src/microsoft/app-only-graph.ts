import type { Client } from '@microsoft/microsoft-graph-client';
import { DomainError } from '../../../src/errors/domain-errors';
import type { MicrosoftConsumer } from '../../../src/edition/matrix';
import { RESOLUTION_FAILURE_MESSAGES } from '../../../src/microsoft/consumer-resolution';
import { createGraphClient } from '../../../src/microsoft/graph-client';
import { MsalClientCache } from '../../../src/microsoft/msal-client';
import type { ServiceDeps } from '../../../src/runtime/service-deps';

/**
 * App-only Graph access for a consumer of a tenant: credentials come from the profile bound to that consumer,
 * through the resolver, and nowhere else. Unbound/archived/unusable bindings fail closed with the reason.
 */
export class AppOnlyGraph {
  private readonly msalClients: MsalClientCache;

  constructor(private readonly deps: Pick<ServiceDeps, 'config' | 'logger' | 'microsoftCredentials'>) {
    this.msalClients = new MsalClientCache(deps.config.providers.microsoft, { logger: deps.logger });
  }

  async clientFor(tenantId: string, consumer: MicrosoftConsumer): Promise<Client> {
    const resolution = await this.deps.microsoftCredentials.resolveMicrosoftConsumerProfile(tenantId, consumer);
    if (!resolution.ok) {
      throw new DomainError('BAD_USER_INPUT', `${consumer}: ${RESOLUTION_FAILURE_MESSAGES[resolution.reason]}`, { reason: resolution.reason });
    }
    const msal = this.msalClients.get(resolution.profile);
    return createGraphClient(this.deps.config.providers.microsoft.graphUrl, async () => {
      const result = await msal.acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] });
      if (!result?.accessToken) throw new Error(`${consumer}: Microsoft returned no app-only token`);
      return result.accessToken;
    });
  }
}
