import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../auth/request-context';
import type { Edition } from '../config/config';
import type { Orm } from '../db/orm';
import type { HookRegistry } from '../edition/extension-registry';
import { consumersFor, isConsumerAvailable, type MicrosoftConsumer } from '../edition/matrix';
import { DomainError, notFound } from '../errors/domain-errors';
import { lockTenantMicrosoftConfig } from './config-change-notifier';
import { MicrosoftConsumerBindingSchema, type MicrosoftConsumerBindingRow } from './microsoft-binding.entity';
import { MicrosoftProfileSchema } from './microsoft-profile.entity';
import { validProfileId } from './profile-validation';
import { rebindWarnings, type BindingWarning } from './rebind-warnings';

/** One row per consumer visible in the edition; `binding` null when unbound. */
export interface ConsumerBindingView {
  consumer: MicrosoftConsumer;
  binding: MicrosoftConsumerBindingRow | null;
}

export interface BindingServiceDeps {
  orm: Orm;
  edition: Edition;
  hooks: HookRegistry;
  onConfigChanged: (tenantId: string) => void;
}

/** Explicit consumer → profile bindings (DESIGN.md §4). Knows nothing of Teams: EE reacts via the rebound hook. */
export class MicrosoftBindingService {
  constructor(private readonly deps: BindingServiceDeps) {}

  async list(tenantId: string): Promise<ConsumerBindingView[]> {
    const consumers = consumersFor(this.deps.edition);
    // Rows an enterprise past left behind are filtered by the matrix, not shown in CE.
    const rows = await this.deps.orm.em.fork().find(MicrosoftConsumerBindingSchema, { tenantId, consumer: { $in: consumers } });
    return consumers.map((consumer) => ({ consumer, binding: rows.find((row) => row.consumer === consumer) ?? null }));
  }

  async listForProfile(tenantId: string, profileId: string): Promise<MicrosoftConsumer[]> {
    const consumers = consumersFor(this.deps.edition);
    const rows = await this.deps.orm.em.fork().find(MicrosoftConsumerBindingSchema, { tenantId, profileId, consumer: { $in: consumers } });
    return consumers.filter((consumer) => rows.some((row) => row.consumer === consumer));
  }

  async set(
    ctx: RequestContext,
    consumer: string,
    rawProfileId: string,
  ): Promise<{ binding: MicrosoftConsumerBindingRow; warnings: BindingWarning[] }> {
    const visible = this.requireVisible(consumer);
    const profileId = validProfileId(rawProfileId);
    const { binding, previousProfileId } = await this.write(ctx.tenantId, async (em) => {
      const profile = await em.findOne(MicrosoftProfileSchema, { id: profileId, tenantId: ctx.tenantId });
      if (!profile) throw notFound('Microsoft profile');
      if (profile.isArchived) throw new DomainError('PROFILE_ARCHIVED', 'Archived profiles cannot be bound. Choose an active profile.');
      const existing = await em.findOne(MicrosoftConsumerBindingSchema, { tenantId: ctx.tenantId, consumer: visible });
      const previous = existing?.profileId ?? null;
      const now = new Date();
      const row =
        existing ??
        em.create(MicrosoftConsumerBindingSchema, {
          tenantId: ctx.tenantId,
          consumer: visible,
          profileId,
          createdBy: ctx.userId,
          updatedBy: ctx.userId,
          createdAt: now,
          updatedAt: now,
        });
      Object.assign(row, { profileId, updatedBy: ctx.userId, updatedAt: now });
      await em.flush();
      if (previous !== profileId) {
        await this.deps.hooks.run('microsoft.consumerRebound', {
          em,
          tenantId: ctx.tenantId,
          consumer: visible,
          previousProfileId: previous,
          profileId,
          actorId: ctx.userId,
        });
      }
      return { binding: row, previousProfileId: previous };
    });
    return { binding, warnings: rebindWarnings(visible, previousProfileId, profileId) };
  }

  async clear(ctx: RequestContext, consumer: string): Promise<ConsumerBindingView> {
    const visible = this.requireVisible(consumer);
    await this.write(ctx.tenantId, async (em) => {
      const existing = await em.findOne(MicrosoftConsumerBindingSchema, { tenantId: ctx.tenantId, consumer: visible });
      if (!existing) return;
      await em.nativeDelete(MicrosoftConsumerBindingSchema, { tenantId: ctx.tenantId, consumer: visible });
      await this.deps.hooks.run('microsoft.consumerCleared', {
        em,
        tenantId: ctx.tenantId,
        consumer: visible,
        previousProfileId: existing.profileId,
        actorId: ctx.userId,
      });
    });
    return { consumer: visible, binding: null };
  }

  /** Checked here too, not only by the schema: service callers below GraphQL get the same rule. */
  private requireVisible(consumer: string): MicrosoftConsumer {
    if (!isConsumerAvailable(this.deps.edition, consumer)) {
      throw new DomainError('EDITION_UNAVAILABLE', `The ${consumer} consumer is not available in the ${this.deps.edition} edition.`);
    }
    return consumer;
  }

  private async write<T>(tenantId: string, work: (em: EntityManager) => Promise<T>): Promise<T> {
    const result = await this.deps.orm.em.fork().transactional(async (em) => {
      await lockTenantMicrosoftConfig(em, tenantId);
      return work(em);
    });
    this.deps.onConfigChanged(tenantId);
    return result;
  }
}
