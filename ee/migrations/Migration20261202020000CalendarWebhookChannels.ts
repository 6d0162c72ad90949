import { Migration } from '@mikro-orm/migrations';

/**
 * Webhook upkeep state. The current channel/subscription stays on calendar_providers (webhook_* columns, read by
 * the intake and the stop path). `calendar_webhook_channels` holds Google channels replaced by a roll that are
 * still accepted until they are stopped (the overlap). `calendar_webhook_health` is one row per provider with what
 * the maintenance job learnt: which calendar the watch covers, failures in a row, the fallback to polling, and
 * renewal counters for /metrics.
 */
export class Migration20261202020000CalendarWebhookChannels extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table calendar_webhook_channels (
        provider_type text not null,
        channel_id text not null,
        tenant_id uuid not null references tenants(id) on delete cascade,
        provider_id uuid not null references calendar_providers(id) on delete cascade,
        resource_id text,
        expires_at timestamptz not null,
        -- secret-box envelope of the channel token, context calendar_webhook_channels.encrypted_secret:{channel_id}
        encrypted_secret text not null,
        stop_after timestamptz not null,
        created_at timestamptz not null default now(),
        primary key (provider_type, channel_id)
      );`);
    this.addSql('create index calendar_webhook_channels_stop_idx on calendar_webhook_channels (stop_after);');
    this.addSql('create index calendar_webhook_channels_provider_idx on calendar_webhook_channels (tenant_id, provider_id);');
    this.addSql(`
      create table calendar_webhook_health (
        provider_id uuid primary key references calendar_providers(id) on delete cascade,
        tenant_id uuid not null references tenants(id) on delete cascade,
        watched_calendar_id text,
        consecutive_failures integer not null default 0,
        last_error text,
        last_renewal_at timestamptz,
        polling boolean not null default false,
        renewals_ok bigint not null default 0,
        renewals_failed bigint not null default 0,
        updated_at timestamptz not null default now()
      );`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table calendar_webhook_health;');
    this.addSql('drop table calendar_webhook_channels;');
  }
}
