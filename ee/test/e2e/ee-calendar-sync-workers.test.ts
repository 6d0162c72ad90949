/**
 * Sync runs across real worker processes (`npm run workers`, BullMQ on the machine's Redis): a worker killed with
 * SIGKILL mid-run leaves a checkpoint the next worker resumes from, and two workers given a burst of triggers
 * never run one provider twice at once. Nothing is lost or doubled in either case.
 */
import { TEST_SECRET_KEYS, REDIS_URL } from '../../../test/support/services';
import { spawnTs, type SpawnedProcess } from '../../../test/support/spawn-process';
import { queryDatabase } from '../../../test/support/test-database';
import { waitFor } from '../../../test/support/wait-for';
import { choosePrimaryCalendar, connectedProvider, PUBLIC_URL, simulatorEnv, startCalendarHarness, type CalendarHarness } from '../support/calendar-harness';
import { daysAhead } from '../support/future-dates';
import { googleRemote, microsoftRemote, type RemoteCalendar } from '../support/sync-remote';

const PAGE_SIZE = 20;
const LEASE_SECONDS = 3;
const SYNC = 'mutation ($id: ID!) { syncCalendarProvider(providerId: $id) { state } }';

interface RunRow {
  id: string;
  status: string;
  started_at: Date;
  finished_at: Date | null;
  last_error: string | null;
}

