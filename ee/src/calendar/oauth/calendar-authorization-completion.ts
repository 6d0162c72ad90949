import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../../../src/auth/request-context';
import { DomainError, notFound } from '../../../../src/errors/domain-errors';
import type { ServiceDeps } from '../../../../src/runtime/service-deps';
import { accountChangedWarning, ACCOUNT_BOUND_COLUMNS_CLEARED, clearAccountBoundSyncState, isAccountChange } from '../calendar-account-change';
import { CALENDAR_SYNC_QUEUE, CALENDAR_WEBHOOK_MAINTENANCE_QUEUE, providerSyncJob, webhookEnsureJob } from '../calendar-jobs';
import type { CalendarProviderRecord } from '../calendar-provider.repository';
import type { CalendarProviderService } from '../calendar-provider.service';
import type { CalendarTokenManager } from '../calendar-token-manager';
import type { CalendarProviderView, CalendarWarning } from '../calendar-warnings';
import { stopProviderWebhook } from '../calendar-webhook-stop';
import { openPendingTokens } from '../stored-tokens';
import { type GrantOwner, type PendingGrant, PendingGrantRepository } from './pending-grant.repository';
import { stillBoundProfile } from './still-bound-profile';

export interface CompletionDeps extends Pick<ServiceDeps, 'orm' | 'secretBox' | 'config' | 'logger' | 'queue' | 'microsoftCredentials'> {
  providers: CalendarProviderService;
  tokens: CalendarTokenManager;
}

/** One answer for unknown, expired, used, another user's and another tenant's tickets: none of them says more. */
const ticketNotFound = () => notFound('Calendar authorization');

/**
 * OAuth connect, second half: the user who started the authorization turns the callback's ticket into a
 * connected provider. Anyone else gets NOT_FOUND and nothing changes. Reconnecting another account first stops
 * the old account's webhook with the old grant (best effort), then clears what belonged to that account.
 */
export class CalendarAuthorizationCompletion {
  private readonly grants = new PendingGrantRepository();

  constructor(private readonly deps: CompletionDeps) {}

  async complete(ctx: RequestContext, ticket: string): Promise<CalendarProviderView> {
    const owner: GrantOwner = { tenantId: ctx.tenantId, userId: ctx.userId };
    const grant = await this.grants.findUsable(this.deps.orm.em.fork(), ticket, owner);
    if (!grant) throw ticketNotFound();
    const current = await this.deps.providers.repository.find(this.deps.orm.em.fork(), ctx.tenantId, grant.providerId);
    if (!current) throw ticketNotFound();
    await this.requireSameMicrosoftApp(current, grant);
    if (isAccountChange(current, { id: grant.accountId })) await this.stopOldWebhook(current);
    const connected = await this.deps.orm.em.fork().transactional((em) => this.connect(em, grant, owner));
    // A concurrent completion of the same ticket won the race.
    if (!connected) throw ticketNotFound();
    await this.deps.queue.add(CALENDAR_SYNC_QUEUE, ...providerSyncJob(ctx.tenantId, grant.providerId));
    // With the new grant: (re)creates the watch when a calendar is chosen, and clears an ERROR left by failed renewals.
    await this.deps.queue.add(CALENDAR_WEBHOOK_MAINTENANCE_QUEUE, ...webhookEnsureJob(ctx.tenantId, grant.providerId));
    return connected;
  }

  /** Consumes the ticket and connects, atomically: a failure anywhere leaves the ticket and the provider as they were. */
  private async connect(em: EntityManager, grant: PendingGrant, owner: GrantOwner): Promise<CalendarProviderView | null> {
    if (!(await this.grants.consume(em, grant.id, owner))) return null;
    const repository = this.deps.providers.repository;
    const provider = await repository.find(em, owner.tenantId, grant.providerId, { forUpdate: true });
    if (!provider) return null;
    const account = { id: grant.accountId, email: grant.accountEmail };
    const changed = isAccountChange(provider, account);
    await this.deps.tokens.store(em, provider, openPendingTokens(this.deps.secretBox, grant.id, grant.encryptedTokens));
    await repository.update(em, owner.tenantId, provider.id, {
      ...(changed ? ACCOUNT_BOUND_COLUMNS_CLEARED : {}),
      status: 'connected',
      lastError: null,
      accountId: account.id,
      accountEmail: account.email,
    });
    const warnings: CalendarWarning[] = [];
    if (changed) {
      const cleared = await clearAccountBoundSyncState(em, owner.tenantId, provider.id);
      // A first connection replaces nothing: only a provider that had tokens before gets the warning.
      warnings.push(accountChangedWarning(provider.accountEmail, account, cleared));
    }
    const updated = (await repository.find(em, owner.tenantId, provider.id))!;
    return { ...updated, warnings };
  }

  /** Microsoft tokens are minted for one app registration: if CALENDAR moved since the sign-in, they are useless. */
  private async requireSameMicrosoftApp(provider: CalendarProviderRecord, grant: PendingGrant): Promise<void> {
    if (provider.providerType !== 'microsoft') return;
    const profile = await stillBoundProfile(this.deps.microsoftCredentials, provider.tenantId, grant.microsoftProfileId);
    if (!profile) {
      throw new DomainError('REAUTH_REQUIRED', 'The Microsoft profile bound to CALENDAR changed since this sign-in: start the authorization again.');
    }
  }

  /** With the grant still in the row (the old account's): once replaced, nothing could stop that channel any more. */
  private async stopOldWebhook(provider: CalendarProviderRecord): Promise<void> {
    try {
      await stopProviderWebhook(this.deps, provider);
    } catch (error) {
      this.deps.logger.warn({ err: error, providerId: provider.id }, "stopping the previous account's calendar webhook failed");
    }
  }
}
