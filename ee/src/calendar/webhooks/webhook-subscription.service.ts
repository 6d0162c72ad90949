import { randomBytes } from 'node:crypto';
import type { Orm } from '../../../../src/db/orm';
import type { SecretBox } from '../../../../src/crypto/secret-box';
import type { Logger } from '../../../../src/observability/logger';
import { STABLE_ROUTES } from '../../../../src/http/stable-routes';
import type { CalendarAdapter, WatchHandle, WatchRequest } from '../adapters/calendar-adapter';
import { ProviderNotFoundError } from '../adapters/provider-errors';
import type { CalendarProviderRecord, CalendarProviderRepository } from '../calendar-provider.repository';
import { webhookSecretContext } from '../calendar-tokens-secret';
import { adapterFor, type ProviderAdapterDeps } from '../provider-adapter';
import { overlapChannelSecretContext, WebhookChannelRepository, type OverlapChannel } from './webhook-channel.repository';
import type { WebhookHealthRepository } from './webhook-maintenance.health';

/** Google's ceiling (PROVIDERS.md): a channel lives 7 days at most. */
const GOOGLE_CHANNEL_TTL_SECONDS = 7 * 86_400;
/** Graph's event subscriptions last ~2.9 days at most; the adapter caps the request there. */
const GRAPH_SUBSCRIPTION_TTL_SECONDS = 3 * 86_400;
/** How long a rolled-over Google channel is still accepted (and left running) before it is stopped. */
export const CHANNEL_OVERLAP_MS = 10 * 60_000;

export interface WebhookSubscriptionDeps extends ProviderAdapterDeps {
  config: ProviderAdapterDeps['config'] & { publicUrl: string };
  orm: Orm;
  secretBox: SecretBox;
  logger: Logger;
  providers: CalendarProviderRepository;
  health: WebhookHealthRepository;
  /** Adapter factory; tests keep the default (real clients against the simulators). */
  adapter?: (provider: CalendarProviderRecord) => CalendarAdapter;
}

/**
 * Creates, renews, replaces and stops one provider's Google channel / Graph subscription, and records the
 * current one on the provider row (id, resource id, the expiry the provider granted, the encrypted secret).
 * Callers serialize calls per provider (WebhookMaintenanceService's lock).
 */
export class WebhookSubscriptionService {
  private readonly channels = new WebhookChannelRepository();

  constructor(private readonly deps: WebhookSubscriptionDeps) {}

  async create(provider: CalendarProviderRecord, now: Date): Promise<CalendarProviderRecord> {
    const request = this.request(provider, now);
    const handle = await this.adapter(provider).watch(provider.calendarId!, request);
    return this.persistCurrent(provider, handle, request.secret, now);
  }

  /** Graph: PATCH the expiry (a vanished subscription is created again). Google: roll to a new channel. */
  async renew(provider: CalendarProviderRecord, now: Date): Promise<CalendarProviderRecord> {
    if (provider.providerType === 'google') return this.roll(provider, now);
    const current = this.currentHandle(provider)!;
    try {
      const renewed = await this.adapter(provider).renew(provider.calendarId!, current, this.request(provider, now));
      return this.persistCurrent(provider, renewed, null, now);
    } catch (error) {
      if (!(error instanceof ProviderNotFoundError)) throw error;
      this.deps.logger.info({ providerId: provider.id }, 'graph subscription gone at renewal: creating a new one');
      return this.create(await this.forget(provider), now);
    }
  }

  /**
   * The new channel first, then the old one joins the overlap table (still accepted) and is stopped by a later
   * maintenance run: a change made during the switch reaches us on one channel or the other.
   */
  private async roll(provider: CalendarProviderRecord, now: Date): Promise<CalendarProviderRecord> {
    const previous = this.currentHandle(provider);
    // Into the overlap table before the row points elsewhere, so no notification on it is refused in between.
    const overlapping = previous && provider.webhookClientState && previous.expiresAt > now ? previous : null;
    if (overlapping) await this.keepForOverlap(provider, overlapping, provider.webhookClientState!, now);
    try {
      return await this.create(provider, now);
    } catch (error) {
      // Still the current channel: it must not be stopped when the overlap ends.
      if (overlapping) await this.channels.delete(this.deps.orm.em.fork(), provider.providerType, overlapping.id);
      throw error;
    }
  }

