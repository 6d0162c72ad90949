import { Migration } from '@mikro-orm/migrations';

const GUID = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';

/**
 * MSP SSO hardening.
 * - Login domains are proven over DNS: many tenants may hold a `pending` claim on a domain, at most one holds it
 *   `verified` (partial unique index: of two racing verifications the second UPDATE fails). Domains that exist
 *   already were added by admins before this rule and stay routable, so they migrate as `verified`.
 * - Login states and tickets carry the hash of the PSA's browser-session nonce (login CSRF); login states keep the
 *   PKCE code verifier (encrypted by the service). Rows from before have neither and can no longer complete.
 * - Profiles list the directories whose accounts may sign in through a multi-tenant authority; a GUID authority
 *   defaults to its own directory.
 */
export class Migration20261201030000MspSsoDomainProof extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table msp_sso_tenant_login_domains
        add column status text not null default 'pending' check (status in ('pending', 'verified')),
        -- A volatile default: every existing row gets its own token; the service always sets one itself.
        add column verification_token text not null default replace(gen_random_uuid()::text, '-', ''),
        add column verified_at timestamptz;`);
    this.addSql(`update msp_sso_tenant_login_domains set status = 'verified', verified_at = created_at;`);
    this.addSql('alter table msp_sso_tenant_login_domains drop constraint msp_sso_tenant_login_domains_domain_key;');
    this.addSql('create unique index msp_sso_domains_claim_key on msp_sso_tenant_login_domains (tenant_id, domain);');
    this.addSql(`create unique index msp_sso_domains_verified_key on msp_sso_tenant_login_domains (domain) where status = 'verified';`);

    this.addSql('alter table msp_sso_login_states add column browser_nonce_hash text, add column code_verifier text;');
    this.addSql('alter table msp_sso_tickets add column browser_nonce_hash text;');

    this.addSql(`alter table microsoft_profiles add column allowed_directory_ids text[] not null default '{}';`);
    this.addSql(`update microsoft_profiles set allowed_directory_ids = array[lower(tenant_authority)] where tenant_authority ~* '${GUID}';`);
  }

  override async down(): Promise<void> {
    this.addSql('alter table microsoft_profiles drop column allowed_directory_ids;');
    this.addSql('alter table msp_sso_tickets drop column browser_nonce_hash;');
    this.addSql('alter table msp_sso_login_states drop column browser_nonce_hash, drop column code_verifier;');
    this.addSql("delete from msp_sso_tenant_login_domains where status <> 'verified';");
    this.addSql('drop index msp_sso_domains_verified_key; drop index msp_sso_domains_claim_key;');
    this.addSql('alter table msp_sso_tenant_login_domains add constraint msp_sso_tenant_login_domains_domain_key unique (domain);');
    this.addSql('alter table msp_sso_tenant_login_domains drop column status, drop column verification_token, drop column verified_at;');
  }
}
