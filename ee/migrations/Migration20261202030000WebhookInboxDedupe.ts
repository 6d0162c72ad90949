import { Migration } from '@mikro-orm/migrations';

/**
 * Providers deliver at least once and Graph sends several notifications per edit: one row per distinct
 * notification (Google: channel + message number; Graph: subscription + resource + etag, hashed into
 * `dedupe_key`), so retries and duplicates cost an `on conflict do nothing` and no further sync. Rows without a
 * natural key (lifecycle events, a missing message number) keep a null key and are never merged. The retention
 * purge ranges over received_at, which only grows with insertion order: a BRIN index serves it at almost no cost
 * on the ack's insert path (a btree would add a page write per row).
 */
export class Migration20261202030000WebhookInboxDedupe extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table webhook_inbox add column dedupe_key text;');
    this.addSql('create unique index webhook_inbox_dedupe_idx on webhook_inbox (provider_id, dedupe_key);');
    this.addSql('create index webhook_inbox_received_brin on webhook_inbox using brin (received_at);');
  }

  override async down(): Promise<void> {
    this.addSql('drop index webhook_inbox_received_brin; drop index webhook_inbox_dedupe_idx;');
    this.addSql('alter table webhook_inbox drop column dedupe_key;');
  }
}
