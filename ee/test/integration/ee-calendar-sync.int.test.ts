import { createOutboxRelay, type OutboxRelay } from '../../../src/events';
import { RetryLaterError } from '../../../src/queue/job-errors';
import { waitFor } from '../../../test/support/wait-for';
import { queryDatabase } from '../../../test/support/test-database';
import { calendarServices } from '../../src/calendar/calendar.module';
import { choosePrimaryCalendar, connectedProvider, startCalendarHarness, type CalendarHarness } from '../support/calendar-harness';
import { daysAhead } from '../support/future-dates';
import { googleRemote, microsoftRemote, type RemoteCalendar } from '../support/sync-remote';

const ENTRY = 'id title version status assignees { id }';
const CREATE = `mutation ($input: CreateScheduleEntryInput!) { createScheduleEntry(input: $input) { ${ENTRY} } }`;
const UPDATE = `mutation ($id: ID!, $v: Int!, $input: UpdateScheduleEntryInput!) { updateScheduleEntry(id: $id, expectedVersion: $v, input: $input) { ${ENTRY} } }`;
const GET = `query ($id: ID!) { scheduleEntry(id: $id) { ${ENTRY} } }`;
const STATUS = 'query ($id: ID!) { calendarSyncStatus(providerId: $id) { state lastRunFinishedAt lastSuccessAt cursorAgeSeconds errors openConflicts } }';
const CONFLICTS = 'query ($id: ID!) { calendarSyncConflicts(providerId: $id) { id externalEventId localVersion externalTitle entry { id } } }';
const RESOLVE = 'mutation ($id: ID!, $resolution: CalendarConflictResolution!) { resolveCalendarConflict(conflictId: $id, resolution: $resolution) { id resolution resolvedAt } }';
describe.each([
  ['GOOGLE', googleRemote],
  ['MICROSOFT', microsoftRemote],
] as const)('calendar sync with %s (simulator)', (type, remoteOf) => {
  let h: CalendarHarness;
  let remote: RemoteCalendar;
  let relay: OutboxRelay;
  let providerId: string;
  let calendarId: string;
  let earlier: { id: string };

  const gql = async (query: string, variables: Record<string, unknown>) => {
    const result = await h.t.gql(query, variables, h.tenant.apiKey);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data;
  };
  const runSync = () => calendarServices(h.t.runtime.deps).runner.run(h.tenant.tenantId, providerId);
  const mapping = async (entryId: string) =>
    (await queryDatabase<{ external_event_id: string; sync_status: string; local_version: number }>(
      h.t.db.url,
      'select external_event_id, sync_status, local_version from calendar_event_mappings where schedule_entry_id = $1',
      [entryId],
    ))[0];
  const pushed = async (entryId: string, version: number) => {
    await waitFor(async () => (await mapping(entryId))?.local_version === version, `entry ${entryId} v${version} pushed`, 10_000);
    return (await mapping(entryId))!;
  };

  beforeAll(async () => {
    h = await startCalendarHarness();
    remote = remoteOf(h);
    await h.t.runtime.deps.queue.startWorkers(h.t.runtime.registry.jobProcessors(h.t.runtime.deps));
    relay = createOutboxRelay(h.t.runtime.deps);
    await relay.start();
    providerId = await connectedProvider(h, type);
    // An entry the owner already had before choosing the calendar: the first run sends it.
    earlier = (await gql(CREATE, { input: { title: 'Booked before connecting', startsAt: daysAhead(7, 8), endsAt: daysAhead(7, 9), assigneeIds: [h.tenant.userId] } })).createScheduleEntry;
    calendarId = await choosePrimaryCalendar(h, providerId);
    // Choosing the calendar queues the first run: a full listing, then the owner's unsynced entries are pushed.
    await waitFor(async () => (await gql(STATUS, { id: providerId })).calendarSyncStatus.lastSuccessAt !== null, 'the first run', 10_000);
  });
  afterAll(async () => {
    await relay?.stop();
    await h?.close();
  });

  it('sends the owner’s existing entries on the first run after the calendar is chosen', async () => {
    const synced = await pushed(earlier.id, 1);
    expect(remote.events(calendarId).find((event) => event.id === synced.external_event_id)?.title).toBe('Booked before connecting');
  });

  it('pushes an entry of the owner once, and its echo causes no write on either side', async () => {
    const entry = (await gql(CREATE, { input: { title: 'Patch day', startsAt: daysAhead(1, 8), endsAt: daysAhead(1, 9), timeZone: 'Europe/Berlin', assigneeIds: [h.tenant.userId] } })).createScheduleEntry;
    const synced = await pushed(entry.id, 1);
    const event = remote.events(calendarId).find((candidate) => candidate.id === synced.external_event_id)!;
    expect(event.title).toBe('Patch day');
    expect(event.raw).toContain(entry.id); // our id travels with the event
    const writes = remote.writes();
    const result = await runSync(); // the change feed shows our own write
    expect(result).toMatchObject({ pulled: 0, conflicts: 0, errors: 0 });
    expect(remote.writes()).toBe(writes);
    expect((await gql(GET, { id: entry.id })).scheduleEntry.version).toBe(1);
  });

  it('pulls a remote edit into the entry without pushing it back', async () => {
    const entry = (await gql(CREATE, { input: { title: 'Before', startsAt: daysAhead(2, 8), endsAt: daysAhead(2, 9), assigneeIds: [h.tenant.userId] } })).createScheduleEntry;
    const synced = await pushed(entry.id, 1);
    remote.editTitle(calendarId, synced.external_event_id, 'Edited at the provider');
    const writes = remote.writes();
    expect(await runSync()).toMatchObject({ pulled: 1 });
    expect((await gql(GET, { id: entry.id })).scheduleEntry).toMatchObject({ title: 'Edited at the provider', version: 2 });
    await pushed(entry.id, 2);
    await new Promise((resolve) => setTimeout(resolve, 300)); // room for a (wrong) push-back to happen
    expect(remote.writes()).toBe(writes);
  });

  it('pushes a local edit; a concurrent remote edit becomes one conflict (never an overwrite), resolved both ways', async () => {
    const entry = (await gql(CREATE, { input: { title: 'Original', startsAt: daysAhead(3, 8), endsAt: daysAhead(3, 9), assigneeIds: [h.tenant.userId] } })).createScheduleEntry;
    const synced = await pushed(entry.id, 1);
    await gql(UPDATE, { id: entry.id, v: 1, input: { title: 'Edited locally' } });
    await pushed(entry.id, 2);
    expect(remote.events(calendarId).find((event) => event.id === synced.external_event_id)!.title).toBe('Edited locally');

    remote.editTitle(calendarId, synced.external_event_id, 'Edited remotely');
    await gql(UPDATE, { id: entry.id, v: 2, input: { title: 'Edited locally again' } });
    await waitFor(async () => (await mapping(entry.id))?.sync_status === 'conflict', 'the conflict', 10_000);
    expect(remote.events(calendarId).find((event) => event.id === synced.external_event_id)!.title).toBe('Edited remotely');
    const open = (await gql(CONFLICTS, { id: providerId })).calendarSyncConflicts.filter((conflict: any) => conflict.entry?.id === entry.id);
    expect(open).toEqual([expect.objectContaining({ externalEventId: synced.external_event_id, localVersion: 3, externalTitle: expect.any(String) })]);

    // KEEP_REMOTE: the event as it is now overwrites the entry; syncing resumes.
    const resolved = (await gql(RESOLVE, { id: open[0].id, resolution: 'KEEP_REMOTE' })).resolveCalendarConflict;
    expect(resolved).toMatchObject({ resolution: 'KEEP_REMOTE', resolvedAt: expect.any(String) });
    expect((await gql(GET, { id: entry.id })).scheduleEntry).toMatchObject({ title: 'Edited remotely', version: 4 });
    expect(await mapping(entry.id)).toMatchObject({ sync_status: 'synced', local_version: 4 });

    // A second conflict, KEEP_LOCAL: the entry overwrites the event.
    remote.editTitle(calendarId, synced.external_event_id, 'Remote once more');
    await gql(UPDATE, { id: entry.id, v: 4, input: { title: 'Local wins' } });
    await waitFor(async () => (await mapping(entry.id))?.sync_status === 'conflict', 'the second conflict', 10_000);
    const second = (await gql(CONFLICTS, { id: providerId })).calendarSyncConflicts.find((conflict: any) => conflict.entry?.id === entry.id);
    await gql(RESOLVE, { id: second.id, resolution: 'KEEP_LOCAL' });
    expect(remote.events(calendarId).find((event) => event.id === synced.external_event_id)!.title).toBe('Local wins');
    expect(await mapping(entry.id)).toMatchObject({ sync_status: 'synced', local_version: 5 });
    expect((await gql(CONFLICTS, { id: providerId })).calendarSyncConflicts.filter((conflict: any) => conflict.entry?.id === entry.id)).toEqual([]);
  });

  it('reports runs, the action log and each entry’s links through GraphQL', async () => {
    const entry = (await gql(CREATE, { input: { title: 'Linked', startsAt: daysAhead(6, 8), endsAt: daysAhead(6, 9), assigneeIds: [h.tenant.userId] } })).createScheduleEntry;
    const synced = await pushed(entry.id, 1);
    const links = (await gql(`query ($id: ID!) { scheduleEntry(id: $id) { calendarLinks { externalEventId status provider { id } } } }`, { id: entry.id })).scheduleEntry.calendarLinks;
    expect(links).toEqual([{ externalEventId: synced.external_event_id, status: 'SYNCED', provider: { id: providerId } }]);
    const queuedAt = new Date().toISOString();
    const queued = (await gql('mutation ($id: ID!) { syncCalendarProvider(providerId: $id) { state } }', { id: providerId })).syncCalendarProvider;
    expect(['QUEUED', 'RUNNING']).toContain(queued.state);
    await waitFor(async () => {
      const status = (await gql(STATUS, { id: providerId })).calendarSyncStatus;
      return status.state === 'IDLE' && status.lastSuccessAt !== null && status.lastRunFinishedAt > queuedAt;
    }, 'the queued run to finish', 10_000);
    const log = (await gql('query ($id: ID!) { calendarSyncLog(providerId: $id, first: 50) { edges { node { direction action outcome externalEventId entry { id } } } } }', { id: providerId })).calendarSyncLog.edges;
    expect(log.map((edge: any) => edge.node)).toContainEqual({ direction: 'PUSH', action: 'create_remote', outcome: 'OK', externalEventId: synced.external_event_id, entry: { id: entry.id } });
  });

  it('imports a remote event for the owner, and a remote deletion unassigns (here: cancels) it, never deleting the entry', async () => {
    const eventId = remote.create(calendarId, 'Booked in Outlook/Google', daysAhead(4, 10), daysAhead(4, 11));
    expect(await runSync()).toMatchObject({ pulled: 1 });
    const [imported] = await queryDatabase<{ schedule_entry_id: string }>(h.t.db.url, 'select schedule_entry_id from calendar_event_mappings where external_event_id = $1', [eventId]);
    expect((await gql(GET, { id: imported!.schedule_entry_id })).scheduleEntry).toMatchObject({ title: 'Booked in Outlook/Google', status: 'SCHEDULED', assignees: [{ id: h.tenant.userId }] });
    remote.remove(calendarId, eventId);
    expect(await runSync()).toMatchObject({ pulled: 1 });
    expect((await gql(GET, { id: imported!.schedule_entry_id })).scheduleEntry).toMatchObject({ status: 'CANCELLED', assignees: [] });
  });

  it('retrying a create whose commit was lost (crash after the provider write) finds the first event: no duplicate', async () => {
    const entry = (await gql(CREATE, { input: { title: 'Written once', startsAt: daysAhead(8, 8), endsAt: daysAhead(8, 9), assigneeIds: [h.tenant.userId] } })).createScheduleEntry;
    const first = await pushed(entry.id, 1);
    // As if the worker died after the provider answered and before our mapping committed.
    await queryDatabase(h.t.db.url, 'delete from calendar_event_mappings where schedule_entry_id = $1', [entry.id]);
    const retried = await calendarServices(h.t.runtime.deps).push.push(h.tenant.tenantId, providerId, entry.id);
    expect(retried).toEqual({ action: 'create_remote', externalEventId: first.external_event_id });
    expect(remote.events(calendarId).filter((event) => event.raw.includes(entry.id))).toHaveLength(1);
  });

  it('runs one sync per provider at a time: a concurrent run is sent back to wait, not run beside it', async () => {
    const results = await Promise.allSettled([runSync(), runSync()]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((result): result is PromiseRejectedResult => result.status === 'rejected')!;
    expect(refused.reason).toBeInstanceOf(RetryLaterError);
    const running = await queryDatabase(h.t.db.url, "select 1 from calendar_sync_runs where provider_id = $1 and status = 'running'", [providerId]);
    expect(running).toEqual([]);
  });

  it('exposes its runs on /metrics, counted from the database (workers serve no /metrics)', async () => {
    const metrics = (await h.t.app.inject({ method: 'GET', url: '/metrics' })).body;
    const providerType = type.toLowerCase();
    const runs = new RegExp(`calendar_sync_runs\\{provider_type="${providerType}",status="succeeded"\\} (\\d+)`).exec(metrics);
    expect(Number(runs?.[1])).toBeGreaterThanOrEqual(2);
    expect(metrics).toMatch(new RegExp(`calendar_sync_events\\{provider_type="${providerType}",direction="pulled"\\} [1-9]`));
  });

  it('all-day events keep their calendar days between the zones farthest apart (Pacific/Kiritimati, America/Adak), both ways', async () => {
    const day = daysAhead(12, 0).slice(0, 10);
    const ALL_DAY = `query ($id: ID!) { scheduleEntry(id: $id) { allDay startDate endDate timeZone version } }`;
    // Ours, made in UTC+14: the provider holds that day, whatever zone it renders in.
    const entry = (await gql(CREATE, { input: { title: 'Kiritimati holiday', allDay: true, startDate: day, endDate: day, timeZone: 'Pacific/Kiritimati', assigneeIds: [h.tenant.userId] } })).createScheduleEntry;
    const synced = await pushed(entry.id, 1);
    expect(remote.allDayDates(calendarId, synced.external_event_id)).toEqual({ start: day, end: daysAhead(13, 0).slice(0, 10), allDay: true });
    // Edited at the provider and pulled back: still that day here.
    remote.editTitle(calendarId, synced.external_event_id, 'Kiritimati holiday (renamed)');
    expect(await runSync()).toMatchObject({ pulled: 1 });
    expect((await gql(ALL_DAY, { id: entry.id })).scheduleEntry).toMatchObject({ allDay: true, startDate: day, endDate: day, timeZone: 'Pacific/Kiritimati' });

    // Theirs, made in UTC-10: imported as that same calendar day.
    const theirs = daysAhead(14, 0).slice(0, 10);
    const eventId = remote.createAllDay(calendarId, 'Adak holiday', theirs, 'America/Adak');
    expect(await runSync()).toMatchObject({ pulled: 1 });
    const [imported] = await queryDatabase<{ schedule_entry_id: string }>(h.t.db.url, 'select schedule_entry_id from calendar_event_mappings where external_event_id = $1', [eventId]);
    expect((await gql(ALL_DAY, { id: imported!.schedule_entry_id })).scheduleEntry).toMatchObject({ allDay: true, startDate: theirs, endDate: theirs });
  });

  it('a provider failing run after run becomes ERROR with the reason, keeps being tried, and the next good run clears it', async () => {
    const row = async () => (await queryDatabase<{ status: string; last_error: string | null }>(h.t.db.url, 'select status, last_error from calendar_providers where id = $1', [providerId]))[0]!;
    remote.failReads(5);
    for (let run = 1; run <= 5; run++) {
      await expect(runSync()).rejects.toMatchObject({ name: 'ProviderUnavailableError' });
      expect((await row()).status).toBe(run < 5 ? 'connected' : 'error');
    }
    expect((await row()).last_error).toMatch(/^Calendar sync keeps failing \(5 runs in a row\): /);
    expect(await runSync()).toMatchObject({ errors: 0 });
    expect(await row()).toEqual({ status: 'connected', last_error: null });
  });

  it('after a refused cursor, a full listing removes what vanished meanwhile', async () => {
    const entry = (await gql(CREATE, { input: { title: 'Will vanish', startsAt: daysAhead(5, 8), endsAt: daysAhead(5, 9), assigneeIds: [h.tenant.userId] } })).createScheduleEntry;
    const synced = await pushed(entry.id, 1);
    remote.invalidateCursor(calendarId);
    remote.remove(calendarId, synced.external_event_id);
    const result = await runSync();
    expect(result).toMatchObject({ fullListing: true });
    expect((await gql(GET, { id: entry.id })).scheduleEntry).toMatchObject({ status: 'CANCELLED' });
  });
});
