import type { ServiceDeps } from '../../../../src/runtime/service-deps';
import { RetryLaterError } from '../../../../src/queue/job-errors';
import { ScheduleEntryService } from '../../../../src/schedule/schedule-entry.service';
import type { CalendarProviderRecord, CalendarProviderRepository } from '../calendar-provider.repository';
import type { CalendarTokenManager } from '../calendar-token-manager';
import { adapterFor } from '../provider-adapter';
import type { EntryPushService } from './entry-push.service';
import { pushable } from './entry-push.service';
import { EventMappingRepository } from './event-mapping.repository';
import { RemoteChangeApplier, type PullOutcome } from './remote-change-applier';
import { SyncRunRepository, type RunCounts } from './sync-run.repository';

export interface ProviderSyncDeps extends Pick<ServiceDeps, 'orm' | 'config' | 'logger'> {
  providers: CalendarProviderRepository;
  tokens: CalendarTokenManager;
  push: EntryPushService;
  /** How long a run may go without renewing its lease before another worker takes over. */
  leaseMs?: number;
}

const DEFAULT_LEASE_MS = 120_000;
/** While another worker's run holds the lease, this job comes back after it (nothing it was queued for is lost). */
const BUSY_RETRY_MS = 2_000;
/** Entries that ended longer ago than this are history: a new calendar does not receive them. */
const PUSH_LOOKBACK_MS = 30 * 86_400_000;

export interface RunResult extends RunCounts {
  runId: string;
  fullListing: boolean;
}

/**
 * One pull run of one provider: from the stored cursor (incremental), or a full listing diffed against the
 * mappings when there is none or the provider refused it, so events that vanished are handled like deletions.
 * Exclusive across workers through the run lease.
 */
export class ProviderSyncRunner {
  private readonly runs = new SyncRunRepository();
  private readonly mappings = new EventMappingRepository();
  private readonly applier: RemoteChangeApplier;
  private readonly leaseMs: number;

  constructor(private readonly deps: ProviderSyncDeps) {
    this.applier = new RemoteChangeApplier(new ScheduleEntryService({ orm: deps.orm }), deps.push);
    this.leaseMs = deps.leaseMs ?? DEFAULT_LEASE_MS;
  }

  async run(tenantId: string, providerId: string): Promise<RunResult | undefined> {
    const em = this.deps.orm.em.fork();
    const provider = await this.deps.providers.find(em, tenantId, providerId);
    if (!provider || !pushable(provider) || provider.syncDirection === 'to_external') return undefined;
    const run = await this.runs.start(em, tenantId, providerId, this.leaseMs);
    if (!run) throw new RetryLaterError(BUSY_RETRY_MS, `provider ${providerId} is being synced by another worker`);
    const counts: RunCounts = { pulled: 0, pushed: 0, conflicts: 0, errors: 0 };
    try {
      const fullListing = await this.pull(provider, run.id, counts);
      await this.runs.finish(em, tenantId, run.id, counts, null);
      return { runId: run.id, fullListing, ...counts };
    } catch (error) {
      await this.runs.finish(em, tenantId, run.id, counts, (error as Error).message).catch(() => undefined);
      throw error;
    }
  }

  private async pull(provider: CalendarProviderRecord, runId: string, counts: RunCounts): Promise<boolean> {
    const em = this.deps.orm.em.fork();
    const changes = await adapterFor(this.deps, provider).listChanges(provider.calendarId!, provider.syncCursor);
    const fullListing = provider.syncCursor === null || changes.fullResync;
    if (!(await this.runs.renew(em, provider.tenantId, runId, this.leaseMs, fullListing))) throw new Error('sync lease lost');
    for (const event of changes.upserted) this.count(counts, await this.applier.applyEvent(em, provider, event, runId));
    for (const id of changes.deletedIds) this.count(counts, await this.applier.applyDeletion(em, provider, id, runId));
    if (fullListing) {
      // A full listing has no tombstones: whatever we mapped and it no longer lists was deleted meanwhile.
      const listed = new Set(changes.upserted.map((event) => event.id));
      for (const mapping of await this.mappings.listByProvider(em, provider.tenantId, provider.id)) {
        if (!listed.has(mapping.externalEventId)) this.count(counts, await this.applier.applyDeletion(em, provider, mapping.externalEventId, runId));
      }
    }
    if (fullListing && provider.syncDirection === 'bidirectional') await this.pushUnmapped(provider, counts);
    await this.deps.providers.update(em, provider.tenantId, provider.id, { syncCursor: changes.nextCursor, lastSyncAt: new Date(), lastError: null });
    // Notifications that arrived before this run started are covered by what it just listed (database clock).
    await em.execute(
      `update webhook_inbox set processed_at = now() where tenant_id = ? and provider_id = ? and processed_at is null
         and received_at <= (select started_at from calendar_sync_runs where tenant_id = ? and id = ?)`,
      [provider.tenantId, provider.id, provider.tenantId, runId],
    );
    return fullListing;
  }

  /** A first (or refused-cursor) run also sends the owner's entries the calendar has never received. */
  private async pushUnmapped(provider: CalendarProviderRecord, counts: RunCounts): Promise<void> {
    const since = new Date(Date.now() - PUSH_LOOKBACK_MS);
    const entryIds = await this.mappings.unmappedOwnerEntryIds(this.deps.orm.em.fork(), provider.tenantId, provider.id, provider.ownerUserId, since);
    for (const entryId of entryIds) {
      const outcome = await this.deps.push.push(provider.tenantId, provider.id, entryId);
      if (outcome.action === 'create_remote') counts.pushed++;
    }
  }

  private count(counts: RunCounts, outcome: PullOutcome): void {
    if (outcome === 'pulled') counts.pulled++;
    else if (outcome === 'pushed') counts.pushed++;
    else if (outcome === 'conflict') counts.conflicts++;
    else if (outcome === 'failed') counts.errors++;
  }
}
