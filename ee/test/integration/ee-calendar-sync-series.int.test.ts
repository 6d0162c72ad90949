import { createOutboxRelay, type OutboxRelay } from '../../../src/events';
import { waitFor } from '../../../test/support/wait-for';
import { queryDatabase } from '../../../test/support/test-database';
import { calendarServices } from '../../src/calendar/calendar.module';
import { connectedProvider, startCalendarHarness, type CalendarHarness } from '../support/calendar-harness';
import { googleRemote, googleSeries, microsoftRemote, microsoftSeries, type RemoteCalendar, type RemoteSeries } from '../support/sync-remote';

const ENTRY = 'id title version status startsAt endsAt recurrence seriesId originalStartsAt';
const CREATE = `mutation ($input: CreateScheduleEntryInput!) { createScheduleEntry(input: $input) { ${ENTRY} } }`;
const EDIT = `mutation ($s: ID!, $at: DateTime!, $input: UpdateScheduleEntryInput!) { editScheduleOccurrence(seriesId: $s, originalStartsAt: $at, input: $input) { ${ENTRY} } }`;
const CANCEL = `mutation ($s: ID!, $at: DateTime!) { cancelScheduleOccurrence(seriesId: $s, originalStartsAt: $at) { ${ENTRY} } }`;
const UPDATE = `mutation ($id: ID!, $v: Int!, $input: UpdateScheduleEntryInput!) { updateScheduleEntry(id: $id, expectedVersion: $v, input: $input) { ${ENTRY} } }`;
const GET = `query ($id: ID!) { scheduleEntry(id: $id) { ${ENTRY} } }`;
const OCCURRENCES = `query ($range: ScheduleRangeInput!) { scheduleOccurrences(range: $range) { startsAt originalStartsAt isException entry { id title seriesId } } }`;
const STATUS = 'query ($id: ID!) { calendarSyncStatus(providerId: $id) { lastSuccessAt } }';
const HOUR = 3_600_000;
const WEEK = 7 * 86_400_000;
/** Days ahead at an hour (UTC): inside every provider's sync window (Graph delta is windowed around now). */
const at = (day: number, hour: number) => {
  const date = new Date(Date.now() + day * 86_400_000);
  date.setUTCHours(hour, 0, 0, 0);
  return date.toISOString();
};
const plus = (value: string, ms: number) => new Date(Date.parse(value) + ms).toISOString();
/** A Graph event time in UTC (the entries here are in UTC). */
const utc = (time: { dateTime: string; timeZone: string }) => new Date(`${time.dateTime.replace(/Z$/, '')}Z`).toISOString();

