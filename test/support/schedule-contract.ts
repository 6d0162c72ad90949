import { randomUUID } from 'node:crypto';
import type { Edition } from '../../src/config/config';
import type { CreatedTenant } from '../../src/tenants/tenant.service';
import { ENTRY_FIELDS, UPDATE_ENTRY, createEntry, createUser, timedInput, type TestUser } from './schedule-fixtures';
import { startTestApp, type TestApp } from './test-app';
import { queryDatabase } from './test-database';

const GET = `query ($id: ID!) { scheduleEntry(id: $id) { ${ENTRY_FIELDS} } }`;
const DELETE = 'mutation ($id: ID!, $v: Int) { deleteScheduleEntry(id: $id, expectedVersion: $v) }';
const CREATE = `mutation ($input: CreateScheduleEntryInput!) { createScheduleEntry(input: $input) { id } }`;
const code = (result: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => result.errors?.[0]?.extensions?.code;

/** Schedule entries are CE core: the same contract holds in both editions (ee/test runs it for enterprise). */
export function describeScheduleEntries(edition: Edition) {
  describe(`schedule entries (${edition})`, () => {
    let t: TestApp;
    let a: CreatedTenant;
    let b: CreatedTenant;
    let tech: TestUser;
    let other: TestUser;

    beforeAll(async () => {
      t = await startTestApp({ edition });
      a = await t.createTenant('Schedule A');
      b = await t.createTenant('Schedule B');
      tech = await createUser(t, a.apiKey, a.tenantId);
      other = await createUser(t, a.apiKey, a.tenantId);
    });
    afterAll(() => t.close());

    it('creates, reads, updates with a version check and deletes a timed entry', async () => {
      const entry = await createEntry(t, a.apiKey, timedInput({ assigneeIds: [tech.id], notes: 'Bring the ladder', externalRef: 'ticket-42' }));
      expect(entry).toMatchObject({
        title: 'Site visit', allDay: false, startsAt: '2026-03-02T09:00:00.000Z', endsAt: '2026-03-02T10:00:00.000Z', startDate: null,
        timeZone: 'Europe/Berlin', recurrence: [], status: 'SCHEDULED', version: 1, isPrivate: false, externalRef: 'ticket-42',
        assignees: [{ id: tech.id, email: tech.email }], createdBy: { id: a.userId },
      });
      expect((await t.gql(GET, { id: entry.id }, a.apiKey)).data.scheduleEntry).toEqual(entry);

      const updated = await t.gql(UPDATE_ENTRY, { id: entry.id, v: 1, input: { title: 'Site visit (moved)', endsAt: '2026-03-02T11:00:00.000Z', notes: '' } }, a.apiKey);
      expect(updated.data.updateScheduleEntry).toMatchObject({ title: 'Site visit (moved)', endsAt: '2026-03-02T11:00:00.000Z', notes: null, version: 2 });
      const stale = await t.gql(UPDATE_ENTRY, { id: entry.id, v: 1, input: { title: 'lost update' } }, a.apiKey);
      expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });

      expect(code(await t.gql(DELETE, { id: entry.id, v: 1 }, a.apiKey))).toBe('CONFLICT');
      expect((await t.gql(DELETE, { id: entry.id, v: 2 }, a.apiKey)).data.deleteScheduleEntry).toBe(entry.id);
      expect((await t.gql(GET, { id: entry.id }, a.apiKey)).data.scheduleEntry).toBeNull();
    });

    it('keeps all-day dates as dates: startsAt/endsAt are the zone’s day boundaries, endDate inclusive', async () => {
      const entry = await createEntry(t, a.apiKey, { title: 'Holiday', allDay: true, startDate: '2026-07-01', endDate: '2026-07-01', timeZone: 'America/New_York' });
      expect(entry).toMatchObject({ startDate: '2026-07-01', endDate: '2026-07-01', startsAt: '2026-07-01T04:00:00.000Z', endsAt: '2026-07-02T04:00:00.000Z' });
      const moved = await t.gql(UPDATE_ENTRY, { id: entry.id, v: 1, input: { timeZone: 'Pacific/Kiritimati' } }, a.apiKey);
      expect(moved.data.updateScheduleEntry).toMatchObject({ startDate: '2026-07-01', startsAt: '2026-06-30T10:00:00.000Z' });
      const timed = await t.gql(UPDATE_ENTRY, { id: entry.id, v: 2, input: { allDay: false, startsAt: '2026-07-01T08:00:00Z', endsAt: '2026-07-01T09:00:00Z' } }, a.apiKey);
      expect(timed.data.updateScheduleEntry).toMatchObject({ allDay: false, startDate: null, endDate: null, startsAt: '2026-07-01T08:00:00.000Z' });
    });

    it.each([
      ['an empty title', { title: '  ' }, 'title'],
      ['a 501-character title', { title: 'x'.repeat(501) }, 'title'],
      ['endsAt equal to startsAt', { endsAt: '2026-03-02T09:00:00.000Z' }, 'endsAt'],
      ['endsAt before startsAt', { endsAt: '2026-03-02T08:00:00.000Z' }, 'endsAt'],
      ['a single instance over 31 days', { endsAt: '2026-04-03T09:00:01.000Z' }, 'endsAt'],
      ['all-day without dates', { allDay: true, startsAt: null, endsAt: null }, 'startDate'],
      ['all-day with times', { allDay: true, startDate: '2026-03-02', endDate: '2026-03-02' }, 'startsAt'],
      ['a timed entry with dates', { startDate: '2026-03-02' }, 'startDate'],
      ['an unknown time zone', { timeZone: 'Mars/Olympus_Mons' }, 'timeZone'],
      ['an unparsable recurrence line', { recurrence: ['RRULE:FREQ=SOMETIMES'] }, 'recurrence'],
      ['an unsupported recurrence line', { recurrence: ['EXRULE:FREQ=WEEKLY'] }, 'recurrence'],
    ])('rejects %s with BAD_USER_INPUT naming the field', async (_label, overrides, field) => {
      const before = await queryDatabase(t.db.url, 'select count(*)::int as n from schedule_entries');
      const result = await t.gql(CREATE, { input: timedInput(overrides) }, a.apiKey);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(await queryDatabase(t.db.url, 'select count(*)::int as n from schedule_entries')).toEqual(before);
    });

    it('quotes the offending recurrence line', async () => {
      const result = await t.gql(CREATE, { input: timedInput({ recurrence: ['RRULE:FREQ=WEEKLY', 'EXRULE:FREQ=DAILY'] }) }, a.apiKey);
      expect(result.errors?.[0]?.message).toContain('EXRULE:FREQ=DAILY');
    });

    it('refuses more than 50 assignees, and assignees of another tenant as NOT_FOUND', async () => {
      const many = Array.from({ length: 51 }, () => randomUUID());
      expect((await t.gql(CREATE, { input: timedInput({ assigneeIds: many }) }, a.apiKey)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'assigneeIds' });
      const foreign = await createUser(t, b.apiKey, b.tenantId);
      const result = await t.gql(CREATE, { input: timedInput({ assigneeIds: [foreign.id] }) }, a.apiKey);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'assigneeIds' });
      const same = await t.gql(CREATE, { input: timedInput({ assigneeIds: [tech.id] }) }, a.apiKey);
      expect(same.errors).toBeUndefined();
    });

    describe('access', () => {
      let shared: any;
      let secret: any;
      beforeAll(async () => {
        shared = await createEntry(t, a.apiKey, timedInput({ title: 'Shared', assigneeIds: [tech.id] }));
        secret = await createEntry(t, a.apiKey, timedInput({ title: 'Private', assigneeIds: [tech.id], isPrivate: true }));
      });

      it.each([
        ['the admin', true, true, () => a.apiKey],
        ['the assignee', true, true, () => tech.apiKey],
        ['a non-assignee', true, false, () => other.apiKey],
        ['another tenant’s admin', false, false, () => b.apiKey],
      ])('%s: sees shared=%s, sees private=%s', async (_label, seesShared, seesPrivate, key) => {
        expect((await t.gql(GET, { id: shared.id }, key())).data.scheduleEntry?.id ?? null).toBe(seesShared ? shared.id : null);
        expect((await t.gql(GET, { id: secret.id }, key())).data.scheduleEntry?.id ?? null).toBe(seesPrivate ? secret.id : null);
        const listed = (await t.gql('{ scheduleEntries(first: 500) { edges { node { id } } } }', {}, key())).data.scheduleEntries.edges.map((edge: any) => edge.node.id);
        expect(listed.includes(shared.id)).toBe(seesShared);
        expect(listed.includes(secret.id)).toBe(seesPrivate);
      });

      it.each([
        ['the assignee may edit', () => tech.apiKey, () => shared, undefined],
        ['a non-assignee may not edit a visible entry', () => other.apiKey, () => shared, 'FORBIDDEN'],
        ['a non-assignee cannot even find a private entry', () => other.apiKey, () => secret, 'NOT_FOUND'],
        ['another tenant cannot find it', () => b.apiKey, () => shared, 'NOT_FOUND'],
      ])('%s', async (_label, key, target, expected) => {
        const current = (await t.gql(GET, { id: target().id }, a.apiKey)).data.scheduleEntry;
        const result = await t.gql(UPDATE_ENTRY, { id: current.id, v: current.version, input: { location: `by ${_label}` } }, key());
        expect(code(result)).toBe(expected);
        const after = (await t.gql(GET, { id: current.id }, a.apiKey)).data.scheduleEntry;
        expect(after.version).toBe(expected ? current.version : current.version + 1);
        if (expected) expect(code(await t.gql(DELETE, { id: current.id }, key()))).toBe(expected);
      });

      it('lets a user create entries and edit what they created', async () => {
        const own = await createEntry(t, other.apiKey, timedInput({ title: 'Mine', isPrivate: true }));
        expect(own.createdBy).toEqual({ id: other.id });
        expect((await t.gql(UPDATE_ENTRY, { id: own.id, v: 1, input: { title: 'Still mine' } }, other.apiKey)).data.updateScheduleEntry.version).toBe(2);
        expect((await t.gql(GET, { id: own.id }, tech.apiKey)).data.scheduleEntry).toBeNull();
      });
    });

    it('serialises two concurrent updates of one version: exactly one CONFLICT', async () => {
      const entry = await createEntry(t, a.apiKey, timedInput());
      const results = await Promise.all(
        ['first', 'second'].map((title) => t.gql(UPDATE_ENTRY, { id: entry.id, v: 1, input: { title } }, a.apiKey)),
      );
      expect(results.map(code).sort()).toEqual(['CONFLICT', undefined]);
      expect((await t.gql(GET, { id: entry.id }, a.apiKey)).data.scheduleEntry.version).toBe(2);
    });

    it('filters and pages scheduleEntries by range, assignee and status', async () => {
      const tenant = await t.createTenant('Listing');
      const person = await createUser(t, tenant.apiKey, tenant.tenantId);
      const mondays = await createEntry(t, tenant.apiKey, timedInput({ title: 'Weekly Monday', startsAt: '2026-03-02T08:00:00Z', endsAt: '2026-03-02T09:00:00Z', recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=MO'] }));
      const single = await createEntry(t, tenant.apiKey, timedInput({ title: 'Tuesday', startsAt: '2026-03-10T08:00:00Z', endsAt: '2026-03-10T09:00:00Z', assigneeIds: [person.id] }));
      const cancelled = await createEntry(t, tenant.apiKey, timedInput({ title: 'Old', startsAt: '2026-03-11T08:00:00Z', endsAt: '2026-03-11T09:00:00Z' }));
      await t.gql(UPDATE_ENTRY, { id: cancelled.id, v: 1, input: { status: 'CANCELLED' } }, tenant.apiKey);
      const list = async (args: string) =>
        (await t.gql(`{ scheduleEntries(${args}) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }`, {}, tenant.apiKey)).data.scheduleEntries;
      const ids = (connection: any) => connection.edges.map((edge: any) => edge.node.id);

      // Tuesday 10 March: the Monday series has no instance that day.
      expect(ids(await list('range: { start: "2026-03-10T00:00:00Z", end: "2026-03-11T00:00:00Z" }'))).toEqual([single.id]);
      // Monday 16 March is a Monday: the series counts, though it started two weeks before.
      expect(ids(await list('range: { start: "2026-03-16T00:00:00Z", end: "2026-03-17T00:00:00Z" }'))).toEqual([mondays.id]);
      expect(ids(await list(`assigneeIds: ["${person.id}"]`))).toEqual([single.id]);
      expect(ids(await list('status: [CANCELLED]'))).toEqual([cancelled.id]);
      const page1 = await list('first: 2');
      expect(page1.totalCount).toBe(3);
      expect(ids(page1)).toEqual([mondays.id, single.id]);
      const page2 = await list(`first: 2, after: "${page1.pageInfo.endCursor}"`);
      expect({ ids: ids(page2), next: page2.pageInfo.hasNextPage, total: page2.totalCount }).toEqual({ ids: [cancelled.id], next: false, total: 3 });
      const ranged = await list('first: 1, range: { start: "2026-03-01T00:00:00Z", end: "2026-04-01T00:00:00Z" }');
      expect({ total: ranged.totalCount, next: ranged.pageInfo.hasNextPage }).toEqual({ total: 3, next: true });
      expect(code(await t.gql('{ scheduleEntries(first: 501) { totalCount } }', {}, tenant.apiKey))).toBe('BAD_USER_INPUT');
    });
  });
}
