import type { ServiceDeps } from '../../../../src/runtime/service-deps';
import { WebhookInboxRepository } from './webhook-inbox.repository';

/**
 * Notifications are kept for the retention window (replay and diagnosis), then deleted, processed or not: an
 * unprocessed row that old belongs to a provider that could not sync all week, whose next run lists everything
 * from its cursor anyway.
 */
export class WebhookInboxRetention {
  private readonly inbox = new WebhookInboxRepository();

  constructor(private readonly deps: Pick<ServiceDeps, 'orm' | 'logger'> & { retentionMs: number }) {}

  async purge(): Promise<number> {
    const deleted = await this.inbox.purgeOlderThan(this.deps.orm.em.fork(), this.deps.retentionMs);
    if (deleted > 0) this.deps.logger.info({ deleted }, 'webhook inbox: notifications past retention deleted');
    return deleted;
  }
}
