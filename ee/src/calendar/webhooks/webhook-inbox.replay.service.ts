import type { RequestContext } from '../../../../src/auth/request-context';
import { badUserInput } from '../../../../src/errors/domain-errors';
import type { ServiceDeps } from '../../../../src/runtime/service-deps';
import { CALENDAR_SYNC_QUEUE, providerSyncJob } from '../calendar-jobs';
import type { CalendarProviderService } from '../calendar-provider.service';
import type { CalendarProviderRecord } from '../calendar-provider.repository';
import { pushable } from '../sync/entry-push.service';
import { WebhookInboxRepository } from './webhook-inbox.repository';

export interface WebhookReplay {
  provider: CalendarProviderRecord;
  requeued: number;
  syncQueued: boolean;
}

/**
 * replayCalendarWebhooks: reopens a provider's notifications since a point in time and queues its sync. The run
 * reads what changed from the cursor, so replay re-checks, it never re-applies a stale payload.
 */
export class WebhookReplayService {
  private readonly inbox = new WebhookInboxRepository();

  constructor(private readonly deps: Pick<ServiceDeps, 'orm' | 'queue' | 'logger'> & { providers: CalendarProviderService }) {}

  async replay(auth: RequestContext, providerId: string, since: Date): Promise<WebhookReplay> {
    const provider = await this.deps.providers.getAccessible(auth, providerId);
    if (!pushable(provider) || provider.syncDirection === 'to_external') {
      throw badUserInput('Connect the provider, choose its calendar and let it pull changes before replaying its notifications.', { field: 'providerId' });
    }
    if (since.getTime() > Date.now()) throw badUserInput('since must not be in the future.', { field: 'since' });
    const requeued = await this.inbox.reopenSince(this.deps.orm.em.fork(), auth.tenantId, provider.id, since);
    // The reopened rows are durable: if the queue is unreachable now, the sweeper queues the run later.
    const syncQueued = await this.deps.queue.add(CALENDAR_SYNC_QUEUE, ...providerSyncJob(provider.tenantId, provider.id)).then(
      () => true,
      (error: unknown) => {
        this.deps.logger.warn({ err: error, providerId: provider.id }, 'webhook replay: sync not queued (left to the inbox sweeper)');
        return false;
      },
    );
    return { provider, requeued, syncQueued };
  }
}
