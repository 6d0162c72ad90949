import { Migration } from '@mikro-orm/migrations';

/**
 * One-time tickets handing a verified Microsoft sign-in to the PSA: the browser carries only the ticket, the PSA
 * backend redeems it (authenticated, tenant-scoped) for the identity. Only a hash of the ticket is stored.
 */
export class Migration20261130050000MspSsoTickets extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table msp_sso_tickets (
        ticket_hash text primary key,
        tenant_id uuid not null references tenants(id) on delete cascade,
        email text not null,
        display_name text,
        microsoft_object_id text not null,
        microsoft_tenant_id text not null,
        created_at timestamptz not null default now(),
        expires_at timestamptz not null,
        redeemed_at timestamptz
      );`);
    this.addSql('create index msp_sso_tickets_expiry_idx on msp_sso_tickets (expires_at);');
  }

  override async down(): Promise<void> {
    this.addSql('drop table msp_sso_tickets;');
  }
}
