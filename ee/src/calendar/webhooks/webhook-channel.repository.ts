import type { EntityManager } from '@mikro-orm/postgresql';
import type { EncryptedColumn } from '../../../../src/crypto/secret-rotation.service';
import type { CalendarProviderType } from '../adapters/calendar-adapter';

/**
 * calendar_webhook_channels: Google channels replaced by a roll, accepted until stopped. Hand-written SQL like
 * calendar_providers (the intake looks channels up without a tenant, by their unguessable id: webhook-owners.ts).
 */
export interface OverlapChannel {
  providerType: CalendarProviderType;
  channelId: string;
  tenantId: string;
  providerId: string;
  resourceId: string | null;
  expiresAt: Date;
  encryptedSecret: string;
  stopAfter: Date;
}

/** Binds a replaced channel's encrypted token to its row. */
export const overlapChannelSecretContext = (channelId: string) => `calendar_webhook_channels.encrypted_secret:${channelId}`;

export const overlapChannelSecretColumn: EncryptedColumn = {
  table: 'calendar_webhook_channels',
  idColumns: ['provider_type', 'channel_id'],
  column: 'encrypted_secret',
  context: (row) => overlapChannelSecretContext(row.channel_id!),
};

const SELECT = `select provider_type as "providerType", channel_id as "channelId", tenant_id as "tenantId", provider_id as "providerId",
  resource_id as "resourceId", expires_at as "expiresAt", encrypted_secret as "encryptedSecret", stop_after as "stopAfter"
  from calendar_webhook_channels`;

function toChannel(row: Record<string, unknown>): OverlapChannel {
  return { ...row, expiresAt: new Date(row.expiresAt as string), stopAfter: new Date(row.stopAfter as string) } as OverlapChannel;
}

export class WebhookChannelRepository {
  async insert(em: EntityManager, channel: OverlapChannel): Promise<void> {
    await em.execute(
      `insert into calendar_webhook_channels (provider_type, channel_id, tenant_id, provider_id, resource_id, expires_at, encrypted_secret, stop_after)
       values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing`,
      [channel.providerType, channel.channelId, channel.tenantId, channel.providerId, channel.resourceId, channel.expiresAt, channel.encryptedSecret, channel.stopAfter],
    );
  }

  async listDue(em: EntityManager, now: Date): Promise<OverlapChannel[]> {
    const rows = await em.execute<Array<Record<string, unknown>>>(`${SELECT} where stop_after <= ? order by stop_after limit 500`, [now]);
    return rows.map(toChannel);
  }

  async listForProvider(em: EntityManager, tenantId: string, providerId: string): Promise<OverlapChannel[]> {
    const rows = await em.execute<Array<Record<string, unknown>>>(`${SELECT} where tenant_id = ? and provider_id = ?`, [tenantId, providerId]);
    return rows.map(toChannel);
  }

  async delete(em: EntityManager, providerType: CalendarProviderType, channelId: string): Promise<void> {
    await em.execute('delete from calendar_webhook_channels where provider_type = ? and channel_id = ?', [providerType, channelId]);
  }
}
