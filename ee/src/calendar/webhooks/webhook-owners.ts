import { createHash, timingSafeEqual } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { TaggedLru } from '../../../../src/auth/tagged-lru';
import type { SecretBox } from '../../../../src/crypto/secret-box';
import { queryBound } from '../../../../src/db/bound-query';
import { ConfirmedListener, type ConfirmedListenerOptions } from '../../../../src/db/confirmed-listener';
import type { CalendarProviderType } from '../adapters/calendar-adapter';
import { webhookSecretContext } from '../calendar-tokens-secret';
import { overlapChannelSecretContext } from './webhook-channel.repository';

/** NOTIFY channel of migration WebhookOwnerNotifications; payload `<provider_type>:<channel id>`. */
export const WEBHOOK_OWNERS_CHANNEL = 'switchboard_webhook_owners';

/** What a notification needs of the provider that owns its channel: no tokens, no sync state. */
export interface WebhookOwner {
  id: string;
  tenantId: string;
  providerType: CalendarProviderType;
  /** Google: the resource id of the channel the notification came on (the current one or one still in its overlap). */
  resourceId: string | null;
}

/** `mismatchOf`: the provider whose channel was presented with a wrong secret (worth a warning). */
export type Verdict = { owner: WebhookOwner } | { owner: null; mismatchOf?: string };

interface Claim {
  owner: WebhookOwner;
  active: boolean;
  /** SHA-256 of the channel's secret: compared in constant time, and the plaintext is not kept in memory. */
  secretDigest: Buffer;
  /** A replaced Google channel is accepted until it expires, cached or not. */
  expiresAt: number | null;
}

export interface WebhookOwnersOptions {
  em: () => EntityManager;
  secretBox: SecretBox;
  ttlMs: number;
  maxEntries?: number;
}

/**
 * The current channel/subscription of a provider, or a Google channel replaced by a roll that is still in its
 * overlap (then the resource id is that channel's). Current first. One statement, on indexes, either way.
 */
const OWNER_SQL = `
  select p.id, p.tenant_id as "tenantId", p.provider_type as "providerType", p.active, p.webhook_resource_id as "resourceId",
         p.webhook_client_state as "encryptedSecret", null as "overlapChannelId", null::timestamptz as "expiresAt"
    from calendar_providers p
   where p.provider_type = ? and p.webhook_subscription_id = ? and p.webhook_client_state is not null
  union all
  select p.id, p.tenant_id, p.provider_type, p.active, c.resource_id, c.encrypted_secret, c.channel_id, c.expires_at
    from calendar_webhook_channels c join calendar_providers p on p.tenant_id = c.tenant_id and p.id = c.provider_id
   where c.provider_type = ? and c.channel_id = ? and c.expires_at > now()
  order by "overlapChannelId" nulls first
  limit 1`;

interface OwnerRow extends WebhookOwner {
  active: boolean;
  encryptedSecret: string;
  overlapChannelId: string | null;
  expiresAt: string | Date | null;
}

const digest = (secret: string) => createHash('sha256').update(secret, 'utf8').digest();
const channelKey = (type: CalendarProviderType, channelId: string) => `${type}:${channelId}`;

/**
 * Who owns a channel, verified against the secret a notification presents. Google and Graph send bursts on one
 * channel; reading the owner per request would cost every ack a round trip. So a claim read from the database is
 * shared by the requests that ask while it is in flight and, while invalidation is confirmed up, kept for `ttlMs`.
 * The secret is still compared on every request; unknown channels and wrong secrets are never kept, so a forged
 * notification can neither warm nor poison the cache.
 *
 * Correctness rests on invalidation, as for credentials (src/auth/auth-cache.ts): database triggers NOTIFY every
 * change of a channel's owner, secret or active flag, and a deletion; the listener drops that channel's claim. While
 * the listener is not confirmed up (embedded PGlite, a lost connection) nothing is kept. A read that overlapped an
 * invalidation is returned but not kept: it may predate the change. The TTL is a backstop.
 */
export class WebhookOwners {
  private readonly kept: TaggedLru<Claim>;
  private readonly inFlight = new Map<string, Promise<Claim | null>>();
  private generation = 0;
  private listening = false;

  constructor(
    private readonly options: WebhookOwnersOptions,
    private readonly now: () => number = Date.now,
  ) {
    this.kept = new TaggedLru(options.maxEntries ?? 10_000, options.ttlMs, now);
  }

  /** The owner when the channel is known, its provider active and `presented` its secret. */
  async verify(type: CalendarProviderType, channelId: string, presented: string | undefined): Promise<Verdict> {
    if (presented === undefined) return { owner: null };
    const claim = await this.claim(channelKey(type, channelId), () => this.load(type, channelId));
    if (!claim || !claim.active) return { owner: null };
    if (!timingSafeEqual(digest(presented), claim.secretDigest)) return { owner: null, mismatchOf: claim.owner.id };
    return { owner: claim.owner };
  }

  /** A NOTIFY payload (`<provider_type>:<channel id>`): that channel's claim goes; anything else drops them all. */
  invalidate(payload: string): void {
    this.generation++;
    if (/^(google|microsoft):./.test(payload)) {
      this.kept.delete(payload);
      this.inFlight.delete(payload);
    } else {
      this.kept.clear();
      this.inFlight.clear();
    }
  }

  /** Called by the listener: keeping claims starts only once a notification made the round trip; stops on any loss. */
  setListening(listening: boolean): void {
    this.listening = listening;
    this.invalidate('');
  }

  private claim(key: string, load: () => Promise<Claim | null>): Promise<Claim | null> {
    const kept = this.listening ? this.kept.get(key) : undefined;
    if (kept && (kept.expiresAt === null || kept.expiresAt > this.now())) return Promise.resolve(kept);
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const generation = this.generation;
    // Shared until it settles, or until an invalidation of its channel: who asks after that reads afresh.
    const read: Promise<Claim | null> = load().finally(() => {
      if (this.inFlight.get(key) === read) this.inFlight.delete(key);
    });
    this.inFlight.set(key, read);
    return read.then((claim) => {
      if (claim && this.listening && this.generation === generation && this.options.ttlMs > 0) this.kept.set(key, claim, []);
      return claim;
    });
  }

  private async load(type: CalendarProviderType, channelId: string): Promise<Claim | null> {
    const [row] = await queryBound<OwnerRow>(this.options.em(), OWNER_SQL, [type, channelId, type, channelId]);
    if (!row) return null;
    const context = row.overlapChannelId ? overlapChannelSecretContext(row.overlapChannelId) : webhookSecretContext(row.id);
    return {
      owner: { id: row.id, tenantId: row.tenantId, providerType: row.providerType, resourceId: row.resourceId },
      active: row.active,
      secretDigest: digest(this.options.secretBox.decrypt(row.encryptedSecret, context)),
      expiresAt: row.expiresAt === null ? null : new Date(row.expiresAt).getTime(),
    };
  }
}

/** Keeps `owners` told of changes: NOTIFY from the database, confirmed by a probe (src/db/confirmed-listener.ts). */
export function listenForOwnerChanges(owners: WebhookOwners, options: Omit<ConfirmedListenerOptions, 'channel' | 'lostMessage' | 'onNotification' | 'onConfirmed'>): ConfirmedListener {
  return new ConfirmedListener({
    ...options,
    channel: WEBHOOK_OWNERS_CHANNEL,
    lostMessage: 'webhook owner listener lost; every webhook reads its channel owner until it reconnects',
    onNotification: (payload) => owners.invalidate(payload),
    onConfirmed: (confirmed) => owners.setListening(confirmed),
  });
}
