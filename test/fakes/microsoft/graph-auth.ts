// Graph-side checks: the bearer token (401 InvalidAuthenticationToken), the `/me` vs `/users/{id|upn}` target,
// and permissions (delegated `scp` or application `roles`) per API family (403).
import type { SimContext } from './context';
import { Ctx, graphError, headerValue } from './http';
import type { AccessTokenRecord, SimUser } from './state';
import { checkBearer } from './tokens';

export interface GraphCaller { token: AccessTokenRecord; clientId: string; appOnly: boolean; user: SimUser | null }

export type PermissionFamily =
  | 'calendarsRead' | 'calendarsWrite' | 'mailRead' | 'mailSend' | 'userRead' | 'appCatalogRead' | 'appCatalogWrite' | 'teamsInstall';

const ACCEPTED: Record<PermissionFamily, string[]> = {
  calendarsRead: ['Calendars.Read', 'Calendars.ReadWrite', 'Calendars.ReadBasic', 'Calendars.Read.Shared', 'Calendars.ReadWrite.Shared'],
  calendarsWrite: ['Calendars.ReadWrite', 'Calendars.ReadWrite.Shared'],
  mailRead: ['Mail.Read', 'Mail.ReadWrite', 'Mail.ReadBasic', 'Mail.ReadBasic.All'],
  mailSend: ['Mail.Send'],
  userRead: ['User.Read', 'User.ReadWrite', 'User.ReadBasic.All', 'User.Read.All', 'Directory.Read.All'],
  appCatalogRead: ['AppCatalog.Read.All', 'AppCatalog.ReadWrite.All', 'AppCatalog.Submit', 'Directory.Read.All'],
  appCatalogWrite: ['AppCatalog.ReadWrite.All', 'AppCatalog.Submit', 'Directory.ReadWrite.All'],
  teamsInstall: [
    'TeamsAppInstallation.ReadWriteForUser', 'TeamsAppInstallation.ReadWriteForUser.All',
    'TeamsAppInstallation.ReadWriteSelfForUser', 'TeamsAppInstallation.ReadWriteSelfForUser.All',
  ],
};

/** Validates the bearer token; answers 401 itself and returns null when it is missing, unknown or expired. */
export function authenticateGraph(sim: SimContext, ctx: Ctx): GraphCaller | null {
  const check = checkBearer(sim.state, headerValue(ctx, 'authorization'));
  if (!check.ok) {
    graphError(ctx, 401, 'InvalidAuthenticationToken', check.message, {
      'www-authenticate': `Bearer realm="", authorization_uri="https://${sim.authorityHost}/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"`,
    });
    return null;
  }
  const token = check.token;
  ctx.clientId = token.clientId;
  const user = token.userId ? sim.state.users.get(token.userId) ?? null : null;
  return { token, clientId: token.clientId, appOnly: token.appOnly, user };
}

/** The mailbox a `/me/...` or `/users/{id|upn}/...` path addresses; answers the error itself on failure. */
export function resolveTarget(sim: SimContext, ctx: Ctx, caller: GraphCaller, principal: string | null): SimUser | null {
  if (principal === null) {
    if (caller.appOnly || !caller.user) {
      graphError(ctx, 400, 'BadRequest', '/me request is only valid with delegated authentication flow.');
      return null;
    }
    return caller.user;
  }
  const target = sim.state.userByIdOrUpn(principal);
  if (!target || (caller.appOnly && target.tenantId !== caller.token.tenantId)) {
    graphError(ctx, 404, 'ErrorInvalidUser', `The requested user '${principal}' is invalid.`);
    return null;
  }
  if (!caller.appOnly && caller.user?.id !== target.id) {
    graphError(ctx, 403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
    return null;
  }
  return target;
}

export function hasPermission(caller: GraphCaller, family: PermissionFamily): boolean {
  const held = caller.token.scopes.map((s) => s.toLowerCase());
  return ACCEPTED[family].some((p) => held.includes(p.toLowerCase()));
}

/** 403 in the shape the owning workload uses (Outlook: ErrorAccessDenied; Teams/directory: Forbidden). */
export function requirePermission(ctx: Ctx, caller: GraphCaller, family: PermissionFamily): boolean {
  if (hasPermission(caller, family)) return true;
  if (family.startsWith('calendars') || family.startsWith('mail')) {
    graphError(ctx, 403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
  } else {
    graphError(ctx, 403, 'Forbidden', `Missing role permissions on the request. API requires one of '${ACCEPTED[family].join(', ')}'. Roles on the request '${caller.token.scopes.join(', ')}'.`);
  }
  return false;
}
