import { googleAuth } from '../google-api';
import type { Config } from '../../../../src/config/config';
import type { GoogleOAuthClientCredentials } from '../google-calendar-app.service';

export type GoogleOAuth2Client = InstanceType<typeof googleAuth.OAuth2>;

/** Calendar access, plus `openid email` so userinfo names the account the grant belongs to. */
export const GOOGLE_CALENDAR_SCOPES = ['https://www.googleapis.com/auth/calendar', 'openid', 'email'];

/** Upper bound for one token endpoint call (Google or Microsoft). */
export const PROVIDER_TOKEN_TIMEOUT_MS = 15_000;

/**
 * Google's OAuth endpoints; with GOOGLE_OAUTH_URL (the simulator) all live under that base, same paths the
 * client uses against Google (authorize on accounts.google.com, the rest on oauth2.googleapis.com).
 */
function endpoints(oauthUrl: string | undefined) {
  if (!oauthUrl) return undefined;
  return {
    oauth2AuthBaseUrl: `${oauthUrl}/o/oauth2/v2/auth`,
    oauth2TokenUrl: `${oauthUrl}/token`,
    oauth2RevokeUrl: `${oauthUrl}/revoke`,
    tokenInfoUrl: `${oauthUrl}/tokeninfo`,
  };
}

/** One OAuth2 client per use, built from the tenant's Google app. Global fetch: gaxios' lazy node-fetch import breaks under jest. */
export function createGoogleOAuthClient(app: GoogleOAuthClientCredentials, providers: Config['providers']): GoogleOAuth2Client {
  return new googleAuth.OAuth2({
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    redirectUri: app.redirectUri,
    endpoints: endpoints(providers.google.oauthUrl),
    // Token calls run while the provider row is locked: never wait on Google indefinitely.
    transporterOptions: { fetchImplementation: fetch, timeout: PROVIDER_TOKEN_TIMEOUT_MS },
  });
}
