import { decryptedSecrets, pgDump, secretsInDump } from './support/secret-dump';
import { startSecurityApp, type SecurityApp } from './support/security-app';
import { buildTenantWorld, type TenantWorld } from './support/tenant-world';
import { exerciseCeSecretWrites } from './support/write-paths';

// Community edition; ee/test/security adds the calendar tokens, Google app secrets, grants and webhook secrets.
describe('no plaintext secret (community): a pg_dump after every secret-taking write holds none of them', () => {
  let app: SecurityApp;
  let world: TenantWorld;

  beforeAll(async () => {
    app = await startSecurityApp('community');
    world = await buildTenantWorld(app, 'quokka');
    await exerciseCeSecretWrites(app, world);
  });
  afterAll(() => app?.close());

  it('spells no secret or token that went in or came out, plain or base64/hex encoded', async () => {
    const decrypted = await decryptedSecrets(app.t);
    // What the database holds encrypted is exactly what the test sent: the collection sees the real values.
    expect(decrypted.map(({ secret }) => secret)).toEqual(expect.arrayContaining([world.values.ssoClientSecret]));
    const dump = await pgDump(app.t.db.url);
    expect(dump).toContain('quokka SSO profile');
    const secrets = [
      ...world.secrets.map((secret) => ({ source: 'sent or handed out', secret })),
      ...decrypted.map(({ column, secret }) => ({ source: column, secret })),
    ];
    expect(secretsInDump(dump, secrets)).toEqual([]);
  });
});
