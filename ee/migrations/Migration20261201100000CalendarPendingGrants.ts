import { Migration } from '@mikro-orm/migrations';

/**
 * Calendar connect completes as the user who started it: the OAuth callback parks the tokens in a pending grant
 * (found by the hash of a single-use ticket) until that user calls completeCalendarAuthorization. Providers
 * record which external account they are connected to, so a reconnect can tell "same account" from "another one".
 */
export class Migration20261201100000CalendarPendingGrants extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table calendar_pending_grants (
        id uuid primary key,
        ticket_hash text not null unique,
        tenant_id uuid not null references tenants(id) on delete cascade,
        -- The user whose startCalendarAuthorization this is: the only one who may complete it.
        user_id text not null,
        provider_id uuid not null references calendar_providers(id) on delete cascade,
        -- Microsoft: the CALENDAR-bound profile that minted the tokens; completion refuses them once it moved.
        microsoft_profile_id uuid,
        encrypted_tokens text not null,
        account_id text not null,
        account_email text,
        created_at timestamptz not null default now(),
        expires_at timestamptz not null
      );`);
    this.addSql('create index calendar_pending_grants_expiry_idx on calendar_pending_grants (expires_at);');
    this.addSql('create index calendar_pending_grants_tenant_idx on calendar_pending_grants (tenant_id, provider_id);');
    this.addSql(`
      alter table calendar_providers
        add column account_id text,
        add column account_email text;`);
  }

  override async down(): Promise<void> {
    this.addSql('alter table calendar_providers drop column account_email, drop column account_id; drop table calendar_pending_grants;');
  }
}
