import { createHash } from 'node:crypto';
import { ConfidentialClientApplication, LogLevel, type Configuration, type NodeAuthOptions } from '@azure/msal-node';
import type { Config } from '../config/config';
import type { Logger } from '../observability/logger';
import type { ResolvedMicrosoftProfile } from './consumer-resolution';

export type MicrosoftProviderConfig = Config['providers']['microsoft'];
type MsalCredentials = Pick<ResolvedMicrosoftProfile, 'clientId' | 'clientSecret' | 'tenantAuthority'>;

export interface MsalClientOptions {
  /** MSAL's own log lines go here (PII logging stays off). */
  logger?: Logger;
  /** Per-provider token cache persistence (calendar/email); sign-in flows need none. */
  cache?: Configuration['cache'];
}

const TENANT_AUTHORITY = /^[A-Za-z0-9.-]{1,128}$/;

/**
 * Authority settings for a profile. Production (no loginUrl): the real authority on authorityHost; MSAL discovers
 * endpoints itself. Simulator (loginUrl set): MSAL refuses http authorities, so the authority names the fake https
 * authorityHost (listed in knownAuthorities) and authorityMetadata carries the real http endpoints under loginUrl;
 * MSAL then sends no discovery request. Everything else is the same code path.
 */
export function msalAuthorityOptions(tenantAuthority: string, providers: MicrosoftProviderConfig): Pick<
  NodeAuthOptions,
  'authority' | 'knownAuthorities' | 'authorityMetadata'
> {
  // The tenant segment goes into URLs: a stored value with slashes or query characters must not reshape them.
  if (!TENANT_AUTHORITY.test(tenantAuthority)) throw new Error('microsoft profile has an invalid tenant authority');
  const authority = `https://${providers.authorityHost}/${tenantAuthority}`;
  if (!providers.loginUrl) return { authority };
  const base = `${providers.loginUrl}/${tenantAuthority}`;
  const metadata = {
    token_endpoint: `${base}/oauth2/v2.0/token`,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    jwks_uri: `${base}/discovery/v2.0/keys`,
    issuer: `https://${providers.authorityHost}/${tenantAuthority}/v2.0`,
  };
  return { authority, knownAuthorities: [providers.authorityHost], authorityMetadata: JSON.stringify(metadata) };
}

/** The full ConfidentialClientApplication configuration for a resolved (bound) profile. */
export function msalConfiguration(
  profile: MsalCredentials,
  providers: MicrosoftProviderConfig,
  options: MsalClientOptions = {},
): Configuration {
  return {
    auth: { clientId: profile.clientId, clientSecret: profile.clientSecret, ...msalAuthorityOptions(profile.tenantAuthority, providers) },
    ...(options.cache ? { cache: options.cache } : {}),
    system: { loggerOptions: msalLoggerOptions(options.logger) },
  };
}

export function createMsalClient(
  profile: MsalCredentials,
  providers: MicrosoftProviderConfig,
  options: MsalClientOptions = {},
): ConfidentialClientApplication {
  return new ConfidentialClientApplication(msalConfiguration(profile, providers, options));
}

/**
 * Reuses one client per credential set. A fresh ConfidentialClientApplication rediscovers its authority (a network
 * round trip in production) on first use, so per-request clients would pay that on every sign-in. Keyed by a hash
 * of the credentials: a profile whose secret or authority changes simply gets a new client. Meant for flows that
 * keep no tokens (authorize URLs): a shared client's in-memory token cache would collect every user's tokens.
 */
export class MsalClientCache {
  private readonly clients = new Map<string, ConfidentialClientApplication>();

  constructor(
    private readonly providers: MicrosoftProviderConfig,
    private readonly options: Omit<MsalClientOptions, 'cache'> = {},
    private readonly maxEntries = 200,
  ) {}

  get(profile: MsalCredentials): ConfidentialClientApplication {
    const key = createHash('sha256').update(JSON.stringify([profile.clientId, profile.tenantAuthority, profile.clientSecret])).digest('base64url');
    let client = this.clients.get(key);
    if (!client) {
      client = createMsalClient(profile, this.providers, this.options);
      // Oldest first (Map keeps insertion order): enough to bound memory without an LRU dependency.
      if (this.clients.size >= this.maxEntries) this.clients.delete(this.clients.keys().next().value!);
      this.clients.set(key, client);
    }
    return client;
  }
}

function msalLoggerOptions(logger: Logger | undefined): NonNullable<Configuration['system']>['loggerOptions'] {
  if (!logger) return { piiLoggingEnabled: false, logLevel: LogLevel.Error, loggerCallback: () => undefined };
  const log = logger.child({ component: 'msal' });
  return {
    piiLoggingEnabled: false,
    logLevel: LogLevel.Warning,
    loggerCallback: (level, message) => {
      if (level === LogLevel.Error) log.error(message);
      else log.warn(message);
    },
  };
}
