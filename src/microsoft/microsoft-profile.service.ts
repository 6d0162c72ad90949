import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException, ForeignKeyConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../auth/request-context';
import type { SecretBox } from '../crypto/secret-box';
import type { Edition } from '../config/config';
import type { Orm } from '../db/orm';
import { isConsumerAvailable } from '../edition/matrix';
import { isUuid } from '../db/uuid';
import { DomainError, conflict, notFound } from '../errors/domain-errors';
import { MicrosoftConsumerBindingSchema } from './microsoft-binding.entity';
import { MicrosoftProfileSchema, type MicrosoftProfile } from './microsoft-profile.entity';
import { lockTenantMicrosoftConfig } from './config-change-notifier';
import { profileSecretContext } from './profile-secret';
import {
  defaultDirectoryIds, validClientId, validClientSecret, validDirectoryIds, validDisplayName, validTenantAuthority,
} from './profile-validation';

export interface CreateProfileInput {
  displayName: string;
  clientId: string;
  tenantAuthority: string;
  clientSecret: string;
  /** Omitted = the authority's own directory when it is a GUID, else none. */
  allowedDirectoryIds?: string[] | null;
}

/** null or omitted = unchanged (GraphQL optional fields arrive as null). */
export type UpdateProfileInput = { [K in keyof CreateProfileInput]?: CreateProfileInput[K] | null };

export interface ProfileServiceDeps {
  orm: Orm;
  edition: Edition;
  secretBox: SecretBox;
  /** Drops this process's cached resolutions at once (other processes hear the NOTIFY). */
  onConfigChanged: (tenantId: string) => void;
}

/** Profiles are the Azure app registrations of a tenant. Every write is tenant-scoped and admin-only (resolvers). */
export class MicrosoftProfileService {
  constructor(private readonly deps: ProfileServiceDeps) {}

  async list(tenantId: string, includeArchived = false): Promise<MicrosoftProfile[]> {
    const where = includeArchived ? { tenantId } : { tenantId, isArchived: false };
    return this.deps.orm.em.fork().find(MicrosoftProfileSchema, where, { orderBy: { createdAt: 'asc', id: 'asc' } });
  }

  async get(tenantId: string, id: string): Promise<MicrosoftProfile> {
    if (!isUuid(id)) throw notFound('Microsoft profile');
    const profile = await this.deps.orm.em.fork().findOne(MicrosoftProfileSchema, { id, tenantId });
    if (!profile) throw notFound('Microsoft profile');
    return profile;
  }

  async create(ctx: RequestContext, input: CreateProfileInput): Promise<MicrosoftProfile> {
    const id = randomUUID();
    const tenantAuthority = validTenantAuthority(input.tenantAuthority);
    const values = {
      displayName: validDisplayName(input.displayName),
      clientId: validClientId(input.clientId),
      tenantAuthority,
      allowedDirectoryIds: input.allowedDirectoryIds != null ? validDirectoryIds(input.allowedDirectoryIds) : defaultDirectoryIds(tenantAuthority),
      clientSecret: this.seal(id, validClientSecret(input.clientSecret)),
    };
    return this.write(ctx.tenantId, async (em) => {
      const hasDefault = (await em.count(MicrosoftProfileSchema, { tenantId: ctx.tenantId, isDefault: true })) > 0;
      const now = new Date();
      const profile = em.create(MicrosoftProfileSchema, {
        id,
        tenantId: ctx.tenantId,
        ...values,
        isDefault: !hasDefault,
        isArchived: false,
        archivedAt: null,
        createdAt: now,
        updatedAt: now,
      });
      await em.flush();
      return profile;
    });
  }

  async update(ctx: RequestContext, id: string, input: UpdateProfileInput): Promise<MicrosoftProfile> {
    return this.write(ctx.tenantId, async (em) => {
      const profile = await this.findForWrite(em, ctx.tenantId, id);
      if (profile.isArchived) throw new DomainError('PROFILE_ARCHIVED', 'Archived profiles cannot be changed.');
      if (input.displayName != null) profile.displayName = validDisplayName(input.displayName);
      if (input.clientId != null) profile.clientId = validClientId(input.clientId);
      if (input.tenantAuthority != null) profile.tenantAuthority = validTenantAuthority(input.tenantAuthority);
      if (input.allowedDirectoryIds != null) profile.allowedDirectoryIds = validDirectoryIds(input.allowedDirectoryIds);
      // Omitted secret = unchanged; a given one rotates it.
      if (input.clientSecret != null) profile.clientSecret = this.seal(id, validClientSecret(input.clientSecret));
      profile.updatedAt = new Date();
      await em.flush();
      return profile;
    });
  }

