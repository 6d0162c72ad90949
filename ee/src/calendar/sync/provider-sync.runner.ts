import { randomUUID } from 'node:crypto';
import type { ServiceDeps } from '../../../../src/runtime/service-deps';
import { RetryLaterError } from '../../../../src/queue/job-errors';
import { ScheduleEntryService } from '../../../../src/schedule/schedule-entry.service';
import type { CalendarProviderRecord, CalendarProviderRepository } from '../calendar-provider.repository';
import type { CalendarTokenManager } from '../calendar-token-manager';
import type { CalendarAdapter, ChangePage, ChangePosition } from '../adapters/calendar-adapter';
import { ProviderRateLimitedError, ProviderUnavailableError } from '../adapters/provider-errors';
import { adapterFor } from '../provider-adapter';
import type { EntryPushService } from './entry-push.service';
import { pushable } from './entry-push.service';
import { EventMappingRepository } from './event-mapping.repository';
import { NewEventImport } from './new-event-import';
import { FAILED_RUNS_FOR_ERROR, streakError } from './sync-failure-streak';
import { RemoteChangeApplier, type PullOutcome } from './remote-change-applier';
import { listingFor, readCheckpoint, SyncCheckpointRepository, type FullListing } from './sync-checkpoint';
import { SyncRunRepository, type RunCounts, type SyncRun } from './sync-run.repository';

export interface ProviderSyncDeps extends Pick<ServiceDeps, 'orm' | 'config' | 'logger'> {
  providers: CalendarProviderRepository;
  tokens: CalendarTokenManager;
  push: EntryPushService;
  /** How long a run may go without renewing its lease before another worker takes over. */
  leaseMs?: number;
}

