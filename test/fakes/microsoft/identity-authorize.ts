// GET /{tenant}/oauth2/v2.0/authorize: the sign-in + consent step, auto-approved for the user named by
// login_hint (or the tenant's first user). Errors Entra shows on its own pages (unknown app, unregistered
// redirect URI, unknown user) come back as an HTML page here too, never as a redirect.
import { randomBytes, randomUUID } from 'node:crypto';
import type { SimContext } from './context';
import { knownTenant } from './context';
import { Ctx, sendText } from './http';
import type { AppRegistration, SimUser } from './state';
import { AUTH_CODE_TTL_MS, clientInfo, requestedPermissions, splitScopes } from './tokens';

function errorPage(ctx: Ctx, status: number, aadsts: number, text: string): void {
  const html = `<!DOCTYPE html><html><head><title>Sign in to your account</title></head><body>`
    + `<h1>Sorry, but we're having trouble signing you in.</h1><p id="error">AADSTS${aadsts}: ${escapeHtml(text)}</p></body></html>`;
  sendText(ctx, status, 'text/html; charset=utf-8', html);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Sends the user agent back to the app, honouring response_mode (query, fragment, form_post). */
function redirectBack(ctx: Ctx, redirectUri: string, params: Record<string, string | undefined>): void {
  const entries = Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined);
  const mode = ctx.query.get('response_mode') ?? 'query';
  if (mode === 'form_post') {
    const inputs = entries.map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}"/>`).join('');
    const html = `<html><body onload="document.forms[0].submit()"><form method="POST" action="${escapeHtml(redirectUri)}">${inputs}</form></body></html>`;
    sendText(ctx, 200, 'text/html; charset=utf-8', html);
    return;
  }
  const encoded = new URLSearchParams(entries).toString();
  const location = mode === 'fragment' ? `${redirectUri}#${encoded}` : `${redirectUri}${redirectUri.includes('?') ? '&' : '?'}${encoded}`;
  ctx.res.writeHead(302, { location, 'cache-control': 'no-store' });
  ctx.res.end();
}

function pickUser(sim: SimContext, tenant: string, loginHint: string | null): SimUser | undefined {
  if (loginHint) return sim.state.userByEmail(loginHint);
  const users = [...sim.state.users.values()];
  return users.find((u) => u.tenantId === tenant) ?? users[0];
}

function validateClient(sim: SimContext, ctx: Ctx, tenant: string): { app: AppRegistration; redirectUri: string } | null {
  if (!knownTenant(sim, tenant)) {
    errorPage(ctx, 400, 90002, `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`);
    return null;
  }
  const clientId = ctx.query.get('client_id') ?? '';
  ctx.clientId = clientId || undefined;
  const app = sim.state.apps.get(clientId);
  if (!app) {
    errorPage(ctx, 400, 700016, `Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`);
    return null;
  }
  const redirectUri = ctx.query.get('redirect_uri') ?? app.redirectUris[0] ?? '';
  if (!redirectUri || (app.redirectUris.length > 0 && !app.redirectUris.includes(redirectUri))) {
    errorPage(ctx, 400, 50011, `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${clientId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal.`);
    return null;
  }
  return { app, redirectUri };
}

export function handleAuthorize(sim: SimContext, ctx: Ctx): void {
  const tenant = ctx.params.tenant;
  const client = validateClient(sim, ctx, tenant);
  if (!client) return;
  const { app, redirectUri } = client;
  const state = ctx.query.get('state') ?? undefined;
  const fail = (error: string, aadsts: number, text: string): void =>
    redirectBack(ctx, redirectUri, { error, error_description: `AADSTS${aadsts}: ${text}`, error_uri: `https://login.microsoftonline.com/error?code=${aadsts}`, state });
  if (!(ctx.query.get('response_type') ?? '').split(' ').includes('code')) {
    fail('unsupported_response_type', 70005, "The provided value for the input parameter 'response_type' is not allowed for this request. Expected value: 'code'.");
    return;
  }
  const user = pickUser(sim, tenant, ctx.query.get('login_hint'));
  if (!user) {
    errorPage(ctx, 400, 50034, `The user account ${ctx.query.get('login_hint') ?? ''} does not exist in the ${tenant} directory. To sign into this application, the account must be added to the directory.`);
    return;
  }
  if (/^[0-9a-f-]{36}$/i.test(tenant) && user.tenantId !== tenant) {
    errorPage(ctx, 400, 50020, `User account '${user.email}' from identity provider does not exist in tenant '${tenant}' and cannot access the application '${app.clientId}' in that tenant.`);
    return;
  }
  if (ctx.query.get('sim_deny') === '1' || sim.state.denyAuthorization) {
    fail('access_denied', 65004, 'User declined to consent to access the app.');
    return;
  }
  const scopes = splitScopes(ctx.query.get('scope'));
  const permissions = requestedPermissions(scopes, app);
  const consentKey = `${user.id}|${app.clientId}`;
  const consented = sim.state.consents.get(consentKey) ?? new Set<string>();
  if (ctx.query.get('prompt') === 'none' && permissions.some((p) => !consented.has(p))) {
    fail('consent_required', 65001, `The user or administrator has not consented to use the application with ID '${app.clientId}'. Send an interactive authorization request for this user and resource.`);
    return;
  }
  permissions.forEach((p) => consented.add(p));
  sim.state.consents.set(consentKey, consented);
  const code = `1.SIM${randomBytes(40).toString('base64url')}`;
  sim.state.authCodes.set(code, {
    code, clientId: app.clientId, redirectUri, userId: user.id, scopes, nonce: ctx.query.get('nonce') ?? undefined,
    codeChallenge: ctx.query.get('code_challenge') ?? undefined, codeChallengeMethod: ctx.query.get('code_challenge_method') ?? undefined,
    expiresMs: sim.state.now() + AUTH_CODE_TTL_MS, redeemed: false,
  });
  redirectBack(ctx, redirectUri, {
    code, client_info: ctx.query.get('client_info') === '1' ? clientInfo(user) : undefined, state, session_state: randomUUID(),
  });
}
