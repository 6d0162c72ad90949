import { Migration } from '@mikro-orm/migrations';

/**
 * Failed mappings are retried with backoff by later runs: which way the failed write went decides how it is
 * retried (push the entry again, or read the event again), and an index finds the due ones.
 */
export class Migration20261202060000CalendarMappingRetries extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table calendar_event_mappings add column error_direction text check (error_direction in ('push', 'pull'));`);
    this.addSql(`create index calendar_event_mappings_retry_idx on calendar_event_mappings (provider_id, next_attempt_at) where sync_status = 'error';`);
  }

  override async down(): Promise<void> {
    this.addSql('drop index calendar_event_mappings_retry_idx;');
    this.addSql('alter table calendar_event_mappings drop column error_direction;');
  }
}
