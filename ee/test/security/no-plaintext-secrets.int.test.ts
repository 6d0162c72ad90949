import { randomUUID } from 'node:crypto';
import { decryptedSecrets, pgDump, secretsInDump } from '../../../test/security/support/secret-dump';
import type { TenantWorld } from '../../../test/security/support/tenant-world';
import { exerciseCeSecretWrites } from '../../../test/security/support/write-paths';
import { expireStoredAccessToken, type CalendarHarness } from '../support/calendar-harness';
import { buildEnterpriseWorld, startEnterpriseSecurityApp, type EnterpriseSecurityApp } from './support/ee-world';

describe('no plaintext secret (enterprise): a pg_dump after every secret-taking write holds none of them', () => {
  let app: EnterpriseSecurityApp;
  let world: TenantWorld;

  /** Makes both connected calendars refresh (the new tokens are stored), then rotates the Google app secret. */
  async function exerciseEnterpriseSecretWrites() {
    const h = { t: app.t } as CalendarHarness;
    for (const providerId of [world.ids.googleProvider!, world.ids.microsoftProvider!]) {
      await expireStoredAccessToken(h, providerId);
      const listed = await app.t.gql('mutation ($id: ID!) { listExternalCalendars(providerId: $id) { id } }', { id: providerId }, world.tenant.apiKey);
      if (listed.errors) throw new Error(JSON.stringify(listed.errors));
    }
    // Last: the old grant's refresh tokens belong to the previous Google client.
    const clientSecret = `gsecret-rotated-${randomUUID()}`;
    const clientId = `quokka-rotated-${randomUUID()}.apps.googleusercontent.com`;
    app.google.control.registerClient({ clientId, clientSecret, redirectUris: ['http://switchboard.test/api/auth/google/calendar/callback'] });
    const configured = await app.t.gql('mutation ($input: ConfigureGoogleCalendarAppInput!) { configureGoogleCalendarApp(input: $input) { clientId } }', {
      input: { clientId, clientSecret },
    }, world.tenant.apiKey);
    if (configured.errors) throw new Error(JSON.stringify(configured.errors));
    world.secrets.push(clientSecret);
  }

  beforeAll(async () => {
    app = await startEnterpriseSecurityApp();
    world = await buildEnterpriseWorld(app, 'quokka');
    await exerciseCeSecretWrites(app, world);
    await exerciseEnterpriseSecretWrites();
  });
  afterAll(() => app?.close());

  it('spells no secret or token that went in or came out, plain or base64/hex encoded', async () => {
    const decrypted = await decryptedSecrets(app.t);
    const columns = new Set(decrypted.map(({ column }) => column));
    // Provider tokens (as the simulators issued them), parked grants, app secrets, webhook secrets: all collected.
    expect([...columns].sort()).toEqual(expect.arrayContaining([
      'calendar_pending_grants.encrypted_tokens', 'calendar_providers.encrypted_tokens', 'calendar_providers.webhook_client_state',
      'google_calendar_apps.client_secret', 'microsoft_profiles.client_secret',
    ]));
    // The bearer tokens the Google simulator saw are tokens it issued to us.
    const bearerTokens = app.google.control.requestLog().flatMap((entry) => /^Bearer (.+)$/.exec(String(entry.headers.authorization ?? ''))?.[1] ?? []);
    expect(bearerTokens.length).toBeGreaterThan(0);
    const dump = await pgDump(app.t.db.url);
    expect(dump).toContain('quokka SSO profile');
    const secrets = [
      ...world.secrets.map((secret) => ({ source: 'sent or handed out', secret })),
      ...bearerTokens.map((secret) => ({ source: 'Google simulator bearer token', secret })),
      ...decrypted.map(({ column, secret }) => ({ source: column, secret })),
    ];
    expect(secretsInDump(dump, secrets)).toEqual([]);
  });
});
