import { Migration } from '@mikro-orm/migrations';

/** Microsoft profiles, explicit consumer bindings, MSP SSO login domains, and the legacy signals (CE schema). */
export class Migration20261130010000MicrosoftProfiles extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table microsoft_profiles (
        id uuid primary key,
        tenant_id uuid not null references tenants(id) on delete cascade,
        display_name text not null check (length(display_name) between 1 and 100),
        client_id text not null,
        tenant_authority text not null,
        client_secret text,
        is_default boolean not null default false,
        is_archived boolean not null default false,
        archived_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (tenant_id, id)
      );`);
    this.addSql('create unique index microsoft_profiles_one_default on microsoft_profiles (tenant_id) where is_default;');
    this.addSql(
      'create unique index microsoft_profiles_active_name on microsoft_profiles (tenant_id, lower(display_name)) where not is_archived;',
    );
    this.addSql(`
      create table microsoft_profile_consumer_bindings (
        tenant_id uuid not null references tenants(id) on delete cascade,
        consumer text not null check (consumer in ('msp_sso', 'email', 'calendar', 'teams')),
        profile_id uuid not null,
        created_by text not null,
        updated_by text not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (tenant_id, consumer),
        foreign key (tenant_id, profile_id) references microsoft_profiles (tenant_id, id) on delete restrict
      );`);
    this.addSql('create index microsoft_bindings_profile_idx on microsoft_profile_consumer_bindings (tenant_id, profile_id);');
    this.addSql(`
      create table msp_sso_tenant_login_domains (
        id uuid primary key,
        tenant_id uuid not null references tenants(id) on delete cascade,
        domain text not null unique check (domain = lower(domain)),
        is_active boolean not null default true,
        created_by text not null,
        created_at timestamptz not null default now()
      );`);
    this.addSql('create index msp_sso_domains_tenant_idx on msp_sso_tenant_login_domains (tenant_id);');
    // Single-use MSP SSO login states: the signed state carries the nonce; consuming sets consumed_at once.
    this.addSql(`
      create table msp_sso_login_states (
        nonce text primary key,
        tenant_id uuid not null references tenants(id) on delete cascade,
        profile_id uuid not null,
        login_hint text,
        created_at timestamptz not null default now(),
        expires_at timestamptz not null,
        consumed_at timestamptz
      );`);
    this.addSql('create index msp_sso_login_states_expiry_idx on msp_sso_login_states (expires_at);');
    // Legacy signals, read only by binding materialization.
    this.addSql(`
      create table tenant_secrets (
        tenant_id uuid not null references tenants(id) on delete cascade,
        name text not null,
        value text not null,
        updated_at timestamptz not null default now(),
        primary key (tenant_id, name)
      );`);
    this.addSql(`
      create table email_providers (
        id uuid primary key,
        tenant_id uuid not null references tenants(id) on delete cascade,
        provider_type text not null check (provider_type in ('microsoft', 'google', 'smtp')),
        mailbox text not null,
        is_active boolean not null default true,
        created_at timestamptz not null default now()
      );`);
    this.addSql('create index email_providers_tenant_idx on email_providers (tenant_id);');
  }

  override async down(): Promise<void> {
    this.addSql(
      'drop table email_providers; drop table tenant_secrets; drop table msp_sso_login_states; drop table msp_sso_tenant_login_domains; ' +
        'drop table microsoft_profile_consumer_bindings; drop table microsoft_profiles;',
    );
  }
}
