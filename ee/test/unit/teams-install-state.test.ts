import { TEAMS_NOT_CONFIGURED, teamsStateAfterRebind, type TeamsIntegrationState } from '../../src/teams/teams-install-state';

const installed = (installStatus: TeamsIntegrationState['installStatus']): TeamsIntegrationState => ({
  selectedProfileId: 'old',
  installStatus,
  appId: 'app',
  botId: 'bot',
  packageMetadata: { version: 3 },
  lastError: 'previous failure',
});

describe('teamsStateAfterRebind', () => {
  it('starts a tenant without an integration in install_pending with the profile', () => {
    expect(teamsStateAfterRebind(null, 'p1')).toEqual({ ...TEAMS_NOT_CONFIGURED, selectedProfileId: 'p1', installStatus: 'install_pending' });
  });

  it.each(['active', 'installing'] as const)('voids an %s install made with the previous profile', (status) => {
    expect(teamsStateAfterRebind(installed(status), 'p2')).toEqual({
      selectedProfileId: 'p2',
      installStatus: 'install_pending',
      appId: null,
      botId: null,
      packageMetadata: null,
      lastError: null,
    });
  });

  it.each(['install_pending', 'error'] as const)('keeps %s and its details, switching the profile', (status) => {
    expect(teamsStateAfterRebind(installed(status), 'p2')).toEqual({ ...installed(status), selectedProfileId: 'p2' });
  });

  it('moves not_configured to install_pending', () => {
    expect(teamsStateAfterRebind(installed('not_configured'), 'p2').installStatus).toBe('install_pending');
  });
});
