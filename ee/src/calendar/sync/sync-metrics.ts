import { Gauge, type Registry } from 'prom-client';
import type { Orm } from '../../../../src/db/orm';

interface RunStatsRow {
  provider_type: string;
  status: string;
  runs: string;
  pulled: string;
  pushed: string;
  conflicts: string;
  errors: string;
  avg_seconds: string | null;
}

/**
 * Sync metrics read from calendar_sync_runs on scrape, so runs done by worker processes (which serve no /metrics)
 * are counted too. One grouped query per scrape, shared by every gauge; a failed read reports nothing rather than
 * zeros.
 */
export function registerSyncMetrics(registry: Registry, orm: Orm): void {
  let pending: Promise<RunStatsRow[]> | undefined;
  const stats = () => {
    pending ??= orm.em
      .fork()
      .execute<RunStatsRow[]>(
        `select p.provider_type, r.status, count(*) as runs, coalesce(sum(r.pulled), 0) as pulled, coalesce(sum(r.pushed), 0) as pushed,
                coalesce(sum(r.conflicts), 0) as conflicts, coalesce(sum(r.errors), 0) as errors,
                avg(extract(epoch from r.finished_at - r.started_at)) as avg_seconds
           from calendar_sync_runs r join calendar_providers p on p.id = r.provider_id
          group by p.provider_type, r.status`,
      )
      .finally(() => setTimeout(() => (pending = undefined), 0));
    return pending.catch(() => [] as RunStatsRow[]);
  };
  const gauge = (name: string, help: string, labelNames: string[], fill: (gauge: Gauge, rows: RunStatsRow[]) => void) =>
    new Gauge({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        const rows = await stats();
        this.reset();
        fill(this, rows);
      },
    });
  gauge('calendar_sync_runs', 'Sync runs by provider type and outcome (running, succeeded, failed)', ['provider_type', 'status'], (g, rows) => {
    for (const row of rows) g.set({ provider_type: row.provider_type, status: row.status }, Number(row.runs));
  });
  gauge('calendar_sync_run_duration_seconds_avg', 'Average duration of finished sync runs', ['provider_type'], (g, rows) => {
    for (const row of rows) if (row.status === 'succeeded' && row.avg_seconds !== null) g.set({ provider_type: row.provider_type }, Number(row.avg_seconds));
  });
  gauge('calendar_sync_events', 'Events moved by finished sync runs (pulled: applied locally; pushed: written remotely)', ['provider_type', 'direction'], (g, rows) => {
    for (const row of rows) {
      g.inc({ provider_type: row.provider_type, direction: 'pulled' }, Number(row.pulled));
      g.inc({ provider_type: row.provider_type, direction: 'pushed' }, Number(row.pushed));
    }
  });
  gauge('calendar_sync_problems', 'Conflicts and per-event errors met by finished sync runs', ['provider_type', 'kind'], (g, rows) => {
    for (const row of rows) {
      g.inc({ provider_type: row.provider_type, kind: 'conflict' }, Number(row.conflicts));
      g.inc({ provider_type: row.provider_type, kind: 'error' }, Number(row.errors));
    }
  });
}
