import { Migration } from '@mikro-orm/migrations';

/** Marker: with calendar_providers present, the calendar consumer can be materialized from legacy Microsoft calendars. */
export class Migration20261130040000MaterializeLegacyCalendarBindings extends Migration {
  override async up(): Promise<void> {
    this.addSql("comment on table calendar_providers is 'Calendar connections (EE); Microsoft rows are evidence for the calendar binding';");
  }
}
