import { Migration } from '@mikro-orm/migrations';

/** EE-only: Teams install state per tenant, and calendar providers (the calendar consumer's connections). */
export class Migration20261130020000TeamsAndCalendarProviders extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table teams_integrations (
        tenant_id uuid primary key references tenants(id) on delete cascade,
        selected_profile_id uuid,
        install_status text not null default 'not_configured'
          check (install_status in ('not_configured', 'install_pending', 'installing', 'active', 'error')),
        app_id text,
        bot_id text,
        package_metadata jsonb,
        last_error text,
        updated_at timestamptz not null default now(),
        foreign key (tenant_id, selected_profile_id) references microsoft_profiles (tenant_id, id) on delete restrict
      );`);
    this.addSql(`
      create table calendar_providers (
        id uuid primary key,
        tenant_id uuid not null references tenants(id) on delete cascade,
        owner_user_id text not null,
        name text not null check (length(name) between 1 and 100),
        provider_type text not null check (provider_type in ('google', 'microsoft')),
        calendar_id text,
        calendar_name text,
        sync_direction text not null default 'bidirectional'
          check (sync_direction in ('bidirectional', 'to_external', 'from_external')),
        status text not null default 'configuring'
          check (status in ('configuring', 'connected', 'error', 'reauth_required', 'disconnected')),
        active boolean not null default true,
        encrypted_tokens text,
        sync_cursor text,
        webhook_subscription_id text,
        webhook_resource_id text,
        webhook_expires_at timestamptz,
        webhook_client_state text,
        last_sync_at timestamptz,
        last_error text,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );`);
    this.addSql('create index calendar_providers_tenant_idx on calendar_providers (tenant_id, provider_type);');
  }

  override async down(): Promise<void> {
    this.addSql('drop table calendar_providers; drop table teams_integrations;');
  }
}
