import { Migration } from '@mikro-orm/migrations';

/**
 * The transactional outbox (src/events). Besides the columns of the issue (id, tenant_id, type, aggregate_id,
 * payload, created_at, published_at) the relay needs:
 * - seq: strict order per aggregate (created_at is the transaction start time and ties inside a transaction);
 * - attempts / next_attempt_at / last_error: retry with backoff, recorded in the row so any relay continues it;
 * - lease_token / lease_expires_at: a claimed event is reserved without holding a transaction open while the
 *   subscribers run; a relay that dies leaves the lease to expire, then another relay takes the event.
 * No foreign key on aggregate_id: a deleted entry's event must outlive the entry.
 */
export class Migration20261201020000DomainEvents extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table domain_events (
        id uuid primary key,
        seq bigint generated always as identity unique,
        tenant_id uuid not null references tenants(id) on delete cascade,
        type text not null check (type in ('schedule_entry.created', 'schedule_entry.updated', 'schedule_entry.deleted')),
        aggregate_id uuid not null,
        -- (payload -> key) is SQL null only when the key is absent (a JSON null comes back as jsonb 'null').
        payload jsonb not null check (payload -> 'before' is not null and payload -> 'after' is not null),
        created_at timestamptz not null default now(),
        published_at timestamptz,
        attempts integer not null default 0,
        next_attempt_at timestamptz not null default now(),
        last_error text,
        lease_token uuid,
        lease_expires_at timestamptz
      );`);
    // Claim scan (oldest first) and the "is there an earlier unpublished event of this aggregate" probe.
    this.addSql('create index domain_events_pending_idx on domain_events (seq) where published_at is null;');
    this.addSql('create index domain_events_aggregate_pending_idx on domain_events (tenant_id, aggregate_id, seq) where published_at is null;');
    this.addSql('create index domain_events_published_idx on domain_events (published_at) where published_at is not null;');
  }

  override async down(): Promise<void> {
    this.addSql('drop table domain_events;');
  }
}
