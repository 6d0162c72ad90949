import { Migration } from '@mikro-orm/migrations';

/**
 * The sync engine's state: per-provider sync settings, runs (the lease that keeps one run per provider, and its
 * checkpoint), the log of every action, and per-mapping retry bookkeeping.
 */
export class Migration20261201110000CalendarSyncEngine extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table calendar_providers
        add column import_policy text not null default 'all' check (import_policy in ('all', 'tagged', 'none')),
        add column import_tag text check (length(import_tag) between 1 and 100),
        add column conflict_policy text not null default 'manual' check (conflict_policy in ('manual', 'local_wins', 'remote_wins')),
        add column push_private_details boolean not null default false;`);
    this.addSql(`
      alter table calendar_event_mappings
        add column attempts integer not null default 0,
        add column next_attempt_at timestamptz,
        add column created_at timestamptz not null default now();`);
    this.addSql(`
      alter table calendar_sync_conflicts
        add column local_version integer,
        add column external_version text;`);
    this.addSql(`
      create table calendar_sync_runs (
        id uuid primary key,
        tenant_id uuid not null references tenants(id) on delete cascade,
        provider_id uuid not null references calendar_providers(id) on delete cascade,
        status text not null check (status in ('running', 'succeeded', 'failed')),
        full_listing boolean not null default false,
        started_at timestamptz not null default now(),
        finished_at timestamptz,
        lease_until timestamptz not null,
        pulled integer not null default 0,
        pushed integer not null default 0,
        conflicts integer not null default 0,
        errors integer not null default 0,
        last_error text
      );`);
    // At most one running run per provider: the lease is this row, taken by insert, renewed while working.
    this.addSql(`create unique index calendar_sync_runs_one_running on calendar_sync_runs (provider_id) where status = 'running';`);
    this.addSql('create index calendar_sync_runs_provider_idx on calendar_sync_runs (tenant_id, provider_id, started_at desc);');
    this.addSql(`
      create table calendar_sync_log (
        id bigserial primary key,
        tenant_id uuid not null references tenants(id) on delete cascade,
        provider_id uuid not null references calendar_providers(id) on delete cascade,
        run_id uuid,
        at timestamptz not null default now(),
        direction text not null check (direction in ('push', 'pull')),
        action text not null,
        schedule_entry_id uuid,
        external_event_id text,
        outcome text not null check (outcome in ('ok', 'skipped', 'failed')),
        reason text
      );`);
    this.addSql('create index calendar_sync_log_provider_idx on calendar_sync_log (tenant_id, provider_id, id desc);');
  }

  override async down(): Promise<void> {
    this.addSql('drop table calendar_sync_log; drop table calendar_sync_runs;');
    this.addSql('alter table calendar_sync_conflicts drop column local_version, drop column external_version;');
    this.addSql('alter table calendar_event_mappings drop column attempts, drop column next_attempt_at, drop column created_at;');
    this.addSql('alter table calendar_providers drop column import_policy, drop column import_tag, drop column conflict_policy, drop column push_private_details;');
  }
}
