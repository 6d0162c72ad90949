// Token issuing and checking: JWT-shaped (unsigned) id and access tokens, opaque refresh tokens and codes.
// The simulator looks tokens up in its store; the JWT payloads exist so clients that decode them see real claims.
import { randomBytes } from 'node:crypto';
import { AccessTokenRecord, AppRegistration, GRAPH_RESOURCE_APP_ID, SimState, SimUser } from './state';

export const OIDC_SCOPES = ['openid', 'profile', 'offline_access', 'email'];
const GRAPH_PREFIXES = ['https://graph.microsoft.com/', '00000003-0000-0000-c000-000000000000/'];

/** `https://graph.microsoft.com/Calendars.ReadWrite` → `Calendars.ReadWrite`; OIDC scopes kept as they are. */
export function shortScope(scope: string): string {
  for (const prefix of GRAPH_PREFIXES) if (scope.toLowerCase().startsWith(prefix)) return scope.slice(prefix.length);
  return scope;
}

export function splitScopes(raw: string | null | undefined): string[] {
  return (raw ?? '').split(/\s+/).filter(Boolean);
}

/** Permissions a delegated request asks for (no OIDC scopes; `.default` = everything the registration lists). */
export function requestedPermissions(scopes: string[], app: AppRegistration): string[] {
  const out = new Set<string>();
  for (const scope of scopes.map(shortScope)) {
    if (OIDC_SCOPES.includes(scope.toLowerCase())) continue;
    if (scope === '.default') app.delegatedPermissions.forEach((p) => out.add(p));
    else out.add(scope);
  }
  return [...out];
}

export function unknownPermissions(permissions: string[], app: AppRegistration): string[] {
  const known = app.delegatedPermissions.map((p) => p.toLowerCase());
  return permissions.filter((p) => !known.includes(p.toLowerCase()));
}

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** A JWT-shaped string. The signature is random bytes: MSAL does not verify it, and Graph here looks tokens up. */
export function jwt(claims: Record<string, unknown>): string {
  return `${b64url({ typ: 'JWT', alg: 'RS256', kid: 'microsoft-simulator' })}.${b64url(claims)}.${randomBytes(32).toString('base64url')}`;
}

export function clientInfo(user: SimUser): string {
  return b64url({ uid: user.id, utid: user.tenantId });
}

export function idToken(state: SimState, authorityHost: string, app: AppRegistration, user: SimUser, nonce?: string): string {
  const now = Math.floor(state.now() / 1000);
  return jwt({
    aud: app.clientId, iss: `https://${authorityHost}/${user.tenantId}/v2.0`, iat: now, nbf: now, exp: now + 3600,
    name: user.displayName, oid: user.id, preferred_username: user.email, sub: randomBytes(16).toString('base64url'),
    tid: user.tenantId, ver: '2.0', uti: randomBytes(12).toString('base64url'), ...(nonce ? { nonce } : {}),
  });
}

export function issueAccessToken(
  state: SimState, app: AppRegistration, user: SimUser | null, permissions: string[], ttlSeconds: number,
): AccessTokenRecord {
  const now = state.now();
  const exp = Math.floor(now / 1000) + ttlSeconds;
  const tenantId = user?.tenantId ?? app.tenantId;
  const claims: Record<string, unknown> = {
    aud: GRAPH_RESOURCE_APP_ID, iss: `https://sts.windows.net/${tenantId}/`, iat: Math.floor(now / 1000),
    nbf: Math.floor(now / 1000), exp, appid: app.clientId, app_displayname: `app ${app.clientId}`, tid: tenantId,
    idtyp: user ? 'user' : 'app', ver: '1.0', uti: randomBytes(12).toString('base64url'),
  };
  if (user) Object.assign(claims, { scp: permissions.join(' '), oid: user.id, upn: user.email, name: user.displayName });
  else Object.assign(claims, { roles: permissions, oid: app.servicePrincipalId });
  const record: AccessTokenRecord = {
    token: jwt(claims), clientId: app.clientId, userId: user?.id ?? null, scopes: permissions, appOnly: !user,
    tenantId, expiresMs: exp * 1000,
  };
  state.accessTokens.set(record.token, record);
  return record;
}

export function issueRefreshToken(state: SimState, app: AppRegistration, user: SimUser, permissions: string[]): string {
  const token = `0.SIM${randomBytes(48).toString('base64url')}`;
  state.refreshTokens.set(token, { token, clientId: app.clientId, userId: user.id, scopes: permissions, lastUsedMs: state.now(), revoked: false });
  return token;
}

export type BearerCheck = { ok: true; token: AccessTokenRecord } | { ok: false; message: string };

/** Graph's view of the Authorization header. */
export function checkBearer(state: SimState, header: string | undefined): BearerCheck {
  if (!header) return { ok: false, message: 'Access token is empty.' };
  const m = /^Bearer\s+(.+)$/i.exec(header.trim());
  if (!m) return { ok: false, message: 'Access token validation failure. Invalid audience.' };
  const token = state.accessTokens.get(m[1]);
  if (!token) return { ok: false, message: 'IDX14100: JWT is not well formed, there are no dots (.).' };
  if (token.expiresMs <= state.now()) return { ok: false, message: 'Lifetime validation failed, the token is expired.' };
  return { ok: true, token };
}

export const REFRESH_TOKEN_IDLE_MS = 90 * 24 * 3600 * 1000;
export const AUTH_CODE_TTL_MS = 10 * 60 * 1000;
