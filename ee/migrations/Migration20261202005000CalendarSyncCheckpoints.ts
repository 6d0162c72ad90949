import { Migration } from '@mikro-orm/migrations';

/**
 * Page checkpoints of a sync round, so a worker killed mid-round resumes where the last committed page ended:
 * the provider keeps the round's position, and a full listing stamps each listed mapping with the listing's id
 * (the diff that finds vanished events then survives a restart).
 */
export class Migration20261202005000CalendarSyncCheckpoints extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table calendar_providers add column sync_checkpoint jsonb;');
    this.addSql('alter table calendar_event_mappings add column listed_in uuid;');
  }

  override async down(): Promise<void> {
    this.addSql('alter table calendar_event_mappings drop column listed_in;');
    this.addSql('alter table calendar_providers drop column sync_checkpoint;');
  }
}