describe.each([
  ['GOOGLE', googleRemote, googleSeries],
  ['MICROSOFT', microsoftRemote, microsoftSeries],
] as const)('recurring series with %s (simulator)', (type, remoteOf, seriesOf) => {
  let h: CalendarHarness;
  let remote: RemoteCalendar;
  let series: RemoteSeries;
  let relay: OutboxRelay;
  let providerId: string;
  let calendarId: string;

  const gql = async (query: string, variables: Record<string, unknown>) => {
    const result = await h.t.gql(query, variables, h.tenant.apiKey);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data;
  };
  const runSync = () => calendarServices(h.t.runtime.deps).runner.run(h.tenant.tenantId, providerId);
  const mappingOf = async (column: 'schedule_entry_id' | 'external_event_id', value: string) =>
    (await queryDatabase<{ schedule_entry_id: string; external_event_id: string; local_version: number; sync_status: string }>(
      h.t.db.url,
      `select schedule_entry_id, external_event_id, local_version, sync_status from calendar_event_mappings where provider_id = $1 and ${column} = $2`,
      [providerId, value],
    ))[0];
  const pushed = async (entryId: string, version: number) => {
    await waitFor(async () => (await mappingOf('schedule_entry_id', entryId))?.local_version === version, `entry ${entryId} v${version} pushed`, 10_000);
    return (await mappingOf('schedule_entry_id', entryId))!;
  };
  const syncLog = (action: string) =>
    queryDatabase<{ outcome: string; external_event_id: string }>(h.t.db.url, 'select outcome, external_event_id from calendar_sync_log where provider_id = $1 and action = $2', [providerId, action]);
  /** Lets any (wrong) push that a pull's local write would trigger happen before writes are counted. */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 400));
  /** Once the echoes settled, a run finds nothing to pull and writes nothing to the provider. */
  const expectQuietRun = async () => {
    await settle();
    const writes = remote.writes();
    expect(await runSync()).toMatchObject({ pulled: 0, conflicts: 0, errors: 0 });
    await settle();
    expect(remote.writes()).toBe(writes);
  };

  beforeAll(async () => {
    h = await startCalendarHarness();
    remote = remoteOf(h);
    series = seriesOf(h);
    await h.t.runtime.deps.queue.startWorkers(h.t.runtime.registry.jobProcessors(h.t.runtime.deps));
    relay = createOutboxRelay(h.t.runtime.deps);
    await relay.start();
    providerId = await connectedProvider(h, type);
    const calendars = (await gql('mutation ($id: ID!) { listExternalCalendars(providerId: $id) { id primary } }', { id: providerId })).listExternalCalendars;
    calendarId = calendars.find((calendar: { primary: boolean }) => calendar.primary).id;
    await gql('mutation ($id: ID!, $input: UpdateCalendarProviderInput!) { updateCalendarProvider(id: $id, input: $input) { id } }', { id: providerId, input: { calendarId } });
    await waitFor(async () => (await gql(STATUS, { id: providerId })).calendarSyncStatus.lastSuccessAt !== null, 'the first run', 10_000);
  });
  afterAll(async () => {
    await relay?.stop();
    await h?.close();
  });

  it('pushes a weekly series with one moved and one cancelled instance as one series; the echoes write nothing', async () => {
    const first = at(14, 8);
    const created = (await gql(CREATE, {
      input: { title: 'Weekly review', startsAt: first, endsAt: plus(first, HOUR), timeZone: 'Europe/Berlin', recurrence: ['RRULE:FREQ=WEEKLY;COUNT=5'], assigneeIds: [h.tenant.userId] },
    })).createScheduleEntry;
    const master = (await pushed(created.id, 1)).external_event_id;

    // The second instance moves an hour later: the provider's own instance moves, the master stays as it was.
    const moved = (await gql(EDIT, { s: created.id, at: plus(first, WEEK), input: { startsAt: plus(first, WEEK + HOUR), endsAt: plus(first, WEEK + 2 * HOUR), title: 'Review (moved)' } })).editScheduleOccurrence;
    const instance = (await pushed(moved.id, 1)).external_event_id;
    expect(instance).not.toBe(master);
    const afterMove = series.instances(calendarId, master);
    // Written in the entry's own zone, not UTC (complaint 12).
    expect(afterMove.find((i) => i.id === instance)).toMatchObject({ startsAt: plus(first, WEEK + HOUR), originalStartsAt: plus(first, WEEK), title: 'Review (moved)', timeZone: 'Europe/Berlin' });
    expect(afterMove.filter((i) => i.title === 'Weekly review')).toHaveLength(4);

    // The fourth instance is cancelled: an EXDATE here, no instance there.
    const cancelled = (await gql(CANCEL, { s: created.id, at: plus(first, 3 * WEEK) })).cancelScheduleOccurrence;
    expect(cancelled.recurrence.some((line: string) => line.startsWith('EXDATE'))).toBe(true);
    await pushed(created.id, cancelled.version);
    await waitFor(async () => !series.instances(calendarId, master).some((i) => i.originalStartsAt === plus(first, 3 * WEEK)), 'the cancelled instance gone', 10_000);
    const remaining = series.instances(calendarId, master);
    expect(remaining.map((i) => i.originalStartsAt)).toEqual([0, 1, 2, 4].map((n) => plus(first, n * WEEK)));
    expect(remaining.find((i) => i.id === instance)).toMatchObject({ startsAt: plus(first, WEEK + HOUR), title: 'Review (moved)' });
    // No standalone event was made for the instance.
    expect(remote.events(calendarId).filter((event) => event.raw.includes(moved.id) && event.id !== instance)).toEqual([]);

    await expectQuietRun();
    expect((await gql(GET, { id: created.id })).scheduleEntry.version).toBe(cancelled.version);
    expect((await gql(GET, { id: moved.id })).scheduleEntry).toMatchObject({ version: 1, startsAt: plus(first, WEEK + HOUR) });
    expect((await mappingOf('schedule_entry_id', created.id))!.sync_status).toBe('synced');
  });

  it('pulls a provider’s weekly series with one moved and one cancelled instance into one series, its exception and an EXDATE; runs again write nothing', async () => {
    const first = at(21, 10);
    const master = series.seedWeekly(calendarId, 'Remote standup', first, 5);
    const [, second, , fourth] = series.instances(calendarId, master);
    series.moveInstance(calendarId, second.id, plus(first, WEEK + 2 * HOUR), plus(first, WEEK + 3 * HOUR));
    series.cancelInstance(calendarId, fourth.id);
    const writes = remote.writes();

    await runSync();
    const seriesMapping = (await mappingOf('external_event_id', master))!;
    const local = (await gql(GET, { id: seriesMapping.schedule_entry_id })).scheduleEntry;
    expect(local).toMatchObject({ title: 'Remote standup', startsAt: first, seriesId: null });
    expect(local.recurrence.filter((line: string) => line.startsWith('RRULE'))).toHaveLength(1);
    const exceptionMapping = (await mappingOf('external_event_id', second.id))!;
    expect(exceptionMapping.schedule_entry_id).not.toBe(local.id);
    expect((await gql(GET, { id: exceptionMapping.schedule_entry_id })).scheduleEntry).toMatchObject({
      seriesId: local.id, originalStartsAt: plus(first, WEEK), startsAt: plus(first, WEEK + 2 * HOUR),
    });
    const shown = (await gql(OCCURRENCES, { range: { start: plus(first, -HOUR), end: plus(first, 5 * WEEK) } })).scheduleOccurrences
      .filter((o: any) => o.entry.id === local.id || o.entry.seriesId === local.id);
    expect(shown.map((o: any) => [o.originalStartsAt, o.startsAt, o.isException])).toEqual([
      [first, first, false],
      [plus(first, WEEK), plus(first, WEEK + 2 * HOUR), true],
      [plus(first, 2 * WEEK), plus(first, 2 * WEEK), false],
      [plus(first, 4 * WEEK), plus(first, 4 * WEEK), false],
    ]);

    await settle();
    const versions = [local.version, (await gql(GET, { id: exceptionMapping.schedule_entry_id })).scheduleEntry.version];
    expect(await runSync()).toMatchObject({ pulled: 0, conflicts: 0, errors: 0 });
    await settle();
    expect(remote.writes()).toBe(writes);
    expect([(await gql(GET, { id: local.id })).scheduleEntry.version, (await gql(GET, { id: exceptionMapping.schedule_entry_id })).scheduleEntry.version]).toEqual(versions);
    // Nothing of the series became a standalone entry.
    expect(await syncLog('create_local')).toHaveLength(1);
  });

  it('later remote edits of the master and a cancellation of another instance touch only what changed', async () => {
    const first = at(40, 9);
    const master = series.seedWeekly(calendarId, 'Remote planning', first, 4);
    const [, second] = series.instances(calendarId, master);
    series.moveInstance(calendarId, second.id, plus(first, WEEK + HOUR), plus(first, WEEK + 2 * HOUR));
    await runSync();
    const localId = (await mappingOf('external_event_id', master))!.schedule_entry_id;
    const exceptionId = (await mappingOf('external_event_id', second.id))!.schedule_entry_id;

    // Only delta's removal (Graph) or a cancelled instance (Google) says the third instance is gone.
    series.cancelInstance(calendarId, series.instances(calendarId, master)[2].id);
    await runSync();
    const afterCancel = (await gql(GET, { id: localId })).scheduleEntry;
    expect(afterCancel.recurrence.filter((line: string) => line.startsWith('EXDATE'))).toHaveLength(1);

    // The master's title changes: the series follows, its EXDATE stays, the exception is not rewritten.
    series.renameSeries(calendarId, master, 'Remote planning (renamed)');
    await runSync();
    const renamed = (await gql(GET, { id: localId })).scheduleEntry;
    expect(renamed).toMatchObject({ title: 'Remote planning (renamed)', recurrence: afterCancel.recurrence });
    expect((await gql(GET, { id: exceptionId })).scheduleEntry).toMatchObject({ version: 1, startsAt: plus(first, WEEK + HOUR) });
    const shown = (await gql(OCCURRENCES, { range: { start: plus(first, -HOUR), end: plus(first, 4 * WEEK) } })).scheduleOccurrences
      .filter((o: any) => o.entry.id === localId || o.entry.seriesId === localId);
    expect(shown.map((o: any) => o.originalStartsAt)).toEqual([first, plus(first, WEEK), plus(first, 3 * WEEK)]);

    // Another instance moves: a new exception; the series itself is not rewritten (Graph moves the master's changeKey).
    const last = series.instances(calendarId, master).find((i) => i.originalStartsAt === plus(first, 3 * WEEK))!;
    series.moveInstance(calendarId, last.id, plus(first, 3 * WEEK + HOUR), plus(first, 3 * WEEK + 2 * HOUR));
    await runSync();
    expect((await gql(GET, { id: localId })).scheduleEntry.version).toBe(renamed.version);
    const lastException = (await mappingOf('external_event_id', last.id))!;
    expect((await gql(GET, { id: lastException.schedule_entry_id })).scheduleEntry).toMatchObject({ seriesId: localId, startsAt: plus(first, 3 * WEEK + HOUR) });
  });

  it('a remote move of an instance of our own series becomes a local exception; the series keeps its event', async () => {
    const first = at(50, 8);
    const created = (await gql(CREATE, {
      input: { title: 'Ours', startsAt: first, endsAt: plus(first, HOUR), recurrence: ['RRULE:FREQ=WEEKLY;COUNT=3'], assigneeIds: [h.tenant.userId] },
    })).createScheduleEntry;
    const master = (await pushed(created.id, 1)).external_event_id;
    const second = series.instances(calendarId, master)[1];
    series.moveInstance(calendarId, second.id, plus(first, WEEK + HOUR), plus(first, WEEK + 2 * HOUR));
    await runSync();
    expect((await mappingOf('schedule_entry_id', created.id))!.external_event_id).toBe(master);
    const exception = (await mappingOf('external_event_id', second.id))!;
    expect(exception.schedule_entry_id).not.toBe(created.id);
    expect((await gql(GET, { id: exception.schedule_entry_id })).scheduleEntry).toMatchObject({ seriesId: created.id, startsAt: plus(first, WEEK + HOUR) });
    expect((await gql(GET, { id: created.id })).scheduleEntry).toMatchObject({ version: 1, title: 'Ours' });
  });

  it('a moved instance whose series has not reached the provider waits for it, then moves the provider’s instance', async () => {
    const first = at(30, 7);
    series.failCreates();
    const created = (await gql(CREATE, {
      input: { title: 'Late series', startsAt: first, endsAt: plus(first, HOUR), recurrence: ['RRULE:FREQ=WEEKLY;COUNT=3'], assigneeIds: [h.tenant.userId] },
    })).createScheduleEntry;
    const moved = (await gql(EDIT, { s: created.id, at: plus(first, WEEK), input: { title: 'Late, moved' } })).editScheduleOccurrence;
    await waitFor(async () => (await syncLog('await_series')).length > 0, 'the instance push deferred', 10_000);
    expect(await mappingOf('schedule_entry_id', moved.id)).toBeUndefined();
    expect(remote.events(calendarId).filter((event) => event.raw.includes(moved.id))).toEqual([]);

    series.clearFaults();
    const push = calendarServices(h.t.runtime.deps).push;
    await push.push(h.tenant.tenantId, providerId, created.id);
    const master = (await mappingOf('schedule_entry_id', created.id))!.external_event_id;
    expect(await push.push(h.tenant.tenantId, providerId, moved.id)).toMatchObject({ action: 'update_instance' });
    const instance = (await mappingOf('schedule_entry_id', moved.id))!.external_event_id;
    expect(series.instances(calendarId, master).find((i) => i.id === instance)).toMatchObject({ originalStartsAt: plus(first, WEEK), title: 'Late, moved' });
    expect(remote.events(calendarId).filter((event) => event.raw.includes(moved.id) && event.id !== instance)).toEqual([]);
  });

  it('an all-day weekly series keeps its days: a moved and a cancelled instance reach the provider and come back as they were', async () => {
    const day = (n: number) => at(70 + n, 0).slice(0, 10);
    const created = (await gql(CREATE, {
      input: { title: 'On call', allDay: true, startDate: day(0), endDate: day(0), timeZone: 'America/New_York', recurrence: ['RRULE:FREQ=WEEKLY;COUNT=4'], assigneeIds: [h.tenant.userId] },
    })).createScheduleEntry;
    const master = (await pushed(created.id, 1)).external_event_id;
    const startOf = async (date: string) =>
      (await gql(OCCURRENCES, { range: { start: `${date}T00:00:00Z`, end: `${date}T23:59:59Z` } })).scheduleOccurrences.find((o: any) => o.entry.id === created.id || o.entry.seriesId === created.id)!.originalStartsAt;
    const moved = (await gql(EDIT, { s: created.id, at: await startOf(day(7)), input: { startDate: day(8), endDate: day(8) } })).editScheduleOccurrence;
    const instance = (await pushed(moved.id, 1)).external_event_id;
    const cancelled = (await gql(CANCEL, { s: created.id, at: await startOf(day(14)) })).cancelScheduleOccurrence;
    await pushed(created.id, cancelled.version);
    await waitFor(async () => !series.instances(calendarId, master).some((i) => i.originalStartsAt === day(14)), 'the cancelled day gone', 10_000);
    expect(series.instances(calendarId, master).map((i) => [i.originalStartsAt, i.startsAt])).toEqual([
      [day(0), day(0)], [day(7), day(8)], [day(21), day(21)],
    ]);
    expect(series.instances(calendarId, master).find((i) => i.id === instance)).toBeDefined();

    await expectQuietRun();
    expect((await gql(GET, { id: created.id })).scheduleEntry.version).toBe(cancelled.version);
    expect((await gql(GET, { id: moved.id })).scheduleEntry.version).toBe(1);
  });

  it('a rule the provider cannot express is never written as a different rule: Graph gets its occurrences as single events', async () => {
    const first = at(60, 9);
    const rdateAt = plus(first, 2 * 86_400_000);
    const rdate = `RDATE:${rdateAt.replace(/[-:]/g, '').slice(0, 15)}Z`;
    const created = (await gql(CREATE, {
      input: { title: 'Odd rule', startsAt: first, endsAt: plus(first, HOUR), timeZone: 'UTC', recurrence: ['RRULE:FREQ=WEEKLY;COUNT=5', rdate], assigneeIds: [h.tenant.userId] },
    })).createScheduleEntry;
    if (type === 'GOOGLE') {
      const master = (await pushed(created.id, 1)).external_event_id;
      expect(series.seriesRaw(calendarId, master)).toContain(rdate);
      return;
    }
    // Graph patterns have no RDATE: each occurrence inside the window is a single event, never a different rule.
    const ours = () => remote.events(calendarId).map((event) => JSON.parse(event.raw) as Record<string, any>).filter((event) => JSON.stringify(event).includes(created.id));
    const shown = () => ours().map((event) => ({ startsAt: utc(event.start), endsAt: utc(event.end), title: event.subject as string })).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
    const instance = (startsAt: string, title: string) => ({ startsAt, endsAt: plus(startsAt, HOUR), title });
    const expanded = () => queryDatabase<{ external_event_id: string }>(h.t.db.url, 'select external_event_id from calendar_expanded_instances where provider_id = $1 and schedule_entry_id = $2', [providerId, created.id]);
    // Enough of them that a listing takes the bulk import path (which a handful skips).
    const occurrences = [first, rdateAt, ...[1, 2, 3, 4].map((n) => plus(first, n * WEEK))];
    await waitFor(async () => shown().length === 6 && (await expanded()).length === 6, 'six single events', 10_000);
    expect(shown()).toEqual(occurrences.map((start) => instance(start, 'Odd rule')));
    expect(ours().every((event) => !event.recurrence && !event.seriesMasterId)).toBe(true);
    expect(await mappingOf('schedule_entry_id', created.id)).toBeUndefined();
    const logged = await queryDatabase<{ outcome: string; reason: string }>(h.t.db.url, "select outcome, reason from calendar_sync_log where provider_id = $1 and action = 'expanded' and schedule_entry_id = $2", [providerId, created.id]);
    expect(logged).toEqual([{ outcome: 'ok', reason: expect.stringContaining('Graph cannot express RDATE: pushed as 6 single events within the sync window') }]);

    // A series edit reaches every one of them.
    const renamed = (await gql(UPDATE, { id: created.id, v: created.version, input: { title: 'Odd rule, renamed' } })).updateScheduleEntry;
    await waitFor(async () => shown().every((event) => event.title === 'Odd rule, renamed'), 'the rename on every event', 10_000);
    expect(shown()).toEqual(occurrences.map((start) => instance(start, 'Odd rule, renamed')));

    // An exception moves its own instance (no series to wait for, no event of its own).
    const moved = (await gql(EDIT, { s: created.id, at: plus(first, WEEK), input: { title: 'Odd, moved', startsAt: plus(first, WEEK + HOUR), endsAt: plus(first, WEEK + 2 * HOUR) } })).editScheduleOccurrence;
    await waitFor(async () => shown().some((event) => event.title === 'Odd, moved'), 'the moved instance', 10_000);
    const renamedAt = (...starts: string[]) => starts.map((start) => instance(start, 'Odd rule, renamed'));
    expect(shown()).toEqual([...renamedAt(first, rdateAt), instance(plus(first, WEEK + HOUR), 'Odd, moved'), ...renamedAt(plus(first, 2 * WEEK), plus(first, 3 * WEEK), plus(first, 4 * WEEK))]);
    const entryLog = () => queryDatabase<{ action: string }>(h.t.db.url, 'select action from calendar_sync_log where schedule_entry_id = $1', [moved.id]);
    expect((await entryLog()).map((row) => row.action)).not.toContain('await_series');
    expect(await mappingOf('schedule_entry_id', moved.id)).toBeUndefined();

    // A cancelled occurrence (the RDATE one) loses its event.
    const cancelled = (await gql(CANCEL, { s: created.id, at: rdateAt })).cancelScheduleOccurrence;
    await waitFor(async () => shown().length === 5, 'the cancelled occurrence gone', 10_000);
    expect(shown().map((event) => event.startsAt)).toEqual([first, plus(first, WEEK + HOUR), ...[2, 3, 4].map((n) => plus(first, n * WEEK))]);

    // A run afterwards reads our own events back: it writes nothing, imports nothing, binds nothing.
    await settle();
    const writes = remote.writes();
    const entries = async () => (await queryDatabase<{ count: string }>(h.t.db.url, 'select count(*) as count from schedule_entries where tenant_id = $1', [h.tenant.tenantId]))[0]!.count;
    const before = await entries();
    expect(await runSync()).toMatchObject({ pulled: 0, conflicts: 0, errors: 0 });
    await settle();
    expect(remote.writes()).toBe(writes);
    expect(await entries()).toBe(before);
    expect(await mappingOf('schedule_entry_id', created.id)).toBeUndefined();
    expect((await gql(GET, { id: created.id })).scheduleEntry.version).toBe(cancelled.version);
    const skipped = await queryDatabase<{ reason: string }>(h.t.db.url, "select reason from calendar_sync_log where provider_id = $1 and direction = 'pull' and outcome = 'skipped' and external_event_id = any($2)", [
      providerId, (await expanded()).map((row) => row.external_event_id),
    ]);
    expect(skipped.length).toBeGreaterThan(0);
    expect(new Set(skipped.map((row) => row.reason))).toEqual(new Set(['instance of a series pushed as single events; edit the series here']));

    // Unassigning the owner takes every event of the series off the calendar.
    await gql(UPDATE, { id: created.id, v: cancelled.version, input: { assigneeIds: [] } });
    await waitFor(async () => shown().length === 0 && (await expanded()).length === 0, 'every event removed', 10_000);
    expect(renamed.version).toBeLessThan(cancelled.version);
  });
  it('a series switches between one event and single events as its rule becomes expressible and back, and leaves nothing when deleted', async () => {
    if (type === 'GOOGLE') return;
    const first = at(90, 15);
    const created = (await gql(CREATE, {
      input: { title: 'Twice daily', startsAt: first, endsAt: plus(first, HOUR), timeZone: 'UTC', recurrence: ['RRULE:FREQ=DAILY;COUNT=3;BYHOUR=9,15'], assigneeIds: [h.tenant.userId] },
    })).createScheduleEntry;
    const ours = () => remote.events(calendarId).filter((event) => event.raw.includes(created.id));
    // BYHOUR has no Graph pattern: 15:00 on the first day, then 09:00 and 15:00 on the next (COUNT counts each).
    await waitFor(async () => ours().length === 3, 'three single events', 10_000);
    const plain = (await gql(UPDATE, { id: created.id, v: created.version, input: { recurrence: ['RRULE:FREQ=DAILY;COUNT=3'] } })).updateScheduleEntry;
    const master = (await pushed(created.id, plain.version)).external_event_id;
    expect(ours().map((event) => event.id)).toEqual([master]);
    expect(series.instances(calendarId, master)).toHaveLength(3);
    // And back: the series' event goes with its mapping, the single events return.
    await gql(UPDATE, { id: created.id, v: plain.version, input: { recurrence: ['RRULE:FREQ=DAILY;COUNT=3;BYHOUR=9,15'] } });
    await waitFor(async () => ours().length === 3 && !ours().some((event) => event.id === master), 'single events again', 10_000);
    expect(await mappingOf('schedule_entry_id', created.id)).toBeUndefined();
    await gql('mutation ($id: ID!) { deleteScheduleEntry(id: $id) }', { id: created.id });
    await waitFor(async () => ours().length === 0, 'every event removed', 10_000);
    const rows = await queryDatabase(h.t.db.url, 'select 1 from calendar_expanded_instances where provider_id = $1 and schedule_entry_id = $2', [providerId, created.id]);
    expect(rows).toEqual([]);
  });
});
