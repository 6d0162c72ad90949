import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../../src/auth/request-context';
import type { Orm } from '../../../src/db/orm';
import { isUuid } from '../../../src/db/uuid';
import { badUserInput, forbidden, notFound } from '../../../src/errors/domain-errors';
import type { MicrosoftConsumerProfileResolver } from '../../../src/microsoft/consumer-profile-resolver';
import { RESOLUTION_FAILURE_MESSAGES } from '../../../src/microsoft/consumer-resolution';
import type { CalendarProviderType } from './adapters/calendar-adapter';
import {
  CalendarProviderRepository,
  type CalendarProviderPatch,
  type CalendarProviderRecord,
  type CalendarSyncDirection,
} from './calendar-provider.repository';
import type { ConflictPolicy, ImportPolicy } from './sync/sync-decision';
import type { JobQueue } from '../../../src/queue/job-queue';
import { CALENDAR_SYNC_QUEUE, CALENDAR_WEBHOOK_MAINTENANCE_QUEUE, providerSyncJob, webhookEnsureJob } from './calendar-jobs';

export interface CreateCalendarProviderInput {
  name: string;
  providerType: CalendarProviderType;
  syncDirection: CalendarSyncDirection;
  ownerId?: string | null;
}

export interface UpdateCalendarProviderInput {
  name?: string | null;
  syncDirection?: CalendarSyncDirection | null;
  calendarId?: string | null;
  calendarName?: string | null;
  active?: boolean | null;
  importPolicy?: ImportPolicy | null;
  /** An empty string clears it. */
  importTag?: string | null;
  conflictPolicy?: ConflictPolicy | null;
  pushPrivateDetails?: boolean | null;
}

/** Calendar providers of a tenant. Users manage their own; admins manage every provider of the tenant. */
export class CalendarProviderService {
  readonly repository = new CalendarProviderRepository();

  constructor(private readonly deps: { orm: Orm; microsoftCredentials: MicrosoftConsumerProfileResolver; queue: JobQueue }) {}

  async list(ctx: RequestContext, ownerId?: string | null): Promise<CalendarProviderRecord[]> {
    if (ctx.role !== 'admin' && ownerId && ownerId !== ctx.userId) throw forbidden("Only admins can list other users' calendar providers.");
    const owner = ctx.role === 'admin' ? (ownerId ?? undefined) : ctx.userId;
    return this.repository.list(this.deps.orm.em.fork(), ctx.tenantId, owner);
  }

  /** The provider if the caller may manage it; NOT_FOUND otherwise (no hint that it exists). */
  async getAccessible(ctx: RequestContext, id: string): Promise<CalendarProviderRecord> {
    if (!isUuid(id)) throw notFound('Calendar provider');
    const provider = await this.repository.find(this.deps.orm.em.fork(), ctx.tenantId, id);
    if (!provider || (ctx.role !== 'admin' && provider.ownerUserId !== ctx.userId)) throw notFound('Calendar provider');
    return provider;
  }

  async create(ctx: RequestContext, input: CreateCalendarProviderInput): Promise<CalendarProviderRecord> {
    const owner = input.ownerId ?? ctx.userId;
    if (owner !== ctx.userId && ctx.role !== 'admin') throw forbidden('Only admins can create calendar providers for other users.');
    // Another owner must be a user of this tenant: an id from elsewhere would hang this tenant's calendar on a stranger.
    if (owner !== ctx.userId && !(await this.isTenantUser(ctx.tenantId, owner))) throw notFound('User');
    if (input.providerType === 'microsoft') await this.requireCalendarBinding(ctx.tenantId);
    return this.repository.insert(this.deps.orm.em.fork(), {
      id: randomUUID(),
      tenantId: ctx.tenantId,
      ownerUserId: owner,
      name: validName(input.name),
      providerType: input.providerType,
      calendarId: null,
      calendarName: null,
      syncDirection: input.syncDirection,
      importPolicy: 'all',
      importTag: null,
      conflictPolicy: 'manual',
      pushPrivateDetails: false,
      status: 'configuring',
      active: true,
      encryptedTokens: null,
      accountId: null,
      accountEmail: null,
      syncCursor: null,
      webhookSubscriptionId: null,
      webhookResourceId: null,
      webhookExpiresAt: null,
      webhookClientState: null,
      lastSyncAt: null,
      lastError: null,
    });
  }

