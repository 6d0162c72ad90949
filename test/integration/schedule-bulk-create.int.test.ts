import type { RequestContext } from '../../src/auth/request-context';
import { ScheduleEntryService } from '../../src/schedule/schedule-entry.service';
import type { CreatedTenant } from '../../src/tenants/tenant.service';
import { ENTRY_FIELDS, createEntry, createUser, timedInput, type TestUser } from '../support/schedule-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';
import { queryDatabase } from '../support/test-database';

/** GraphQL inputs carry ISO strings where the service takes Dates. */
const serviceInput = (input: Record<string, unknown>) => ({
  ...input,
  ...(typeof input.startsAt === 'string' ? { startsAt: new Date(input.startsAt) } : {}),
  ...(typeof input.endsAt === 'string' ? { endsAt: new Date(input.endsAt) } : {}),
}) as never;

const GET = `query ($id: ID!) { scheduleEntry(id: $id) { ${ENTRY_FIELDS} } }`;

/** createMany is an import's path: it must store exactly what one-by-one creates store, with the same events. */
describe('ScheduleEntryService.createMany', () => {
  let t: TestApp;
  let tenant: CreatedTenant;
  let tech: TestUser;
  let service: ScheduleEntryService;
  let auth: RequestContext;

  beforeAll(async () => {
    t = await startTestApp();
    tenant = await t.createTenant('Bulk');
    tech = await createUser(t, tenant.apiKey, tenant.tenantId);
    service = new ScheduleEntryService({ orm: t.runtime.deps.orm });
    auth = { tenantId: tenant.tenantId, userId: tenant.userId, role: 'admin', via: 'system', origin: 'import:test' };
  });
  afterAll(() => t.close());

  const read = async (id: string) => (await t.gql(GET, { id }, tenant.apiKey)).data.scheduleEntry;
  const events = (ids: string[]) =>
    queryDatabase<{ aggregate_id: string; type: string; payload: { before: unknown; after: { id: string; assigneeIds: string[] }; origin?: string } }>(
      t.db.url,
      'select aggregate_id, type, payload from domain_events where aggregate_id = any($1::uuid[]) order by seq',
      [ids],
    );

  it('stores what single creates store, assignees included, with one created event each carrying its origin', async () => {
    const inputs = [
      timedInput({ title: 'Bulk one', assigneeIds: [tech.id], notes: 'n1' }),
      { title: 'Bulk all-day', allDay: true, startDate: '2026-07-01', endDate: '2026-07-02', timeZone: 'Pacific/Kiritimati', assigneeIds: [tech.id] },
      timedInput({ title: 'Bulk series', recurrence: ['RRULE:FREQ=WEEKLY;COUNT=3'], assigneeIds: [] }),
    ];
    const created = await service.createMany(auth, inputs.map(serviceInput));
    expect(created.map((entry) => entry.title)).toEqual(['Bulk one', 'Bulk all-day', 'Bulk series']);
    expect(created.map((entry) => entry.assigneeIds)).toEqual([[tech.id], [tech.id], []]);

    const single = await createEntry(t, tenant.apiKey, inputs[1]!);
    const [bulkRead, singleRead] = [await read(created[1]!.id), await read(single.id)];
    const comparable = ({ id: _id, createdAt: _at, updatedAt: _up, ...rest }: Record<string, unknown>) => rest;
    expect(comparable(bulkRead)).toEqual(comparable(singleRead));

    const recorded = await events(created.map((entry) => entry.id));
    expect(recorded.map((event) => [event.aggregate_id, event.type, event.payload.origin])).toEqual(
      created.map((entry) => [entry.id, 'schedule_entry.created', 'import:test']),
    );
    expect(recorded[0]!.payload.after).toMatchObject({ id: created[0]!.id, assigneeIds: [tech.id] });
  });

  it('writes nothing when one input is invalid', async () => {
    const count = async () => (await queryDatabase<{ n: number }>(t.db.url, 'select count(*)::int as n from schedule_entries'))[0]!.n;
    const before = await count();
    await expect(service.createMany(auth, [timedInput({ title: 'fine' }), timedInput({ title: ' ' })].map(serviceInput))).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(service.createMany(auth, [timedInput({ title: 'fine', assigneeIds: ['00000000-0000-4000-8000-000000000000'] })].map(serviceInput))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await count()).toBe(before);
  });
});
