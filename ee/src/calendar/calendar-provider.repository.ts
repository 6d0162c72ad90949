import type { EntityManager } from '@mikro-orm/postgresql';
import type { CalendarProviderType } from './adapters/calendar-adapter';

import type { ConflictPolicy, ImportPolicy, SyncDirection } from './sync/sync-decision';

export type CalendarSyncDirection = SyncDirection;
export type CalendarProviderStatus = 'configuring' | 'connected' | 'error' | 'reauth_required' | 'disconnected';

export interface CalendarProviderRecord {
  id: string;
  tenantId: string;
  ownerUserId: string;
  name: string;
  providerType: CalendarProviderType;
  calendarId: string | null;
  calendarName: string | null;
  syncDirection: CalendarSyncDirection;
  /** Which remote events become schedule entries. */
  importPolicy: ImportPolicy;
  importTag: string | null;
  conflictPolicy: ConflictPolicy;
  /** Push private entries with their title and notes instead of as busy time. */
  pushPrivateDetails: boolean;
  status: CalendarProviderStatus;
  active: boolean;
  /** Secret-box envelope: never leaves the token manager decrypted. */
  encryptedTokens: string | null;
  /** Stable id of the connected external account (Google `sub` / Graph user `id`); null until connected. */
  accountId: string | null;
  accountEmail: string | null;
  syncCursor: string | null;
  /** Where an unfinished sync round resumes (see sync/sync-checkpoint.ts); written only by the sync run. */
  syncCheckpoint?: unknown;
  webhookSubscriptionId: string | null;
  webhookResourceId: string | null;
  webhookExpiresAt: Date | null;
  /** Secret-box envelope of the Google channel token / Graph clientState. */
  webhookClientState: string | null;
  lastSyncAt: Date | null;
  lastError: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const COLUMNS: Record<keyof CalendarProviderRecord, string> = {
  id: 'id',
  tenantId: 'tenant_id',
  ownerUserId: 'owner_user_id',
  name: 'name',
  providerType: 'provider_type',
  calendarId: 'calendar_id',
  calendarName: 'calendar_name',
  syncDirection: 'sync_direction',
  importPolicy: 'import_policy',
  importTag: 'import_tag',
  conflictPolicy: 'conflict_policy',
  pushPrivateDetails: 'push_private_details',
  status: 'status',
  active: 'active',
  encryptedTokens: 'encrypted_tokens',
  accountId: 'account_id',
  accountEmail: 'account_email',
  syncCursor: 'sync_cursor',
  syncCheckpoint: 'sync_checkpoint',
  webhookSubscriptionId: 'webhook_subscription_id',
  webhookResourceId: 'webhook_resource_id',
  webhookExpiresAt: 'webhook_expires_at',
  webhookClientState: 'webhook_client_state',
  lastSyncAt: 'last_sync_at',
  lastError: 'last_error',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
};

const SELECT = `select ${Object.entries(COLUMNS).map(([field, column]) => `${column} as "${field}"`).join(', ')} from calendar_providers`;

/** MikroORM's raw `execute` returns timestamptz columns as strings: instants become Dates here, once. */
function toRecord(row: Record<string, unknown>): CalendarProviderRecord {
  const instant = (value: unknown) => (value == null ? null : new Date(value as string | Date));
  return {
    ...row,
    webhookExpiresAt: instant(row.webhookExpiresAt),
    lastSyncAt: instant(row.lastSyncAt),
    createdAt: instant(row.createdAt),
    updatedAt: instant(row.updatedAt),
  } as CalendarProviderRecord;
}

export type CalendarProviderPatch = Partial<Omit<CalendarProviderRecord, 'id' | 'tenantId' | 'createdAt' | 'updatedAt'>>;

/** calendar_providers: every statement is keyed by tenant_id. */
export class CalendarProviderRepository {
  async insert(em: EntityManager, record: Omit<CalendarProviderRecord, 'createdAt' | 'updatedAt'>): Promise<CalendarProviderRecord> {
    const fields = Object.keys(record) as Array<keyof typeof record>;
    await em.execute(
      `insert into calendar_providers (${fields.map((field) => COLUMNS[field]).join(', ')}) values (${fields.map(() => '?').join(', ')})`,
      fields.map((field) => record[field]),
    );
    return (await this.find(em, record.tenantId, record.id))!;
  }

  async find(em: EntityManager, tenantId: string, id: string, options: { forUpdate?: boolean } = {}): Promise<CalendarProviderRecord | null> {
    const [row] = await em.execute<Array<Record<string, unknown>>>(`${SELECT} where tenant_id = ? and id = ?${options.forUpdate ? ' for update' : ''}`, [
      tenantId,
      id,
    ]);
    return row ? toRecord(row) : null;
  }

  async list(em: EntityManager, tenantId: string, ownerUserId?: string): Promise<CalendarProviderRecord[]> {
    const byOwner = ownerUserId === undefined ? '' : ' and owner_user_id = ?';
    const rows = await em.execute<Array<Record<string, unknown>>>(`${SELECT} where tenant_id = ?${byOwner} order by created_at, id`, [
      tenantId,
      ...(ownerUserId === undefined ? [] : [ownerUserId]),
    ]);
    return rows.map(toRecord);
  }

  /**
   * Webhooks arrive without a tenant: the channel/subscription id (random, unguessable) finds the provider, and
   * everything after that is scoped to the provider's tenant.
   */
  async update(em: EntityManager, tenantId: string, id: string, patch: CalendarProviderPatch): Promise<void> {
    const fields = (Object.keys(patch) as Array<keyof CalendarProviderPatch>).filter((field) => patch[field] !== undefined);
    if (fields.length === 0) return;
    await em.execute(
      `update calendar_providers set ${fields.map((field) => `${COLUMNS[field]} = ?`).join(', ')}, updated_at = now() where tenant_id = ? and id = ?`,
      [...fields.map((field) => patch[field]), tenantId, id],
    );
  }

  async delete(em: EntityManager, tenantId: string, id: string): Promise<void> {
    await em.execute('delete from calendar_providers where tenant_id = ? and id = ?', [tenantId, id]);
  }
}
