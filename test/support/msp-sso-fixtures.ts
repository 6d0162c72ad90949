// Test data for MSP SSO: Microsoft profiles and msp_sso bindings written with SQL (independent of the profile
// service), login domains through GraphQL (marked verified with SQL where a test is not about DNS proofs), and
// the Microsoft simulator settings the app is pointed at.
import { randomBytes, randomUUID } from 'node:crypto';
import { parseKeyRing } from '../../src/crypto/key-ring';
import { SecretBox } from '../../src/crypto/secret-box';
import { profileSecretContext } from '../../src/microsoft/profile-secret';
import type { MicrosoftSimulator } from '../fakes/microsoft/microsoft-simulator';
import { DEFAULT_TENANT_ID } from '../fakes/microsoft/state';
import { TEST_SECRET_KEYS } from './services';
import type { TestApp } from './test-app';
import { queryDatabase } from './test-database';

export const SSO_REDIRECT_URI = 'http://switchboard.test/api/auth/msp/sso/callback';

export const simulatorEnv = (sim: MicrosoftSimulator) => ({ MICROSOFT_LOGIN_URL: sim.loginUrl, MICROSOFT_AUTHORITY_HOST: sim.authorityHost });

export interface ProfileInput {
  clientId?: string;
  /** null = no secret stored. */
  secret?: string | null;
  tenantAuthority?: string;
  /** Default: the simulator's default directory, where its users live unless created elsewhere. */
  allowedDirectoryIds?: string[];
  isDefault?: boolean;
  isArchived?: boolean;
}

export async function insertProfile(dbUrl: string, tenantId: string, input: ProfileInput = {}): Promise<{ id: string; clientId: string; secret: string | null }> {
  const id = randomUUID();
  const clientId = input.clientId ?? randomUUID();
  const secret = input.secret === undefined ? `secret-${randomUUID()}` : input.secret;
  const sealed = secret === null ? null : new SecretBox(parseKeyRing(TEST_SECRET_KEYS)).encrypt(secret, profileSecretContext(id));
  await queryDatabase(
    dbUrl,
    `insert into microsoft_profiles (id, tenant_id, display_name, client_id, tenant_authority, allowed_directory_ids, client_secret, is_default, is_archived, archived_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, case when $9 then now() end)`,
    [
      id, tenantId, `Profile ${id.slice(0, 8)}`, clientId, input.tenantAuthority ?? 'organizations', input.allowedDirectoryIds ?? [DEFAULT_TENANT_ID],
      sealed, input.isDefault ?? false, input.isArchived ?? false,
    ],
  );
  return { id, clientId, secret };
}

export async function bindMspSso(dbUrl: string, tenantId: string, profileId: string): Promise<void> {
  await queryDatabase(
    dbUrl,
    `insert into microsoft_profile_consumer_bindings (tenant_id, consumer, profile_id, created_by, updated_by)
     values ($1, 'msp_sso', $2, 'test', 'test')
     on conflict (tenant_id, consumer) do update set profile_id = excluded.profile_id`,
    [tenantId, profileId],
  );
}

/** A PENDING claim, as an admin creates it; its DNS record is in `verification`. */
export async function addLoginDomain(t: TestApp, apiKey: string, domain: string): Promise<{ id: string; domain: string; verification: { name: string; value: string } }> {
  const result = await t.gql('mutation ($d: String!) { addMspSsoLoginDomain(domain: $d) { id domain verification { name value } } }', { d: domain }, apiKey);
  if (!result.data?.addMspSsoLoginDomain) throw new Error(`adding ${domain} failed: ${JSON.stringify(result.errors)}`);
  return result.data.addMspSsoLoginDomain;
}

/** A routable domain for tests not about DNS proofs: added through GraphQL, then marked verified in SQL. */
export async function addVerifiedLoginDomain(t: TestApp, apiKey: string, domain: string): Promise<{ id: string; domain: string }> {
  const added = await addLoginDomain(t, apiKey, domain);
  await queryDatabase(t.db.url, "update msp_sso_tenant_login_domains set status = 'verified', verified_at = now() where id = $1", [added.id]);
  return added;
}

/** What a PSA keeps in the browser's session and sends with resolve and redeem. */
export const newBrowserNonce = (): string => randomBytes(24).toString('base64url');

/** A tenant with a login domain whose msp_sso binding points at a fresh profile registered in the simulator. */
export async function createSsoTenant(t: TestApp, sim: MicrosoftSimulator, domain: string) {
  const tenant = await t.createTenant(`SSO ${domain}`);
  const profile = await insertProfile(t.db.url, tenant.tenantId);
  sim.control.registerApp({ clientId: profile.clientId, clientSecret: profile.secret!, redirectUris: [SSO_REDIRECT_URI] });
  await bindMspSso(t.db.url, tenant.tenantId, profile.id);
  await addVerifiedLoginDomain(t, tenant.apiKey, domain);
  return { tenant, profile };
}
