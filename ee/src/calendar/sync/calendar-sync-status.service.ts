import type { RequestContext } from '../../../../src/auth/request-context';
import type { Orm } from '../../../../src/db/orm';
import { badUserInput } from '../../../../src/errors/domain-errors';
import { decodeCursor, encodeCursor, pageSize } from '../../../../src/graphql/connection';
import type { JobQueue } from '../../../../src/queue/job-queue';
import { CALENDAR_SYNC_QUEUE, providerSyncJob } from '../calendar-jobs';
import type { CalendarProviderService } from '../calendar-provider.service';
import type { CalendarProviderRecord } from '../calendar-provider.repository';
import { SyncConflictRepository } from './sync-conflict.repository';
import { SyncLogRepository, type SyncLogEntry } from './sync-log.repository';
import { SyncRunRepository } from './sync-run.repository';

export type SyncState = 'idle' | 'queued' | 'running';

export interface SyncStatusView {
  provider: CalendarProviderRecord;
  state: SyncState;
  lastRunStartedAt: Date | null;
  lastRunFinishedAt: Date | null;
  lastSuccessAt: Date | null;
  pulled: number;
  pushed: number;
  conflicts: number;
  errors: number;
  openConflicts: number;
  cursorAgeSeconds: number | null;
  lastError: string | null;
}

/** What the sync of a provider did and is doing; the caller must be allowed to see the provider. */
export class CalendarSyncStatusService {
  private readonly runs = new SyncRunRepository();
  private readonly log = new SyncLogRepository();
  private readonly conflicts = new SyncConflictRepository();

  constructor(private readonly deps: { orm: Orm; queue: JobQueue; providers: CalendarProviderService }) {}

  async status(auth: RequestContext, providerId: string, queued = false): Promise<SyncStatusView> {
    const provider = await this.deps.providers.getAccessible(auth, providerId);
    const em = this.deps.orm.em.fork();
    const [{ last, lastSuccess }, openConflicts] = await Promise.all([
      this.runs.latest(em, auth.tenantId, provider.id),
      this.conflicts.countOpen(em, auth.tenantId, provider.id),
    ]);
    const finished = last?.status === 'running' ? undefined : last;
    return {
      provider,
      state: last?.status === 'running' ? 'running' : queued ? 'queued' : 'idle',
      lastRunStartedAt: last?.startedAt ?? null,
      lastRunFinishedAt: finished?.finishedAt ?? null,
      lastSuccessAt: lastSuccess?.finishedAt ?? null,
      pulled: finished?.pulled ?? 0,
      pushed: finished?.pushed ?? 0,
      conflicts: finished?.conflicts ?? 0,
      errors: finished?.errors ?? 0,
      openConflicts,
      cursorAgeSeconds: provider.lastSyncAt ? Math.max(0, Math.round((Date.now() - provider.lastSyncAt.getTime()) / 1000)) : null,
      lastError: finished?.lastError ?? provider.lastError,
    };
  }

  /** Queues a run (coalesced by job id with one already waiting). */
  async requestSync(auth: RequestContext, providerId: string): Promise<SyncStatusView> {
    const provider = await this.deps.providers.getAccessible(auth, providerId);
    if (provider.status !== 'connected' || !provider.calendarId) {
      throw badUserInput('Connect the provider and choose its calendar before syncing.', { field: 'providerId' });
    }
    await this.deps.queue.add(CALENDAR_SYNC_QUEUE, ...providerSyncJob(provider.tenantId, provider.id));
    return this.status(auth, providerId, true);
  }

  async logPage(auth: RequestContext, providerId: string, first?: number | null, after?: string | null) {
    const provider = await this.deps.providers.getAccessible(auth, providerId);
    const size = pageSize(first);
    const [beforeId] = decodeCursor(after, 1) ?? [];
    const rows = await this.log.list(this.deps.orm.em.fork(), auth.tenantId, provider.id, size + 1, beforeId);
    const page = rows.slice(0, size);
    const edges = page.map((node: SyncLogEntry) => ({ cursor: encodeCursor([node.id]), node }));
    return { edges, pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  async openConflicts(auth: RequestContext, providerId: string) {
    const provider = await this.deps.providers.getAccessible(auth, providerId);
    return this.conflicts.listOpen(this.deps.orm.em.fork(), auth.tenantId, provider.id);
  }
}