  async update(ctx: RequestContext, id: string, input: UpdateCalendarProviderInput): Promise<CalendarProviderRecord> {
    const provider = await this.getAccessible(ctx, id);
    const patch: CalendarProviderPatch = {
      name: input.name == null ? undefined : validName(input.name),
      syncDirection: input.syncDirection ?? undefined,
      active: input.active ?? undefined,
      importPolicy: input.importPolicy ?? undefined,
      importTag: input.importTag == null ? undefined : validImportTag(input.importTag),
      conflictPolicy: input.conflictPolicy ?? undefined,
      pushPrivateDetails: input.pushPrivateDetails ?? undefined,
    };
    const importTag = patch.importTag !== undefined ? patch.importTag : provider.importTag;
    if ((patch.importPolicy ?? provider.importPolicy) === 'tagged' && !importTag) {
      throw badUserInput('importPolicy TAGGED needs an importTag.', { field: 'importTag' });
    }
    if (input.calendarId != null) {
      if (input.calendarId.trim() === '') throw badUserInput('calendarId must not be empty.', { field: 'calendarId' });
      // A different calendar invalidates the sync cursor: the next sync starts from a full listing.
      if (input.calendarId !== provider.calendarId) Object.assign(patch, { calendarId: input.calendarId, calendarName: input.calendarName ?? null, syncCursor: null });
    }
    const em = this.deps.orm.em.fork();
    await this.repository.update(em, ctx.tenantId, id, patch);
    const updated = (await this.repository.find(em, ctx.tenantId, id))!;
    // A newly chosen calendar starts syncing at once: a full listing, then the owner's entries are pushed.
    if (patch.calendarId && updated.status === 'connected') await this.deps.queue.add(CALENDAR_SYNC_QUEUE, ...providerSyncJob(updated.tenantId, updated.id));
    // Provider I/O stays out of the request: the job creates, replaces or stops the watch to match the row.
    if (changesWatch(provider, updated)) await this.deps.queue.add(CALENDAR_WEBHOOK_MAINTENANCE_QUEUE, ...webhookEnsureJob(updated.tenantId, updated.id));
    return updated;
  }

  private async isTenantUser(tenantId: string, userId: string): Promise<boolean> {
    if (!isUuid(userId)) return false;
    const rows = await this.deps.orm.em.fork().getConnection().execute('select 1 from users where tenant_id = ? and id = ?', [tenantId, userId]);
    return rows.length > 0;
  }

  /** Microsoft calendars only ever use the profile bound to `calendar`: unbound fails closed, naming the fix. */
  async requireCalendarBinding(tenantId: string) {
    const resolution = await this.deps.microsoftCredentials.resolveMicrosoftConsumerProfile(tenantId, 'calendar');
    if (!resolution.ok) {
      throw badUserInput(
        `Microsoft calendar sync needs the CALENDAR consumer bound to a Microsoft profile: ${RESOLUTION_FAILURE_MESSAGES[resolution.reason]}`,
        { reason: resolution.reason },
      );
    }
    return resolution.profile;
  }
}

/** Whether the Google channel / Graph subscription must follow: another calendar, (de)activation, push-only or not. */
function changesWatch(before: CalendarProviderRecord, after: CalendarProviderRecord): boolean {
  const pulls = (provider: CalendarProviderRecord) => provider.syncDirection !== 'to_external';
  return before.calendarId !== after.calendarId || before.active !== after.active || pulls(before) !== pulls(after);
}

function validImportTag(value: string): string | null {
  const tag = value.trim();
  if (tag.length > 100) throw badUserInput('importTag must be at most 100 characters.', { field: 'importTag' });
  return tag || null;
}

function validName(value: string): string {
  const name = value.trim();
  if (name.length < 1 || name.length > 100) throw badUserInput('name must be 1-100 characters.', { field: 'name' });
  return name;
}
