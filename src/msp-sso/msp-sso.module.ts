import { readFileSync } from 'node:fs';
import path from 'node:path';
import { StateSigner } from '../crypto/signed-state';
import type { EditionModule } from '../edition/extension-registry';
import { MsalClientCache } from '../microsoft/msal-client';
import type { ServiceDeps } from '../runtime/service-deps';
import { DnsTxtLookup } from './dns-txt-lookup';
import { LoginDomainRepository } from './login-domain.repository';
import { LoginDomainService } from './login-domain.service';
import { LoginStateRepository } from './login-state.repository';
import { registerMspSsoRoutes } from './msp-sso.routes';
import { mspSsoResolvers } from './msp-sso.resolvers';
import { MspSsoService } from './msp-sso.service';
import { registerMspSsoCallbackRoute } from './msp-sso-callback.routes';
import { MspSsoCallbackService } from './msp-sso-callback.service';
import { SsoTicketRepository } from './sso-ticket.repository';
import { SsoTicketService } from './sso-ticket.service';

const SCHEMA_FILE = path.resolve(__dirname, '../../schema/msp-sso.graphql');
export const MSP_SSO_STATE_PURPOSE = 'msp_sso_login';

/**
 * MSP single sign-on (both editions): login domains proven over DNS and ticket redemption (GraphQL), the
 * pre-authentication discover/resolve routes and the callback.
 */
export const mspSsoModule: EditionModule = {
  name: 'msp-sso',
  typeDefs: [readFileSync(SCHEMA_FILE, 'utf8')],
  resolvers: (deps) =>
    mspSsoResolvers({
      domains: new LoginDomainService({
        domains: new LoginDomainRepository(deps.orm),
        dns: new DnsTxtLookup({ servers: deps.config.dnsServers }),
        logger: deps.logger,
      }),
      tickets: new SsoTicketService({ tickets: new SsoTicketRepository(deps.orm), logger: deps.logger }),
    }),
  routes: async (app, deps) => {
    const service = createMspSsoService(deps);
    await registerMspSsoRoutes(app, { service, redis: deps.redis, redisKeyPrefix: deps.config.redis?.prefix ?? 'switchboard' });
    const callback = new MspSsoCallbackService({
      sso: service,
      credentials: deps.microsoftCredentials,
      domains: new LoginDomainRepository(deps.orm),
      tickets: new SsoTicketRepository(deps.orm),
      config: deps.config,
      logger: deps.logger.child({ module: 'msp-sso' }),
    });
    registerMspSsoCallbackRoute(app, { callback, appUrl: deps.config.appUrl });
  },
};

export function createMspSsoService(deps: ServiceDeps): MspSsoService {
  return new MspSsoService({
    domains: new LoginDomainRepository(deps.orm),
    states: new LoginStateRepository(deps.orm),
    credentials: deps.microsoftCredentials,
    signer: new StateSigner(deps.keyRing, { purpose: MSP_SSO_STATE_PURPOSE }),
    secretBox: deps.secretBox,
    msalClients: new MsalClientCache(deps.config.providers.microsoft, { logger: deps.logger }),
    publicUrl: deps.config.publicUrl,
    logger: deps.logger,
  });
}
