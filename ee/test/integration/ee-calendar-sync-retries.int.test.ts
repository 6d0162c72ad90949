/**
 * One failed write is contained to its mapping: it says why and which way, waits an exponential, jittered delay,
 * and a later run tries again the same way. Driven by hand (no queue workers, no relay) so that only the mapping's
 * own retry can repair it: the job-level retries of the push queue are not in play here.
 */
import { queryDatabase } from '../../../test/support/test-database';
import { calendarServices } from '../../src/calendar/calendar.module';
import { choosePrimaryCalendar, connectedProvider, startCalendarHarness, type CalendarHarness } from '../support/calendar-harness';
import { daysAhead } from '../support/future-dates';
import { googleRemote, microsoftRemote, type RemoteCalendar } from '../support/sync-remote';

const CREATE = 'mutation ($input: CreateScheduleEntryInput!) { createScheduleEntry(input: $input) { id version } }';
const UPDATE = 'mutation ($id: ID!, $v: Int!, $input: UpdateScheduleEntryInput!) { updateScheduleEntry(id: $id, expectedVersion: $v, input: $input) { id version } }';

interface MappingRow {
  sync_status: string;
  error_direction: string | null;
  attempts: number;
  last_error: string | null;
  due_in_seconds: number | null;
  external_event_id: string;
}

describe.each([
  ['GOOGLE', googleRemote],
  ['MICROSOFT', microsoftRemote],
] as const)('failed writes retried with backoff (%s simulator)', (type, remoteOf) => {
  let h: CalendarHarness;
  let remote: RemoteCalendar;
  let providerId: string;
  let calendarId: string;

  const services = () => calendarServices(h.t.runtime.deps);
  const gql = async (query: string, variables: Record<string, unknown>) => {
    const result = await h.t.gql(query, variables, h.tenant.apiKey);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data;
  };
  const mapping = async (entryId: string) =>
    (await queryDatabase<MappingRow>(
      h.t.db.url,
      `select sync_status, error_direction, attempts, last_error, external_event_id,
              extract(epoch from next_attempt_at - now())::float as due_in_seconds
         from calendar_event_mappings where schedule_entry_id = $1`,
      [entryId],
    ))[0]!;
  const failWrites = () =>
    type === 'GOOGLE'
      ? h.google.control.injectFault({ match: { method: 'PATCH' }, status: 500, times: 1 })
      : void h.microsoft.control.injectFault({ match: { method: 'PATCH' }, status: 500, times: 1 });

  /** An entry pushed once, then edited, whose update push fails at the provider: its mapping is marked failed. */
  async function entryWithFailedPush(title: string, day: number): Promise<{ id: string }> {
    const entry = (await gql(CREATE, { input: { title, startsAt: daysAhead(day, 9), endsAt: daysAhead(day, 10), assigneeIds: [h.tenant.userId] } })).createScheduleEntry;
    await services().push.push(h.tenant.tenantId, providerId, entry.id);
    await gql(UPDATE, { id: entry.id, v: 1, input: { title: `${title} (moved)` } });
    failWrites();
    await expect(services().push.push(h.tenant.tenantId, providerId, entry.id)).rejects.toThrow();
    return entry;
  }

  beforeAll(async () => {
    h = await startCalendarHarness();
    remote = remoteOf(h);
    providerId = await connectedProvider(h, type);
    calendarId = await choosePrimaryCalendar(h, providerId);
    await services().runner.run(h.tenant.tenantId, providerId);
  }, 60_000);
  afterAll(() => h.close());

  it('a failed push marks its mapping (reason, direction, backoff) and a run after the backoff pushes it again', async () => {
    const entry = await entryWithFailedPush('Quarterly review', 5);

    const failed = await mapping(entry.id);
    expect(failed).toMatchObject({ sync_status: 'error', error_direction: 'push', attempts: 1, last_error: expect.any(String) });
    // 1 minute, jittered into its upper half.
    expect(failed.due_in_seconds).toBeGreaterThan(25);
    expect(failed.due_in_seconds).toBeLessThanOrEqual(60);

    // Not due yet: a run leaves it alone.
    await services().runner.run(h.tenant.tenantId, providerId);
    expect(await mapping(entry.id)).toMatchObject({ sync_status: 'error', attempts: 1 });
    expect(remote.events(calendarId).find((event) => event.id === failed.external_event_id)!.title).toBe('Quarterly review');

    await queryDatabase(h.t.db.url, "update calendar_event_mappings set next_attempt_at = now() - interval '1 second' where schedule_entry_id = $1", [entry.id]);
    await services().runner.run(h.tenant.tenantId, providerId);
    expect(await mapping(entry.id)).toMatchObject({ sync_status: 'synced', error_direction: null, attempts: 0, due_in_seconds: null });
    expect(remote.events(calendarId).find((event) => event.id === failed.external_event_id)!.title).toBe('Quarterly review (moved)');
  });

  it('failing again waits longer', async () => {
    const entry = await entryWithFailedPush('Standup', 6);
    await queryDatabase(h.t.db.url, "update calendar_event_mappings set next_attempt_at = now() - interval '1 second' where schedule_entry_id = $1", [entry.id]);
    failWrites();
    await services().runner.run(h.tenant.tenantId, providerId);
    const again = await mapping(entry.id);
    expect(again).toMatchObject({ sync_status: 'error', error_direction: 'push', attempts: 2 });
    expect(again.due_in_seconds).toBeGreaterThan(55);
    expect(again.due_in_seconds).toBeLessThanOrEqual(120);
  });
});
