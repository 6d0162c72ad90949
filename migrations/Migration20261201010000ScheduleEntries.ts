import { Migration } from '@mikro-orm/migrations';

/**
 * Schedule entries (CE core). Foreign keys carry tenant_id, so an exception can only belong to a series of its own
 * tenant and an assignee can only be a user of the entry's tenant, whatever the application code does.
 */
export class Migration20261201010000ScheduleEntries extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table schedule_entries (
        id uuid primary key,
        tenant_id uuid not null references tenants(id) on delete cascade,
        title text not null check (length(title) between 1 and 500),
        notes text,
        location text,
        all_day boolean not null,
        starts_at timestamptz not null,
        ends_at timestamptz not null,
        start_date date,
        end_date date,
        time_zone text not null,
        recurrence text[] not null default '{}',
        -- End of the last occurrence (null: unbounded series); a cheap SQL bound before exact expansion.
        recurrence_ends_at timestamptz,
        series_id uuid,
        original_starts_at timestamptz,
        is_private boolean not null default false,
        status text not null default 'scheduled' check (status in ('scheduled', 'cancelled')),
        external_ref text,
        version integer not null default 1,
        created_by uuid,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (tenant_id, id),
        check (ends_at > starts_at),
        check (all_day = (start_date is not null) and all_day = (end_date is not null)),
        check ((series_id is null) = (original_starts_at is null)),
        check (series_id is null or recurrence = '{}'),
        foreign key (tenant_id, series_id) references schedule_entries (tenant_id, id) on delete cascade,
        foreign key (tenant_id, created_by) references users (tenant_id, id) on delete set null (created_by)
      );`);
    this.addSql('create unique index schedule_entries_exception_key on schedule_entries (series_id, original_starts_at) where series_id is not null;');
    this.addSql('create index schedule_entries_tenant_start_idx on schedule_entries (tenant_id, starts_at, id);');
    this.addSql('create index schedule_entries_tenant_series_end_idx on schedule_entries (tenant_id, recurrence_ends_at) where recurrence <> \'{}\';');
    this.addSql(`
      create table schedule_entry_assignees (
        tenant_id uuid not null,
        entry_id uuid not null,
        user_id uuid not null,
        primary key (entry_id, user_id),
        foreign key (tenant_id, entry_id) references schedule_entries (tenant_id, id) on delete cascade,
        foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
      );`);
    this.addSql('create index schedule_entry_assignees_user_idx on schedule_entry_assignees (tenant_id, user_id);');
  }

  override async down(): Promise<void> {
    this.addSql('drop table schedule_entry_assignees; drop table schedule_entries;');
  }
}
