import { Migration } from '@mikro-orm/migrations';

/**
 * Changes to who owns a webhook channel NOTIFY `switchboard_webhook_owners` in the writing transaction (delivered on
 * commit only), so every API process drops the claim its webhook intake cached for that channel
 * (ee/src/calendar/webhooks/webhook-owners.ts). Triggers rather than calls in the services, as for credentials: the
 * maintenance job, a deletion cascading from a tenant, the CLI or plain SQL are all covered. Payload:
 * `<provider_type>:<channel id>` of the channel as it was. Sync bookkeeping on calendar_providers (cursor,
 * checkpoint, status) does not notify.
 */
export class Migration20261202070000WebhookOwnerNotifications extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create function switchboard_webhook_owner_change() returns trigger language plpgsql as $$
      begin
        if tg_table_name = 'calendar_providers' then
          perform pg_notify('switchboard_webhook_owners', old.provider_type || ':' || old.webhook_subscription_id);
        else
          perform pg_notify('switchboard_webhook_owners', old.provider_type || ':' || old.channel_id);
        end if;
        return null;
      end $$;`);
    this.addSql(`
      create trigger calendar_providers_webhook_owner_change
        after update of webhook_subscription_id, webhook_client_state, webhook_resource_id, active, provider_type, tenant_id on calendar_providers
        for each row when (old.webhook_subscription_id is not null and
          (old.webhook_subscription_id, old.webhook_client_state, old.webhook_resource_id, old.active, old.provider_type, old.tenant_id)
            is distinct from (new.webhook_subscription_id, new.webhook_client_state, new.webhook_resource_id, new.active, new.provider_type, new.tenant_id))
        execute function switchboard_webhook_owner_change();`);
    this.addSql(`
      create trigger calendar_providers_webhook_owner_delete after delete on calendar_providers
        for each row when (old.webhook_subscription_id is not null) execute function switchboard_webhook_owner_change();`);
    this.addSql(`
      create trigger calendar_webhook_channels_owner_change after update or delete on calendar_webhook_channels
        for each row execute function switchboard_webhook_owner_change();`);
  }

  override async down(): Promise<void> {
    this.addSql(`
      drop trigger calendar_webhook_channels_owner_change on calendar_webhook_channels;
      drop trigger calendar_providers_webhook_owner_delete on calendar_providers;
      drop trigger calendar_providers_webhook_owner_change on calendar_providers;
      drop function switchboard_webhook_owner_change();`);
  }
}
