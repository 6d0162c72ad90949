import { Client } from 'pg';
import type { Edition } from '../config/config';
import type { SecretBox } from '../crypto/secret-box';
import type { Orm } from '../db/orm';
import { isConsumerAvailable } from '../edition/matrix';
import type { Logger } from '../observability/logger';
import type { MicrosoftConsumerResolution } from './consumer-resolution';
import { MICROSOFT_CONFIG_CHANNEL, profileSecretContext } from './profile-secret';

interface BoundProfileRow {
  id: string;
  display_name: string;
  client_id: string;
  tenant_authority: string;
  allowed_directory_ids: string[];
  client_secret: string | null;
  is_archived: boolean;
}

export const BOUND_PROFILE_SQL = `
  select p.id, p.display_name, p.client_id, p.tenant_authority, p.allowed_directory_ids, p.client_secret, p.is_archived
  from microsoft_profile_consumer_bindings b
  join microsoft_profiles p on p.tenant_id = b.tenant_id and p.id = b.profile_id
  where b.tenant_id = ? and b.consumer = ?`;

export interface ResolverOptions {
  orm: Orm;
  secretBox: SecretBox;
  edition: Edition;
  logger: Logger;
  /** Safety net if a notification is ever missed; invalidation is normally immediate. */
  ttlMs?: number;
}

/**
 * `resolveMicrosoftConsumerProfile` with a per-process cache. Every profile/binding write NOTIFYs
 * MICROSOFT_CONFIG_CHANNEL inside its transaction; each process LISTENs and drops the tenant's entries, so a
 * write in one process is seen by all. While the LISTEN connection is down the cache is bypassed entirely.
 */
export class MicrosoftConsumerProfileResolver {
  private readonly cache = new Map<string, Map<string, { at: number; value: MicrosoftConsumerResolution }>>();
  private readonly generations = new Map<string, number>();
  /** Bumped whenever the LISTEN connection drops or (re)starts: notifications may have been missed in between. */
  private epoch = 0;
  private listener: Client | undefined;
  private listening = false;
  private closed = false;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private readonly ttlMs: number;

  constructor(private readonly options: ResolverOptions) {
    this.ttlMs = options.ttlMs ?? 60_000;
  }

  async resolveMicrosoftConsumerProfile(tenantId: string, consumer: string): Promise<MicrosoftConsumerResolution> {
    if (!isConsumerAvailable(this.options.edition, consumer)) return { ok: false, consumer, reason: 'edition_unavailable' };
    const cached = this.listening ? this.cache.get(tenantId)?.get(consumer) : undefined;
    if (cached && Date.now() - cached.at < this.ttlMs) return cached.value;
    const generation = this.generations.get(tenantId) ?? 0;
    const epoch = this.epoch;
    const value = await this.load(tenantId, consumer);
    // Only cache what nothing raced with: a write committed during the read bumps the tenant's generation, a
    // listener drop or restart bumps the epoch (a notification may have been lost).
    if (this.listening && this.epoch === epoch && (this.generations.get(tenantId) ?? 0) === generation) {
      let entries = this.cache.get(tenantId);
      if (!entries) this.cache.set(tenantId, (entries = new Map()));
      entries.set(consumer, { at: Date.now(), value });
    }
    return value;
  }

  invalidate(tenantId: string): void {
    this.generations.set(tenantId, (this.generations.get(tenantId) ?? 0) + 1);
    this.cache.delete(tenantId);
  }

  /** Opens the LISTEN connection; until it is up, every call reads the database. */
  async start(databaseUrl: string): Promise<void> {
    this.closed = false;
    await this.connect(databaseUrl);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    this.listening = false;
    await this.listener?.end().catch(() => undefined);
  }

  private async load(tenantId: string, consumer: string): Promise<MicrosoftConsumerResolution> {
    const [row] = await this.options.orm.em.fork().getConnection().execute<BoundProfileRow[]>(BOUND_PROFILE_SQL, [tenantId, consumer]);
    if (!row) return { ok: false, consumer, reason: 'not_bound' };
    if (row.is_archived) return { ok: false, consumer, reason: 'profile_archived', profileId: row.id };
    const clientSecret = this.decryptSecret(row);
    if (!clientSecret) return { ok: false, consumer, reason: 'missing_credentials', profileId: row.id };
    return {
      ok: true,
      consumer: consumer as Extract<MicrosoftConsumerResolution, { ok: true }>['consumer'],
      profile: {
        id: row.id,
        displayName: row.display_name,
        clientId: row.client_id,
        tenantAuthority: row.tenant_authority,
        allowedDirectoryIds: row.allowed_directory_ids,
        clientSecret,
      },
    };
  }

  private decryptSecret(row: BoundProfileRow): string | undefined {
    if (!row.client_secret) return undefined;
    try {
      return this.options.secretBox.decrypt(row.client_secret, profileSecretContext(row.id));
    } catch (error) {
      this.options.logger.error({ err: error, profileId: row.id }, 'microsoft profile secret cannot be decrypted');
      return undefined;
    }
  }

  private async connect(databaseUrl: string): Promise<void> {
    const client = new Client({ connectionString: databaseUrl });
    const lost = (error?: Error) => {
      if (this.listener !== client) return;
      this.epoch += 1;
      this.listening = false;
      this.cache.clear();
      this.listener = undefined;
      if (!this.closed) {
        this.options.logger.warn({ err: error }, 'microsoft config listener lost; cache bypassed until it reconnects');
        this.reconnectTimer = setTimeout(() => void this.connect(databaseUrl), 1000);
        this.reconnectTimer.unref();
      }
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', (message) => {
      if (message.channel === MICROSOFT_CONFIG_CHANNEL && message.payload) this.invalidate(message.payload);
    });
    this.listener = client;
    try {
      await client.connect();
      await client.query(`listen ${MICROSOFT_CONFIG_CHANNEL}`);
      this.epoch += 1;
      this.cache.clear();
      this.listening = true;
    } catch (error) {
      lost(error as Error);
      await client.end().catch(() => undefined);
    }
  }
}
