import { randomUUID } from 'node:crypto';
import { coreMigrations } from '../../migrations';
import { parseKeyRing } from '../../src/crypto/key-ring';
import { SecretBox } from '../../src/crypto/secret-box';
import { runMigrations } from '../../src/db/migrate';
import { createLogger } from '../../src/observability/logger';
import { LegacySignals } from '../support/legacy-signals';
import { TEST_SECRET_KEYS } from '../support/services';
import { createTestDatabase, queryDatabase, type TestDatabase } from '../support/test-database';

const MIGRATION = 'Migration20261201030000MspSsoDomainProof';
const logger = createLogger('silent');

describe(`${MIGRATION} on a database with existing MSP SSO data`, () => {
  let db: TestDatabase;
  let legacy: LegacySignals;
  let tenantId: string;
  let domain: string;
  let guidProfileId: string;
  let multiTenantProfileId: string;

  beforeAll(async () => {
    db = await createTestDatabase('ssoproof');
    const before = { ...coreMigrations, migrations: coreMigrations.migrations.filter((entry) => entry.name !== MIGRATION) };
    await runMigrations(db.url, [before], logger);
    legacy = new LegacySignals(db.url, new SecretBox(parseKeyRing(TEST_SECRET_KEYS)));
    tenantId = await legacy.tenant();
    domain = await legacy.loginDomain(tenantId);
    guidProfileId = await legacy.profile(tenantId);
    multiTenantProfileId = await legacy.profile(tenantId);
    await queryDatabase(db.url, "update microsoft_profiles set tenant_authority = 'organizations' where id = $1", [multiTenantProfileId]);
    expect(await runMigrations(db.url, [coreMigrations], logger)).toEqual({ core: [MIGRATION] });
  }, 30_000);
  afterAll(() => db.drop());

  it('keeps existing domains routable: they become VERIFIED (admins added them before DNS proofs)', async () => {
    const [row] = await queryDatabase<Record<string, unknown>>(
      db.url,
      'select status, verified_at = created_at as verified_when_created, verification_token from msp_sso_tenant_login_domains where domain = $1',
      [domain],
    );
    expect(row).toEqual({ status: 'verified', verified_when_created: true, verification_token: expect.stringMatching(/^[0-9a-f]{32}$/) });
  });

  it('lets other tenants hold pending claims on that domain, but not a second verified one', async () => {
    const other = await legacy.tenant();
    const insert = (status: string) =>
      queryDatabase(
        db.url,
        "insert into msp_sso_tenant_login_domains (id, tenant_id, domain, created_by, status, verification_token) values ($1, $2, $3, 'test', $4, 'token')",
        [randomUUID(), other, domain, status],
      );
    await insert('pending');
    await expect(insert('pending')).rejects.toThrow(/msp_sso_domains_claim_key/);
    await queryDatabase(db.url, 'delete from msp_sso_tenant_login_domains where tenant_id = $1', [other]);
    await expect(insert('verified')).rejects.toThrow(/msp_sso_domains_verified_key/);
  });

  it("defaults allowedDirectoryIds to a GUID authority's own directory, and to none for a multi-tenant one", async () => {
    const rows = await queryDatabase<{ id: string; tenant_authority: string; allowed_directory_ids: string[] }>(
      db.url,
      'select id, tenant_authority, allowed_directory_ids from microsoft_profiles where tenant_id = $1',
      [tenantId],
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(guidProfileId)!.allowed_directory_ids).toEqual([byId.get(guidProfileId)!.tenant_authority]);
    expect(byId.get(multiTenantProfileId)!.allowed_directory_ids).toEqual([]);
  });
});
