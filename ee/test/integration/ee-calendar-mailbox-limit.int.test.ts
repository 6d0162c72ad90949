/**
 * Outlook allows a few concurrent requests per app and mailbox and answers more with 429. Pushes of many entries
 * (the sync queue runs 4 at once) and a run of the same provider share the mailbox: the process keeps its own
 * requests in flight to one mailbox under CALENDAR_MAILBOX_CONCURRENCY, so the provider never has to refuse one.
 */
import { createOutboxRelay, type OutboxRelay } from '../../../src/events';
import { queryDatabase } from '../../../test/support/test-database';
import { waitFor } from '../../../test/support/wait-for';
import { calendarServices } from '../../src/calendar/calendar.module';
import { choosePrimaryCalendar, connectedProvider, startCalendarHarness, type CalendarHarness } from '../support/calendar-harness';
import { daysAhead } from '../support/future-dates';

const LIMIT = 2;
const ENTRIES = 12;
const CREATE = 'mutation ($input: CreateScheduleEntryInput!) { createScheduleEntry(input: $input) { id } }';

describe('requests in flight per mailbox (MICROSOFT simulator with a concurrency limit)', () => {
  let h: CalendarHarness;
  let relay: OutboxRelay;
  let providerId: string;

  beforeAll(async () => {
    h = await startCalendarHarness({ env: { CALENDAR_MAILBOX_CONCURRENCY: String(LIMIT) } });
    await h.t.runtime.deps.queue.startWorkers(h.t.runtime.registry.jobProcessors(h.t.runtime.deps));
    relay = createOutboxRelay(h.t.runtime.deps);
    await relay.start();
    providerId = await connectedProvider(h, 'MICROSOFT');
    await choosePrimaryCalendar(h, providerId);
    await waitFor(async () => (await queryDatabase(h.t.db.url, "select 1 from calendar_sync_runs where provider_id = $1 and status = 'succeeded'", [providerId])).length > 0, 'first run');
  }, 60_000);
  afterAll(async () => {
    await relay.stop();
    await h.close();
  });

  it('a burst of pushes and a run stay within the limit: Outlook never answers 429, every entry arrives once', async () => {
    h.microsoft.control.setMailboxConcurrencyLimit(LIMIT, 1);
    h.microsoft.control.setLatency(60);
    h.microsoft.control.clearRequestLog();
    const ids: string[] = [];
    for (let i = 0; i < ENTRIES; i++) {
      const created = await h.t.gql(CREATE, { input: { title: `Burst ${i}`, startsAt: daysAhead(3 + i, 9), endsAt: daysAhead(3 + i, 10), assigneeIds: [h.tenant.userId] } }, h.tenant.apiKey);
      ids.push(created.data!.createScheduleEntry.id);
    }
    const run = calendarServices(h.t.runtime.deps).runner.run(h.tenant.tenantId, providerId);
    await waitFor(
      async () => (await queryDatabase(h.t.db.url, 'select 1 from calendar_event_mappings where schedule_entry_id = any($1::uuid[])', [ids])).length === ENTRIES,
      'every entry pushed',
      30_000,
    );
    await run;
    const log = h.microsoft.control.requestLog();
    expect(log.filter((entry) => entry.method === 'POST' && /\/events$/.test(entry.path))).toHaveLength(ENTRIES);
    expect(log.filter((entry) => entry.status === 429)).toEqual([]);
  }, 60_000);
});
