import { Migration } from '@mikro-orm/migrations';

/**
 * A series whose rule a provider cannot express (Graph: RDATE, several RRULEs, BYHOUR...) is written as single
 * events, one per occurrence inside the sync window: one row per (provider, series, occurrence). `source_entry_id`
 * is the entry whose fields the event carries (the series, or the exception that replaces that occurrence), so
 * a switch between the two is seen even when their version numbers happen to match. No foreign key on the
 * entries: a deleted series must still name the events to delete (as `calendar_event_mappings`).
 */
export class Migration20261202050000CalendarExpandedInstances extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table calendar_expanded_instances (
        tenant_id uuid not null references tenants(id) on delete cascade,
        provider_id uuid not null references calendar_providers(id) on delete cascade,
        schedule_entry_id uuid not null,
        occurrence_start timestamptz not null,
        source_entry_id uuid not null,
        external_event_id text not null,
        external_version text,
        local_version integer not null,
        primary key (provider_id, schedule_entry_id, occurrence_start)
      );`);
    this.addSql('create index calendar_expanded_instances_event_idx on calendar_expanded_instances (provider_id, external_event_id);');
  }

  override async down(): Promise<void> {
    this.addSql('drop table calendar_expanded_instances;');
  }
}
