// POST /{tenant}/oauth2/v2.0/token: authorization_code (single use, redirect URI + PKCE checked), refresh_token
// (rotating; the redeemed token stays valid as in Entra, until revoked or 90 days idle) and client_credentials.
import { createHash } from 'node:crypto';
import type { SimContext } from './context';
import { knownTenant } from './context';
import { Ctx, aadError, headerValue, sendJson } from './http';
import type { AppRegistration, SimUser } from './state';
import {
  OIDC_SCOPES, REFRESH_TOKEN_IDLE_MS, clientInfo, idToken, issueAccessToken, issueRefreshToken, requestedPermissions,
  shortScope, splitScopes,
} from './tokens';

type Form = URLSearchParams;

function clientCredentials(ctx: Ctx, form: Form): { clientId: string; secret?: string } {
  const basic = /^Basic\s+(.+)$/i.exec(headerValue(ctx, 'authorization') ?? '');
  if (basic) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return { clientId: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
  }
  return { clientId: form.get('client_id') ?? '', secret: form.get('client_secret') ?? undefined };
}

/** Client authentication per app registration; answers the error itself and returns null on failure. */
function authenticate(sim: SimContext, ctx: Ctx, form: Form, tenant: string): AppRegistration | null {
  const { clientId, secret } = clientCredentials(ctx, form);
  ctx.clientId = clientId || undefined;
  const app = sim.state.apps.get(clientId);
  const specificTenant = /^[0-9a-f-]{36}$/i.test(tenant);
  const grant = form.get('grant_type');
  if (!app || (specificTenant && grant === 'client_credentials' && app.tenantId !== tenant)) {
    aadError(ctx, 400, 'unauthorized_client', 700016, `Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`);
    return null;
  }
  if (!secret) {
    aadError(ctx, 401, 'invalid_client', 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
    return null;
  }
  if (secret !== app.clientSecret) {
    aadError(ctx, 401, 'invalid_client', 7000215, `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${app.clientId}'.`);
    return null;
  }
  return app;
}

function verifierMatches(challenge: string, method: string | undefined, verifier: string): boolean {
  if ((method ?? 'plain').toUpperCase() === 'S256') return createHash('sha256').update(verifier).digest('base64url') === challenge;
  return verifier === challenge;
}

function delegatedResponse(
  sim: SimContext, ctx: Ctx, app: AppRegistration, user: SimUser, scopes: string[], permissions: string[], form: Form, nonce?: string,
): void {
  const access = issueAccessToken(sim.state, app, user, permissions, sim.accessTokenTtlSeconds);
  const lower = scopes.map((s) => s.toLowerCase());
  const body: Record<string, unknown> = {
    token_type: 'Bearer', scope: scopes.join(' '), expires_in: sim.accessTokenTtlSeconds, ext_expires_in: sim.accessTokenTtlSeconds,
    access_token: access.token,
  };
  if (lower.includes('offline_access')) body.refresh_token = issueRefreshToken(sim.state, app, user, permissions);
  if (lower.includes('openid')) body.id_token = idToken(sim.state, sim.authorityHost, app, user, nonce);
  if (form.get('client_info') === '1') body.client_info = clientInfo(user);
  sendJson(ctx, 200, body, { 'cache-control': 'no-store', pragma: 'no-cache' });
}

function invalidGrant(ctx: Ctx, aadsts: number, text: string, suberror?: string): void {
  aadError(ctx, 400, 'invalid_grant', aadsts, text, suberror ? { suberror } : {});
}

/** Entra puts every permission the user consented to for the resource into `scp`, not only the requested ones. */
function consentedPermissions(sim: SimContext, userId: string, app: AppRegistration, requested: string[]): string[] {
  const consented = sim.state.consents.get(`${userId}|${app.clientId}`);
  return [...new Set([...requested, ...(consented ?? [])])];
}

function redeemCode(sim: SimContext, ctx: Ctx, app: AppRegistration, form: Form): void {
  const code = sim.state.authCodes.get(form.get('code') ?? '');
  if (!code) return invalidGrant(ctx, 9002313, 'Invalid request. Request is malformed or invalid.');
  if (code.redeemed) return invalidGrant(ctx, 54005, 'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.');
  if (code.expiresMs <= sim.state.now()) return invalidGrant(ctx, 70008, 'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.');
  if (code.clientId !== app.clientId) return invalidGrant(ctx, 70000, 'Provided grant is invalid or malformed. The authorization code was issued to a different client.');
  if ((form.get('redirect_uri') ?? '') !== code.redirectUri) return invalidGrant(ctx, 500112, 'The reply address does not match the reply address provided when requesting Authorization code.');
  if (code.codeChallenge) {
    const verifier = form.get('code_verifier');
    if (!verifier) return invalidGrant(ctx, 900144, "The request body must contain the following parameter: 'code_verifier'.");
    if (!verifierMatches(code.codeChallenge, code.codeChallengeMethod, verifier)) return invalidGrant(ctx, 501481, "The Code_Verifier does not match the code_challenge supplied in the authorization request.");
  }
  code.redeemed = true;
  const user = sim.state.users.get(code.userId)!;
  const requested = splitScopes(form.get('scope'));
  const scopes = requested.length ? requested : code.scopes;
  delegatedResponse(sim, ctx, app, user, scopes, consentedPermissions(sim, user.id, app, requestedPermissions(code.scopes, app)), form, code.nonce);
}

function redeemRefreshToken(sim: SimContext, ctx: Ctx, app: AppRegistration, form: Form): void {
  const rt = sim.state.refreshTokens.get(form.get('refresh_token') ?? '');
  if (!rt) return invalidGrant(ctx, 9002313, 'Invalid request. Request is malformed or invalid.');
  if (rt.clientId !== app.clientId) return invalidGrant(ctx, 70000, 'Provided grant is invalid or malformed. The refresh token was issued to a different client.');
  if (rt.revoked) {
    return invalidGrant(ctx, 50173, 'The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password.', 'bad_token');
  }
  const now = sim.state.now();
  if (now - rt.lastUsedMs > REFRESH_TOKEN_IDLE_MS) {
    return invalidGrant(ctx, 700082, `The refresh token has expired due to inactivity. The token was issued on ${new Date(rt.lastUsedMs).toISOString()} and was inactive for 90.00:00:00.`, 'bad_token');
  }
  const scopes = splitScopes(form.get('scope'));
  const permissions = scopes.length ? requestedPermissions(scopes, app) : rt.scopes;
  const consented = sim.state.consents.get(`${rt.userId}|${app.clientId}`) ?? new Set<string>();
  if (permissions.some((p) => !consented.has(p))) {
    return invalidGrant(ctx, 65001, `The user or administrator has not consented to use the application with ID '${app.clientId}'. Send an interactive authorization request for this user and resource.`, 'consent_required');
  }
  rt.lastUsedMs = now;
  const user = sim.state.users.get(rt.userId)!;
  delegatedResponse(sim, ctx, app, user, scopes.length ? scopes : [...rt.scopes, 'offline_access'], [...consented], form);
}

function clientCredentialsGrant(sim: SimContext, ctx: Ctx, app: AppRegistration, form: Form): void {
  const scopes = splitScopes(form.get('scope')).filter((s) => !OIDC_SCOPES.includes(s.toLowerCase()));
  const scope = scopes[0] ?? '';
  if (scopes.length !== 1 || !scope.endsWith('/.default')) {
    aadError(ctx, 400, 'invalid_scope', 1002012, `The provided value for scope ${scopes.join(' ')} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`);
    return;
  }
  if (shortScope(scope) !== '.default') {
    aadError(ctx, 400, 'invalid_resource', 500011, `The resource principal named ${scope.slice(0, -'/.default'.length)} was not found in the tenant named ${app.tenantId}.`);
    return;
  }
  const access = issueAccessToken(sim.state, app, null, app.applicationPermissions, sim.accessTokenTtlSeconds);
  sendJson(ctx, 200, {
    token_type: 'Bearer', expires_in: sim.accessTokenTtlSeconds, ext_expires_in: sim.accessTokenTtlSeconds, access_token: access.token,
  }, { 'cache-control': 'no-store', pragma: 'no-cache' });
}

export function handleToken(sim: SimContext, ctx: Ctx): void {
  const tenant = ctx.params.tenant;
  const form = new URLSearchParams(ctx.body.toString('utf8'));
  const grant = form.get('grant_type') ?? '';
  ctx.note = `grant_type=${grant}`;
  if (!knownTenant(sim, tenant)) {
    aadError(ctx, 400, 'invalid_request', 90002, `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`);
    return;
  }
  const app = authenticate(sim, ctx, form, tenant);
  if (!app) return;
  if (grant === 'authorization_code') redeemCode(sim, ctx, app, form);
  else if (grant === 'refresh_token') redeemRefreshToken(sim, ctx, app, form);
  else if (grant === 'client_credentials') clientCredentialsGrant(sim, ctx, app, form);
  else aadError(ctx, 400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grant}'.`);
}
