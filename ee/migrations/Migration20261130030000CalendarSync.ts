import { Migration } from '@mikro-orm/migrations';

/** EE-only calendar sync tables (the providers table came with the consumers migration). */
export class Migration20261130030000CalendarSync extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table google_calendar_apps (
        tenant_id uuid primary key references tenants(id) on delete cascade,
        client_id text not null,
        client_secret text not null,
        updated_by text not null,
        updated_at timestamptz not null default now()
      );`);
    this.addSql(`
      create table oauth_states (
        nonce text primary key,
        tenant_id uuid not null references tenants(id) on delete cascade,
        user_id text not null,
        provider_id uuid not null references calendar_providers(id) on delete cascade,
        -- Microsoft: the CALENDAR-bound profile that built the authorization URL; the code must be redeemed with it.
        microsoft_profile_id uuid,
        code_verifier text not null,
        created_at timestamptz not null default now(),
        expires_at timestamptz not null,
        consumed_at timestamptz
      );`);
    this.addSql('create index oauth_states_expiry_idx on oauth_states (expires_at);');
    this.addSql(`
      create table calendar_event_mappings (
        id uuid primary key,
        tenant_id uuid not null references tenants(id) on delete cascade,
        provider_id uuid not null references calendar_providers(id) on delete cascade,
        schedule_entry_id uuid not null,
        external_event_id text not null,
        external_version text,
        local_version integer not null default 0,
        last_synced_at timestamptz,
        sync_status text not null default 'pending' check (sync_status in ('synced', 'pending', 'conflict', 'error')),
        last_error text,
        unique (provider_id, external_event_id),
        unique (provider_id, schedule_entry_id)
      );`);
    this.addSql('create index calendar_event_mappings_tenant_idx on calendar_event_mappings (tenant_id);');
    this.addSql(`
      create table calendar_sync_conflicts (
        id uuid primary key,
        tenant_id uuid not null references tenants(id) on delete cascade,
        provider_id uuid not null references calendar_providers(id) on delete cascade,
        mapping_id uuid references calendar_event_mappings(id) on delete set null,
        schedule_entry_id uuid,
        external_event_id text,
        local_snapshot jsonb,
        external_snapshot jsonb,
        detected_at timestamptz not null default now(),
        resolved_at timestamptz,
        resolution text
      );`);
    this.addSql('create index calendar_sync_conflicts_open_idx on calendar_sync_conflicts (tenant_id, provider_id) where resolved_at is null;');
    this.addSql(`
      create table webhook_inbox (
        id uuid primary key,
        tenant_id uuid not null references tenants(id) on delete cascade,
        provider_id uuid not null references calendar_providers(id) on delete cascade,
        provider_type text not null check (provider_type in ('google', 'microsoft')),
        kind text not null,
        payload jsonb not null,
        received_at timestamptz not null default now(),
        processed_at timestamptz,
        attempts integer not null default 0,
        last_error text
      );`);
    this.addSql('create index webhook_inbox_pending_idx on webhook_inbox (received_at) where processed_at is null;');
    this.addSql('create index calendar_providers_webhook_idx on calendar_providers (webhook_subscription_id);');
  }

  override async down(): Promise<void> {
    this.addSql(
      'drop table webhook_inbox; drop table calendar_sync_conflicts; drop table calendar_event_mappings; drop table oauth_states; drop table google_calendar_apps;',
    );
  }
}
