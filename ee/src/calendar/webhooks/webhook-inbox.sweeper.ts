import type { ServiceDeps } from '../../../../src/runtime/service-deps';
import { CALENDAR_SYNC_QUEUE, providerSyncJob } from '../calendar-jobs';
import { WebhookInboxRepository } from './webhook-inbox.repository';

/**
 * The inbox is the durable signal, the sync job only the prompt one: a job lost to a Redis outage or restart, or
 * to a crash between insert and enqueue, is queued again here. A row counts as lost once it has waited a whole
 * sweep interval (default one minute); a job still pending coalesces with the one added here.
 */
export class WebhookInboxSweeper {
  private readonly inbox = new WebhookInboxRepository();

  constructor(private readonly deps: Pick<ServiceDeps, 'orm' | 'queue' | 'logger'> & { staleAfterMs: number }) {}

  /** Returns how many providers got a sync queued. */
  async sweep(): Promise<number> {
    const stale = await this.inbox.findProvidersWithStalePending(this.deps.orm.em.fork(), this.deps.staleAfterMs);
    const results = await Promise.allSettled(stale.map(({ tenantId, providerId }) => this.deps.queue.add(CALENDAR_SYNC_QUEUE, ...providerSyncJob(tenantId, providerId))));
    results.forEach((result, index) => {
      if (result.status === 'rejected') this.deps.logger.warn({ err: result.reason, providerId: stale[index]!.providerId }, 'inbox sweep could not queue a sync');
    });
    const queued = results.filter((result) => result.status === 'fulfilled').length;
    if (queued > 0) this.deps.logger.info({ providers: queued }, 'inbox sweep queued syncs for notifications whose job was lost');
    return queued;
  }
}