  private async keepForOverlap(provider: CalendarProviderRecord, handle: WatchHandle, encryptedSecret: string, now: Date): Promise<void> {
    const { secretBox } = this.deps;
    const secret = secretBox.decrypt(encryptedSecret, webhookSecretContext(provider.id));
    await this.channels.insert(this.deps.orm.em.fork(), {
      providerType: provider.providerType,
      channelId: handle.id,
      tenantId: provider.tenantId,
      providerId: provider.id,
      resourceId: handle.resourceId,
      expiresAt: handle.expiresAt,
      encryptedSecret: secretBox.encrypt(secret, overlapChannelSecretContext(handle.id)),
      stopAfter: new Date(now.getTime() + CHANNEL_OVERLAP_MS),
    });
  }

  /** Stops the current watch and every overlapping one, then forgets them. Already gone counts as stopped. */
  async stop(provider: CalendarProviderRecord): Promise<void> {
    const current = this.currentHandle(provider);
    if (current) await this.adapter(provider).unwatch(current);
    await this.forget(provider);
    for (const channel of await this.channels.listForProvider(this.deps.orm.em.fork(), provider.tenantId, provider.id)) await this.stopOverlap(provider, channel);
  }

  /** Drops a registration that is dead at the provider (lapsed, removed), so a failed re-creation shows no watch. */
  async forget(provider: CalendarProviderRecord): Promise<CalendarProviderRecord> {
    const cleared = { webhookSubscriptionId: null, webhookResourceId: null, webhookExpiresAt: null, webhookClientState: null };
    await this.deps.providers.update(this.deps.orm.em.fork(), provider.tenantId, provider.id, cleared);
    return { ...provider, ...cleared };
  }

  /** Ends overlaps that have run their course. A stop that fails leaves the row for the next run. */
  async stopDueOverlaps(now: Date): Promise<void> {
    for (const channel of await this.channels.listDue(this.deps.orm.em.fork(), now)) {
      const provider = await this.deps.providers.find(this.deps.orm.em.fork(), channel.tenantId, channel.providerId);
      try {
        if (provider) await this.stopOverlap(provider, channel);
      } catch (error) {
        this.deps.logger.warn({ err: error, providerId: channel.providerId, channelId: channel.channelId }, 'stopping a rolled-over channel failed; retrying next run');
      }
    }
  }

  private async stopOverlap(provider: CalendarProviderRecord, channel: OverlapChannel): Promise<void> {
    await this.adapter(provider).unwatch({ id: channel.channelId, resourceId: channel.resourceId, expiresAt: channel.expiresAt });
    await this.channels.delete(this.deps.orm.em.fork(), channel.providerType, channel.channelId);
  }

  private currentHandle(provider: CalendarProviderRecord): WatchHandle | null {
    if (!provider.webhookSubscriptionId || !provider.webhookExpiresAt) return null;
    return { id: provider.webhookSubscriptionId, resourceId: provider.webhookResourceId, expiresAt: provider.webhookExpiresAt };
  }

  /** A new secret per channel/subscription; a renewal (PATCH) keeps the subscription's, so its value is unused there. */
  private request(provider: CalendarProviderRecord, now: Date): WatchRequest {
    const google = provider.providerType === 'google';
    const address = `${this.deps.config.publicUrl}${STABLE_ROUTES[google ? 'calendar.google.webhook' : 'calendar.microsoft.webhook']}`;
    return {
      address,
      lifecycleAddress: google ? undefined : address,
      secret: randomBytes(32).toString('base64url'),
      ttlSeconds: google ? GOOGLE_CHANNEL_TTL_SECONDS : GRAPH_SUBSCRIPTION_TTL_SECONDS,
      now,
    };
  }

  /** `secret` null: the registration kept its secret (a Graph PATCH). */
  private async persistCurrent(provider: CalendarProviderRecord, handle: WatchHandle, secret: string | null, now: Date): Promise<CalendarProviderRecord> {
    const em = this.deps.orm.em.fork();
    await this.deps.providers.update(em, provider.tenantId, provider.id, {
      webhookSubscriptionId: handle.id,
      webhookResourceId: handle.resourceId,
      webhookExpiresAt: handle.expiresAt,
      ...(secret === null ? {} : { webhookClientState: this.deps.secretBox.encrypt(secret, webhookSecretContext(provider.id)) }),
    });
    await this.deps.health.recordSuccess(em, provider.tenantId, provider.id, provider.calendarId!, now);
    return (await this.deps.providers.find(em, provider.tenantId, provider.id))!;
  }

  private adapter(provider: CalendarProviderRecord): CalendarAdapter {
    return this.deps.adapter ? this.deps.adapter(provider) : adapterFor(this.deps, provider);
  }
}