describe.each([
  ['GOOGLE', googleRemote],
  ['MICROSOFT', microsoftRemote],
] as const)('sync runs in worker processes (%s simulator)', (type, remoteOf) => {
  let h: CalendarHarness;
  let remote: RemoteCalendar;
  let providerId: string;
  let calendarId: string;
  const workers: SpawnedProcess[] = [];

  const sql = <T>(text: string, params: unknown[] = []) => queryDatabase<T>(h.t.db.url, text, params);
  const trigger = async () => {
    const result = await h.t.gql(SYNC, { id: providerId }, h.tenant.apiKey);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
  };
  const runs = () => sql<RunRow>('select id, status, started_at, finished_at, last_error from calendar_sync_runs where provider_id = $1 order by started_at', [providerId]);
  const mappedCount = async () => Number((await sql<{ n: string }>('select count(*) as n from calendar_event_mappings where provider_id = $1', [providerId]))[0]!.n);
  /** Every imported entry with the external event it came from: one row per event, or something was doubled. */
  const imported = () =>
    sql<{ title: string; external_event_id: string }>(
      `select e.title, m.external_event_id from schedule_entries e join calendar_event_mappings m on m.schedule_entry_id = e.id
        where m.provider_id = $1 order by e.title`,
      [providerId],
    );
  const worker = async () => {
    const child = spawnTs('workers/main.ts', {
      EDITION: 'enterprise',
      DATABASE_URL: h.t.db.url,
      SECRET_KEYS: TEST_SECRET_KEYS,
      REDIS_URL,
      REDIS_PREFIX: h.t.config.redis!.prefix,
      LOG_LEVEL: 'info',
      PUBLIC_URL,
      ...simulatorEnv(h.google, h.microsoft),
      CALENDAR_SYNC_PAGE_SIZE: String(PAGE_SIZE),
      CALENDAR_SYNC_LEASE_SECONDS: String(LEASE_SECONDS),
    });
    workers.push(child);
    await child.waitForOutput(/workers started/);
    return child;
  };
  const latency = (ms: number) => (type === 'GOOGLE' ? h.google.control.setLatency(ms) : h.microsoft.control.setLatency(ms));
  /** Listing requests that continued a round (page token / skip token) rather than starting one. */
  const listings = () =>
    type === 'GOOGLE'
      ? h.google.control.requestLog().filter((r) => r.method === 'GET' && r.path.endsWith('/events')).map((r) => ({ resumed: 'pageToken' in r.query }))
      : h.microsoft.control.requestLog().filter((r) => r.method === 'GET' && r.path.endsWith('/calendarView/delta')).map((r) => ({ resumed: /skiptoken/i.test(JSON.stringify(r.query)) }));

  beforeAll(async () => {
    h = await startCalendarHarness({ redis: true });
    remote = remoteOf(h);
    providerId = await connectedProvider(h, type);
    calendarId = await choosePrimaryCalendar(h, providerId);
  }, 60_000);
  afterEach(async () => {
    latency(0);
    await Promise.all(workers.splice(0).map((child) => child.stop('SIGKILL')));
  });
  afterAll(() => h.close());

  it('a worker killed mid-run (SIGKILL) leaves a checkpoint; the next worker resumes from it: nothing lost, nothing doubled', async () => {
    const seeded = 10 * PAGE_SIZE;
    for (let i = 0; i < seeded; i += 1) remote.create(calendarId, `seeded ${String(i).padStart(3, '0')}`, daysAhead(1 + (i % 300), 9), daysAhead(1 + (i % 300), 10));
    latency(150);
    const first = await worker();
    await trigger();
    await waitFor(async () => (await mappedCount()) >= 2 * PAGE_SIZE, 'two pages applied', 60_000);
    first.child.kill('SIGKILL');
    await first.exited();
    const [checkpoint] = await sql<{ sync_checkpoint: { page: string } | null; sync_cursor: string | null }>(
      'select sync_checkpoint, sync_cursor from calendar_providers where id = $1',
      [providerId],
    );
    const atKill = await mappedCount();
    expect(atKill).toBeLessThan(seeded);
    expect(checkpoint!.sync_checkpoint?.page).toEqual(expect.any(String));
    expect(checkpoint!.sync_cursor).toBeNull();
    const listedBeforeKill = listings().length;

    latency(0);
    await worker();
    await trigger();
    await waitFor(async () => (await runs()).some((run) => run.status === 'succeeded'), 'a run to complete after the kill', 60_000);

    // The dead run's lease expired and was taken over; the new run started where the checkpoint pointed.
    const history = await runs();
    expect(history.map((run) => run.status)).toEqual(['failed', 'succeeded']);
    expect(history[0]!.last_error).toMatch(/lease expired/);
    expect(listings().slice(listedBeforeKill)[0]).toEqual({ resumed: true });
    const rows = await imported();
    expect(rows).toHaveLength(seeded);
    expect(new Set(rows.map((row) => row.external_event_id)).size).toBe(seeded);
    expect(new Set(rows.map((row) => row.title)).size).toBe(seeded);
    // Nothing went back to the provider as a new event either.
    expect(remote.events(calendarId)).toHaveLength(seeded);
    const [after] = await sql<{ sync_checkpoint: unknown; sync_cursor: string | null }>('select sync_checkpoint, sync_cursor from calendar_providers where id = $1', [providerId]);
    expect(after).toEqual({ sync_checkpoint: null, sync_cursor: expect.any(String) });
  }, 120_000);

  it('two workers and a burst of 50 triggers: one run at a time, every change imported once', async () => {
    const before = (await runs()).length;
    const already = (await imported()).length;
    for (let i = 0; i < 30; i += 1) remote.create(calendarId, `burst ${String(i).padStart(2, '0')}`, daysAhead(2 + i, 14), daysAhead(2 + i, 15));
    await Promise.all([worker(), worker()]);
    latency(20);
    await Promise.all(Array.from({ length: 50 }, () => trigger()));
    await waitFor(async () => (await imported()).length === already + 30, 'the burst imported', 60_000);
    // Let any follow-up run (a trigger that arrived mid-run) finish too.
    await waitFor(async () => (await runs()).every((run) => run.status !== 'running'), 'runs to finish', 30_000);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await waitFor(async () => (await runs()).every((run) => run.status !== 'running'), 'runs to finish', 30_000);

    const burst = (await runs()).slice(before);
    expect(burst.length).toBeGreaterThanOrEqual(1);
    // 50 triggers coalesce: the job running, at most one follow-up queued behind it.
    expect(burst.length).toBeLessThanOrEqual(3);
    expect(burst.every((run) => run.status === 'succeeded')).toBe(true);
    for (let i = 1; i < burst.length; i += 1) expect(burst[i]!.started_at.getTime()).toBeGreaterThanOrEqual(burst[i - 1]!.finished_at!.getTime());
    const rows = await imported();
    expect(new Set(rows.map((row) => row.external_event_id)).size).toBe(rows.length);
    expect(rows.filter((row) => row.title.startsWith('burst '))).toHaveLength(30);
    expect(remote.events(calendarId)).toHaveLength(rows.length);
  }, 120_000);
});