const DEFAULT_LEASE_MS = 120_000;
const LEASE_LOST = 'sync lease lost (the run took longer than its lease and another worker took over)';
/** While another worker's run holds the lease, this job comes back after it (nothing it was queued for is lost). */
const BUSY_RETRY_MS = 2_000;
/** Entries that ended longer ago than this are history: a new calendar does not receive them. */
const PUSH_LOOKBACK_MS = 30 * 86_400_000;
const PUSHES_PER_RENEWAL = 50;
/** Failed mappings retried per run at most (the rest wait for the next run). */
const RETRIES_PER_RUN = 50;

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
  private readonly checkpoints = new SyncCheckpointRepository();
  private readonly applier: RemoteChangeApplier;
  private readonly importer: NewEventImport;
  private readonly leaseMs: number;

  constructor(private readonly deps: ProviderSyncDeps) {
    const entries = new ScheduleEntryService({ orm: deps.orm });
    this.applier = new RemoteChangeApplier(entries, deps.push);
    this.importer = new NewEventImport(entries);
    this.leaseMs = deps.leaseMs ?? deps.config.calendarSync?.leaseMs ?? DEFAULT_LEASE_MS;
  }

  async run(tenantId: string, providerId: string): Promise<RunResult | undefined> {
    const em = this.deps.orm.em.fork();
    const provider = await this.deps.providers.find(em, tenantId, providerId);
    if (!provider || !pushable(provider) || provider.syncDirection === 'to_external') return undefined;
    const run = await this.runs.start(em, tenantId, providerId, this.leaseMs);
    if (!run) throw new RetryLaterError(BUSY_RETRY_MS, `provider ${providerId} is being synced by another worker`);
    const counts: RunCounts = { pulled: 0, pushed: 0, conflicts: 0, errors: 0 };
    try {
      const fullListing = await this.pull(provider, run, counts);
      return { runId: run.id, fullListing, ...counts };
    } catch (error) {
      await this.runs.finish(em, tenantId, run.id, counts, (error as Error).message).catch(() => undefined);
      if (error instanceof ProviderUnavailableError) await this.noteProviderFailure(provider, error).catch(() => undefined);
      throw error;
    }
  }

  /** The provider failing run after run (5xx, timeouts) becomes visible as ERROR; the runs go on. */
  private async noteProviderFailure(provider: CalendarProviderRecord, error: Error): Promise<void> {
    const em = this.deps.orm.em.fork();
    const lastError = streakError(await this.runs.recentStatuses(em, provider.tenantId, provider.id, FAILED_RUNS_FOR_ERROR), error.message);
    if (lastError) await this.deps.providers.update(em, provider.tenantId, provider.id, { status: 'error', lastError });
  }

  /**
   * Page by page: each page's changes are applied, then the position after it is saved, so a run that dies
   * resumes at the first page not yet saved (re-applying a page is harmless: every apply is idempotent).
   */
  private async pull(provider: CalendarProviderRecord, run: SyncRun, counts: RunCounts): Promise<boolean> {
    const em = this.deps.orm.em.fork();
    const adapter = adapterFor(this.deps, provider);
    const resumed = readCheckpoint(provider.syncCheckpoint);
    let listing = resumed?.listing ?? null;
    let position: ChangePosition = { cursor: provider.syncCursor, page: resumed?.page ?? null };
    let sawFullListing = listing !== null;
    for (;;) {
      const page = await adapter.listChangesPage(provider.calendarId!, position);
      listing = listingFor(page, listing, () => ({ id: randomUUID(), startedAt: run.startedAt, window: null }));
      sawFullListing ||= listing !== null;
      const { imported, rest } = await this.importer.importNew(em, provider, page.upserted, run.id);
      counts.pulled += imported;
      for (const event of rest) this.count(counts, await this.applier.applyEvent(em, provider, event, run.id));
      for (const id of page.deletedIds) this.count(counts, await this.applier.applyDeletion(em, provider, id, run.id));
      // A full listing has no tombstones: what it shows is stamped, what it never shows was deleted meanwhile.
      if (listing) await this.mappings.markListed(em, provider.tenantId, provider.id, listing.id, listedIds(page));
      if (page.nextPage === null) {
        if (listing) await this.finishListing(provider, listing, run.id, counts);
        if (run.retriesDue) await this.retryFailed(provider, adapter, run.id, counts);
        const owner = { tenantId: provider.tenantId, providerId: provider.id, runId: run.id };
        if (!(await this.runs.succeed(em, owner, counts, page.nextCursor!, sawFullListing))) throw new Error(LEASE_LOST);
        return sawFullListing;
      }
      if (!(await this.runs.renew(em, provider.tenantId, run.id, this.leaseMs, sawFullListing))) throw new Error(LEASE_LOST);
      position = { cursor: provider.syncCursor, page: page.nextPage };
      await this.checkpoints.save(em, provider.tenantId, provider.id, { page: page.nextPage, listing });
    }
  }

  private async finishListing(provider: CalendarProviderRecord, listing: FullListing, runId: string, counts: RunCounts): Promise<void> {
    const em = this.deps.orm.em.fork();
    for (const id of await this.mappings.unlistedExternalIds(em, provider.tenantId, provider.id, listing)) {
      this.count(counts, await this.applier.applyDeletion(em, provider, id, runId));
    }
    if (provider.syncDirection === 'bidirectional') await this.pushUnmapped(provider, runId, counts);
  }

  /**
   * A first (or refused-cursor) run also sends the owner's entries the calendar has never received. A large
   * backlog takes a while: the lease is renewed as it goes, so no other worker starts the same run meanwhile.
   */
  private async pushUnmapped(provider: CalendarProviderRecord, runId: string, counts: RunCounts): Promise<void> {
    const em = this.deps.orm.em.fork();
    const since = new Date(Date.now() - PUSH_LOOKBACK_MS);
    const entryIds = await this.mappings.unmappedOwnerEntryIds(em, provider.tenantId, provider.id, provider.ownerUserId, since);
    for (const [index, entryId] of entryIds.entries()) {
      const outcome = await this.deps.push.push(provider.tenantId, provider.id, entryId);
      if (outcome.action === 'create_remote') counts.pushed++;
      if (index % PUSHES_PER_RENEWAL === PUSHES_PER_RENEWAL - 1 && !(await this.runs.renew(em, provider.tenantId, runId, this.leaseMs, true))) {
        throw new Error(LEASE_LOST);
      }
    }
  }

  /**
   * Mappings whose last write failed and whose backoff has passed get another try, the way that failed: the entry
   * pushed again, or the event read again and applied. A bounded number per run; throttling ends the round.
   */
  private async retryFailed(provider: CalendarProviderRecord, adapter: CalendarAdapter, runId: string, counts: RunCounts): Promise<void> {
    const em = this.deps.orm.em.fork();
    for (const mapping of await this.mappings.dueForRetry(em, provider.tenantId, provider.id, RETRIES_PER_RUN)) {
      try {
        if (mapping.errorDirection === 'push') {
          const outcome = await this.deps.push.push(provider.tenantId, provider.id, mapping.scheduleEntryId);
          if (outcome.action !== 'noop') counts.pushed++;
          continue;
        }
        const event = await adapter.getEvent(provider.calendarId!, mapping.externalEventId);
        const outcome = event && event.status !== 'cancelled'
          ? await this.applier.applyEvent(em, provider, event, runId)
          : await this.applier.applyDeletion(em, provider, mapping.externalEventId, runId);
        this.count(counts, outcome);
      } catch (error) {
        // The failed retry marked its mapping again (later, longer backoff); a throttled provider stops the round.
        counts.errors++;
        if (error instanceof ProviderRateLimitedError || error instanceof ProviderUnavailableError) return;
      }
    }
  }

  private count(counts: RunCounts, outcome: PullOutcome): void {
    if (outcome === 'pulled') counts.pulled++;
    else if (outcome === 'pushed') counts.pushed++;
    else if (outcome === 'conflict') counts.conflicts++;
    else if (outcome === 'failed') counts.errors++;
  }
}

/** A listed instance also shows its series: a Graph master is mapped under its own id but listed as occurrences. */
function listedIds(page: ChangePage): string[] {
  return page.upserted.flatMap((event) => (event.seriesId ? [event.id, event.seriesId] : [event.id]));
}
