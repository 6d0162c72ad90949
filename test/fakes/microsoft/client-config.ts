// How to point @azure/msal-node at an identity endpoint reachable only over plain http (the simulator):
// MSAL rejects http authorities, so the authority names a fake https host listed in knownAuthorities, and
// authorityMetadata carries the real (http) endpoints, so MSAL sends no discovery request at all.
import type { Configuration } from '@azure/msal-node';

export interface SimulatedIdentityEndpoint {
  /** Base URL serving `/{tenant}/oauth2/v2.0/authorize|token`, e.g. `http://127.0.0.1:PORT`. */
  loginUrl: string;
  /** Fake https host name used in the authority, e.g. `login.microsoft.sim`. */
  authorityHost: string;
}

export interface SimulatedAuthority { authority: string; knownAuthorities: string[]; authorityMetadata: string }

/** Authority settings for `tenant` (a tenant id, `organizations` or `common`). */
export function simulatedAuthority(endpoint: SimulatedIdentityEndpoint, tenant = 'organizations'): SimulatedAuthority {
  const base = `${endpoint.loginUrl.replace(/\/+$/, '')}/${tenant}`;
  const metadata = {
    token_endpoint: `${base}/oauth2/v2.0/token`,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    jwks_uri: `${base}/discovery/v2.0/keys`,
    issuer: `https://${endpoint.authorityHost}/${tenant}/v2.0`,
  };
  return {
    authority: `https://${endpoint.authorityHost}/${tenant}`,
    knownAuthorities: [endpoint.authorityHost],
    authorityMetadata: JSON.stringify(metadata),
  };
}

/** A ConfidentialClientApplication configuration for an app registered in the simulator. */
export function simulatedMsalConfig(
  endpoint: SimulatedIdentityEndpoint,
  app: { clientId: string; clientSecret: string; tenant?: string },
  extra: Omit<Configuration, 'auth'> = {},
): Configuration {
  return { ...extra, auth: { clientId: app.clientId, clientSecret: app.clientSecret, ...simulatedAuthority(endpoint, app.tenant) } };
}
