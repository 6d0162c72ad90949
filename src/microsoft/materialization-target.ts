/** What materialization needs to know about a tenant's profiles to pick one. */
export interface CandidateProfile {
  id: string;
  clientId: string;
  isArchived: boolean;
}

export type TargetChoice = { ok: true; profileId: string } | { ok: false; reason: string };

/** Azure client ids are GUIDs; legacy mirrors and admins do not agree on their case. */
const sameClientId = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * DESIGN.md §4.6: the active profile whose client id matches the legacy credentials, else the only active
 * profile; anything else is refused with the reason. A match that is archived is refused too, not replaced by
 * another profile: the legacy credentials name the app registration the consumer used, and silently moving it to
 * a different one is the guess this process exists to avoid.
 */
export function chooseTargetProfile(profiles: readonly CandidateProfile[], legacyClientId: string | undefined): TargetChoice {
  const active = profiles.filter((profile) => !profile.isArchived);
  if (legacyClientId !== undefined) {
    const matches = profiles.filter((profile) => sameClientId(profile.clientId, legacyClientId));
    const activeMatches = matches.filter((profile) => !profile.isArchived);
    if (activeMatches.length === 1) return { ok: true, profileId: activeMatches[0]!.id };
    if (activeMatches.length > 1) return { ok: false, reason: `ambiguous: ${activeMatches.length} active profiles match the legacy client id` };
    if (matches.length > 0) return { ok: false, reason: 'credential_match_archived' };
  }
  if (active.length === 1) return { ok: true, profileId: active[0]!.id };
  if (active.length === 0) return { ok: false, reason: 'no_active_profile' };
  return { ok: false, reason: `ambiguous: ${active.length} active profiles and no credential match` };
}
