import { Migration } from '@mikro-orm/migrations';

export class Migration20261130000000CoreTables extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table tenants (
        id uuid primary key,
        name text not null check (length(name) between 1 and 200),
        created_at timestamptz not null default now()
      );`);
    this.addSql(`
      create table users (
        id uuid primary key,
        tenant_id uuid not null references tenants(id) on delete cascade,
        email text not null,
        role text not null check (role in ('admin', 'user')),
        created_at timestamptz not null default now(),
        unique (tenant_id, email)
      );`);
    this.addSql(`
      create table api_keys (
        id uuid primary key,
        tenant_id uuid not null references tenants(id) on delete cascade,
        user_id uuid not null references users(id) on delete cascade,
        name text not null,
        prefix text not null unique,
        secret_hash text not null,
        role text not null check (role in ('admin', 'user')),
        created_at timestamptz not null default now(),
        last_used_at timestamptz,
        revoked_at timestamptz
      );`);
    this.addSql('create index api_keys_tenant_idx on api_keys (tenant_id);');
  }

  override async down(): Promise<void> {
    this.addSql('drop table api_keys; drop table users; drop table tenants;');
  }
}
