// Identity platform (v2.0) endpoints at their real paths: authorize, token, OpenID configuration, instance
// discovery and JWKS. MSAL configured as in client-config.ts needs only authorize + token; the discovery
// documents are served for clients that fetch them.
import type { SimContext } from './context';
import { Router, sendJson } from './http';
import { handleAuthorize } from './identity-authorize';
import { handleToken } from './identity-token';

export function openIdConfiguration(sim: SimContext, tenant: string): Record<string, unknown> {
  const issuerTenant = /^[0-9a-f-]{36}$/i.test(tenant) ? tenant : '{tenantid}';
  return {
    token_endpoint: `${sim.url}/${tenant}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${sim.url}/${tenant}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: `https://${sim.authorityHost}/${issuerTenant}/v2.0`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${sim.url}/oidc/userinfo`,
    authorization_endpoint: `${sim.url}/${tenant}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${sim.url}/${tenant}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${sim.url}/${tenant}/oauth2/v2.0/logout`,
    claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'nonce', 'preferred_username', 'name', 'tid', 'ver', 'oid'],
    kerberos_endpoint: `${sim.url}/${tenant}/kerberos`,
    tenant_region_scope: 'NA',
    cloud_instance_name: sim.authorityHost.replace(/^login\./, ''),
    cloud_graph_host_name: sim.authorityHost,
    msgraph_host: sim.url.replace(/^https?:\/\//, ''),
  };
}

export function identityRoutes(sim: SimContext): Router {
  const router = new Router();
  router.on('GET', ':tenant/oauth2/v2.0/authorize', (ctx) => handleAuthorize(sim, ctx));
  router.on('POST', ':tenant/oauth2/v2.0/token', (ctx) => handleToken(sim, ctx));
  router.on('GET', ':tenant/v2.0/.well-known/openid-configuration', (ctx) => sendJson(ctx, 200, openIdConfiguration(sim, ctx.params.tenant)));
  router.on('GET', ':tenant/discovery/v2.0/keys', (ctx) => sendJson(ctx, 200, { keys: [] }));
  router.on('GET', 'common/discovery/instance', (ctx) => {
    const authority = ctx.query.get('authorization_endpoint') ?? `https://${sim.authorityHost}/common/oauth2/v2.0/authorize`;
    const tenant = /https:\/\/[^/]+\/([^/]+)\//.exec(authority)?.[1] ?? 'common';
    sendJson(ctx, 200, {
      tenant_discovery_endpoint: `${sim.url}/${tenant}/v2.0/.well-known/openid-configuration`,
      'api-version': '1.1',
      metadata: [{ preferred_network: sim.authorityHost, preferred_cache: sim.authorityHost, aliases: [sim.authorityHost] }],
    });
  });
  return router;
}
