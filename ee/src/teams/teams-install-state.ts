export const TEAMS_INSTALL_STATUSES = ['not_configured', 'install_pending', 'installing', 'active', 'error'] as const;
export type TeamsInstallStatus = (typeof TEAMS_INSTALL_STATUSES)[number];

export interface TeamsIntegrationState {
  selectedProfileId: string | null;
  installStatus: TeamsInstallStatus;
  appId: string | null;
  botId: string | null;
  packageMetadata: Record<string, unknown> | null;
  lastError: string | null;
}

export const TEAMS_NOT_CONFIGURED: TeamsIntegrationState = {
  selectedProfileId: null,
  installStatus: 'not_configured',
  appId: null,
  botId: null,
  packageMetadata: null,
  lastError: null,
};

/**
 * Pure: the Teams integration after the `teams` consumer is bound to `profileId` (DESIGN.md §4.4). An install
 * made with another app registration is void: active/installing go back to install_pending and lose what the
 * old install produced. A fresh tenant starts in install_pending with the selected profile.
 */
export function teamsStateAfterRebind(current: TeamsIntegrationState | null, profileId: string): TeamsIntegrationState {
  const state = current ?? TEAMS_NOT_CONFIGURED;
  if (state.installStatus === 'active' || state.installStatus === 'installing') {
    return { ...TEAMS_NOT_CONFIGURED, selectedProfileId: profileId, installStatus: 'install_pending' };
  }
  const installStatus = state.installStatus === 'not_configured' ? 'install_pending' : state.installStatus;
  return { ...state, selectedProfileId: profileId, installStatus };
}