  async setDefault(ctx: RequestContext, id: string): Promise<MicrosoftProfile> {
    return this.write(ctx.tenantId, async (em) => {
      const profile = await this.findForWrite(em, ctx.tenantId, id);
      if (profile.isArchived) throw new DomainError('PROFILE_ARCHIVED', 'An archived profile cannot be the default.');
      await em.nativeUpdate(MicrosoftProfileSchema, { tenantId: ctx.tenantId, isDefault: true }, { isDefault: false });
      await em.nativeUpdate(MicrosoftProfileSchema, { tenantId: ctx.tenantId, id }, { isDefault: true, updatedAt: new Date() });
      await em.refresh(profile);
      return profile;
    });
  }

  async archive(ctx: RequestContext, id: string): Promise<MicrosoftProfile> {
    return this.write(ctx.tenantId, async (em) => {
      const profile = await this.findForWrite(em, ctx.tenantId, id);
      await this.refuseIfBound(em, ctx.tenantId, id, 'archived');
      if (profile.isArchived) return profile;
      Object.assign(profile, { isArchived: true, archivedAt: new Date(), updatedAt: new Date() });
      await this.handOverDefault(em, profile);
      await em.flush();
      return profile;
    });
  }

  async delete(ctx: RequestContext, id: string): Promise<void> {
    await this.write(ctx.tenantId, async (em) => {
      const profile = await this.findForWrite(em, ctx.tenantId, id);
      await this.refuseIfBound(em, ctx.tenantId, id, 'deleted');
      await this.handOverDefault(em, profile);
      em.remove(profile);
      await em.flush();
    });
  }

  private seal(profileId: string, secret: string): string {
    return this.deps.secretBox.encrypt(secret, profileSecretContext(profileId));
  }

  private async findForWrite(em: EntityManager, tenantId: string, id: string): Promise<MicrosoftProfile> {
    if (!isUuid(id)) throw notFound('Microsoft profile');
    const profile = await em.findOne(MicrosoftProfileSchema, { id, tenantId });
    if (!profile) throw notFound('Microsoft profile');
    return profile;
  }

  private async refuseIfBound(em: EntityManager, tenantId: string, profileId: string, verb: string): Promise<void> {
    const bindings = await em.find(MicrosoftConsumerBindingSchema, { tenantId, profileId }, { orderBy: { consumer: 'asc' } });
    if (bindings.length === 0) return;
    // Only consumers this edition shows are named; rows an enterprise past left behind are counted, not listed.
    const consumers = bindings.map((binding) => binding.consumer).filter((consumer) => isConsumerAvailable(this.deps.edition, consumer));
    const hidden = bindings.length - consumers.length;
    const names = [...consumers, ...(hidden > 0 ? [`${hidden} binding(s) of features not available in this edition`] : [])];
    throw new DomainError('PROFILE_IN_USE', `The profile is bound to ${names.join(', ')} and cannot be ${verb}. Rebind or clear those first.`, {
      consumers,
      ...(hidden > 0 ? { otherEditionBindings: hidden } : {}),
    });
  }

  /** Keeps "exactly one default among active profiles": the oldest remaining active profile takes over. */
  private async handOverDefault(em: EntityManager, leaving: MicrosoftProfile): Promise<void> {
    if (!leaving.isDefault) return;
    leaving.isDefault = false;
    await em.flush();
    const successor = await em.findOne(
      MicrosoftProfileSchema,
      { tenantId: leaving.tenantId, isArchived: false, id: { $ne: leaving.id } },
      { orderBy: { createdAt: 'asc', id: 'asc' } },
    );
    if (successor) successor.isDefault = true;
  }

  private async write<T>(tenantId: string, work: (em: EntityManager) => Promise<T>): Promise<T> {
    try {
      const result = await this.deps.orm.em.fork().transactional(async (em) => {
        await lockTenantMicrosoftConfig(em, tenantId);
        return work(em);
      });
      this.deps.onConfigChanged(tenantId);
      return result;
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw conflict('An active profile with this display name already exists.');
      if (error instanceof ForeignKeyConstraintViolationException) {
        throw new DomainError('PROFILE_IN_USE', 'The profile is still referenced by an integration and cannot be deleted.');
      }
      throw error;
    }
  }
}
