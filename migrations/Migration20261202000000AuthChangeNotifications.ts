import { Migration } from '@mikro-orm/migrations';

/**
 * Credential changes NOTIFY `switchboard_auth` inside the writing transaction (delivered on commit only), so every
 * API process drops what its credential cache (src/auth/auth-cache.ts) holds for them. Triggers rather than calls in
 * the services: revocations from the CLI, another process or plain SQL are covered too, and a future write path
 * cannot forget it. Only changes a cached RequestContext depends on notify: a key's revocation, role, owner, prefix
 * or hash; a user's creation, deletion, role, external id; a tenant's deletion. Bookkeeping (last_used_at) and
 * profile fields (email, display name) do not.
 */
export class Migration20261202000000AuthChangeNotifications extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create function switchboard_auth_change() returns trigger language plpgsql as $$
      declare
        change jsonb;
      begin
        if tg_table_name = 'api_keys' then
          change := jsonb_build_object('tenantId', old.tenant_id, 'apiKeyPrefix', old.prefix);
        elsif tg_table_name = 'tenants' then
          change := jsonb_build_object('tenantId', old.id);
        elsif tg_op = 'INSERT' then
          change := jsonb_build_object('tenantId', new.tenant_id, 'userId', new.id, 'externalIds', jsonb_build_array(new.external_id));
        elsif tg_op = 'DELETE' then
          change := jsonb_build_object('tenantId', old.tenant_id, 'userId', old.id, 'externalIds', jsonb_build_array(old.external_id));
        else
          change := jsonb_build_object('tenantId', old.tenant_id, 'userId', old.id, 'externalIds', jsonb_build_array(old.external_id, new.external_id));
        end if;
        perform pg_notify('switchboard_auth', change::text);
        return null;
      end $$;`);
    this.addSql(`
      create trigger api_keys_auth_change after update of revoked_at, role, user_id, tenant_id, prefix, secret_hash on api_keys
        for each row when ((old.revoked_at, old.role, old.user_id, old.tenant_id, old.prefix, old.secret_hash)
          is distinct from (new.revoked_at, new.role, new.user_id, new.tenant_id, new.prefix, new.secret_hash))
        execute function switchboard_auth_change();`);
    this.addSql('create trigger api_keys_auth_delete after delete on api_keys for each row execute function switchboard_auth_change();');
    this.addSql('create trigger users_auth_insert after insert on users for each row execute function switchboard_auth_change();');
    this.addSql(`
      create trigger users_auth_change after update of role, external_id, tenant_id, id on users
        for each row when ((old.role, old.external_id, old.tenant_id, old.id) is distinct from (new.role, new.external_id, new.tenant_id, new.id))
        execute function switchboard_auth_change();`);
    this.addSql('create trigger users_auth_delete after delete on users for each row execute function switchboard_auth_change();');
    this.addSql('create trigger tenants_auth_delete after delete on tenants for each row execute function switchboard_auth_change();');
  }

  override async down(): Promise<void> {
    this.addSql(`
      drop trigger tenants_auth_delete on tenants;
      drop trigger users_auth_delete on users;
      drop trigger users_auth_change on users;
      drop trigger users_auth_insert on users;
      drop trigger api_keys_auth_delete on api_keys;
      drop trigger api_keys_auth_change on api_keys;
      drop function switchboard_auth_change();`);
  }
}
