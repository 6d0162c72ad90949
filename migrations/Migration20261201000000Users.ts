import { Migration } from '@mikro-orm/migrations';

/**
 * Users provisioned by the host PSA: its own id (`external_id`, unique per tenant; null for the bootstrap admin the
 * CLI creates) and a display name. `(tenant_id, id)` becomes a key so tenant-scoped foreign keys can point at it.
 */
export class Migration20261201000000Users extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table users
        add column external_id text check (length(external_id) between 1 and 200),
        add column display_name text check (length(display_name) <= 200),
        add constraint users_tenant_external_id_key unique (tenant_id, external_id),
        add constraint users_tenant_id_id_key unique (tenant_id, id);`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table users drop constraint users_tenant_id_id_key, drop constraint users_tenant_external_id_key,
      drop column display_name, drop column external_id;`);
  }
}
