import { isUuid } from '../db/uuid';
import type { ResolvedMicrosoftProfile } from '../microsoft/consumer-resolution';

export type DirectoryDecision = { ok: true } | { ok: false; detail: string };

/**
 * May an account of directory `tid` sign in through this profile? A GUID authority: Entra only issues that
 * directory's tokens, and anything else is refused. `common` / `organizations` (and `consumers`): any directory
 * in the world could sign in, so only those the admin listed in allowedDirectoryIds; an empty list admits nobody.
 */
export function directoryAllowed(profile: Pick<ResolvedMicrosoftProfile, 'tenantAuthority' | 'allowedDirectoryIds'>, tid: string): DirectoryDecision {
  const directory = tid.toLowerCase();
  if (isUuid(profile.tenantAuthority)) {
    if (directory === profile.tenantAuthority.toLowerCase()) return { ok: true };
    return { ok: false, detail: "the token's directory is not the profile's tenantAuthority" };
  }
  if (profile.allowedDirectoryIds.length === 0) {
    return { ok: false, detail: `the profile's authority is "${profile.tenantAuthority}" and its allowedDirectoryIds is empty: nobody may sign in until an admin lists the directories` };
  }
  if (profile.allowedDirectoryIds.some((allowed) => allowed.toLowerCase() === directory)) return { ok: true };
  return { ok: false, detail: "the token's directory is not in the profile's allowedDirectoryIds" };
}

/** The id token's `tid` and `oid` (MSAL's idTokenClaims); undefined unless both are GUIDs. */
export function identityClaims(claims: unknown): { tid: string; oid: string } | undefined {
  const { tid, oid } = (claims ?? {}) as { tid?: unknown; oid?: unknown };
  if (!isUuid(tid) || !isUuid(oid)) return undefined;
  return { tid: (tid as string).toLowerCase(), oid: (oid as string).toLowerCase() };
}
