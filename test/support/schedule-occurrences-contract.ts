import type { Edition } from '../../src/config/config';
import type { CreatedTenant } from '../../src/tenants/tenant.service';
import { createEntry, createUser, timedInput, UPDATE_ENTRY } from './schedule-fixtures';
import { startTestApp, type TestApp } from './test-app';
import { queryDatabase } from './test-database';

const OCCURRENCES = `query ($start: DateTime!, $end: DateTime!, $assigneeIds: [ID!]) {
  scheduleOccurrences(range: { start: $start, end: $end }, assigneeIds: $assigneeIds) {
    startsAt endsAt startDate endDate originalStartsAt isException entry { id title seriesId } } }`;
const EDIT = `mutation ($seriesId: ID!, $at: DateTime!, $input: UpdateScheduleEntryInput!) {
  editScheduleOccurrence(seriesId: $seriesId, originalStartsAt: $at, input: $input) { id title seriesId originalStartsAt startsAt version } }`;
const CANCEL = `mutation ($seriesId: ID!, $at: DateTime!) { cancelScheduleOccurrence(seriesId: $seriesId, originalStartsAt: $at) { id recurrence version } }`;

/** Occurrence expansion and the two instance mutations, through GraphQL; plus the outbox rows every write leaves. */
export function describeScheduleOccurrences(edition: Edition) {
  describe(`schedule occurrences (${edition})`, () => {
    let t: TestApp;
    let a: CreatedTenant;

    beforeAll(async () => {
      t = await startTestApp({ edition });
      a = await t.createTenant('Occurrences');
    });
    afterAll(() => t.close());

    const occurrences = async (start: string, end: string, key = a.apiKey, assigneeIds?: string[]) => {
      const result = await t.gql(OCCURRENCES, { start, end, assigneeIds }, key);
      if (result.errors) throw new Error(JSON.stringify(result.errors));
      return result.data.scheduleOccurrences as any[];
    };

    it('expands an all-day weekly series with an EXDATE, keeping dates in the entry’s zone', async () => {
      const series = await createEntry(t, a.apiKey, {
        title: 'Standup day', allDay: true, startDate: '2026-01-05', endDate: '2026-01-05', timeZone: 'America/Adak',
        recurrence: ['RRULE:FREQ=WEEKLY;COUNT=4', 'EXDATE;VALUE=DATE:20260112'],
      });
      const found = await occurrences('2026-01-01T00:00:00Z', '2026-03-01T00:00:00Z');
      const mine = found.filter((occurrence) => occurrence.entry.id === series.id);
      expect(mine.map((occurrence) => occurrence.startDate)).toEqual(['2026-01-05', '2026-01-19', '2026-01-26']);
      expect(mine[0]).toMatchObject({ endDate: '2026-01-05', startsAt: '2026-01-05T10:00:00.000Z', endsAt: '2026-01-06T10:00:00.000Z', isException: false });
    });

    it('replaces a moved instance with its exception and leaves a cancelled one out', async () => {
      const tech = await createUser(t, a.apiKey, a.tenantId);
      const series = await createEntry(t, a.apiKey, timedInput({
        title: 'Weekly review', startsAt: '2026-05-04T07:00:00Z', endsAt: '2026-05-04T08:00:00Z', timeZone: 'Europe/Berlin',
        recurrence: ['RRULE:FREQ=WEEKLY;COUNT=4'], assigneeIds: [tech.id],
      }));
      const moved = await t.gql(EDIT, { seriesId: series.id, at: '2026-05-11T07:00:00Z', input: { title: 'Review (moved)', startsAt: '2026-05-13T12:00:00Z', endsAt: '2026-05-13T13:00:00Z' } }, a.apiKey);
      expect(moved.data.editScheduleOccurrence).toMatchObject({ seriesId: series.id, originalStartsAt: '2026-05-11T07:00:00.000Z', startsAt: '2026-05-13T12:00:00.000Z', version: 1 });
      // Editing the same instance again updates its exception instead of adding a second one.
      const again = await t.gql(EDIT, { seriesId: series.id, at: '2026-05-11T07:00:00Z', input: { title: 'Review (moved twice)' } }, a.apiKey);
      expect(again.data.editScheduleOccurrence).toMatchObject({ id: moved.data.editScheduleOccurrence.id, version: 2, startsAt: '2026-05-13T12:00:00.000Z' });
      const cancelled = await t.gql(CANCEL, { seriesId: series.id, at: '2026-05-18T07:00:00Z' }, a.apiKey);
      expect(cancelled.data.cancelScheduleOccurrence).toMatchObject({ version: 2, recurrence: ['RRULE:FREQ=WEEKLY;COUNT=4', expect.stringMatching(/^EXDATE/)] });

      const found = (await occurrences('2026-05-01T00:00:00Z', '2026-06-01T00:00:00Z', a.apiKey, [tech.id])).filter(
        (occurrence) => occurrence.entry.id === series.id || occurrence.entry.seriesId === series.id,
      );
      expect(found.map((occurrence) => [occurrence.startsAt, occurrence.originalStartsAt, occurrence.isException, occurrence.entry.title])).toEqual([
        ['2026-05-04T07:00:00.000Z', '2026-05-04T07:00:00.000Z', false, 'Weekly review'],
        ['2026-05-13T12:00:00.000Z', '2026-05-11T07:00:00.000Z', true, 'Review (moved twice)'],
        ['2026-05-25T07:00:00.000Z', '2026-05-25T07:00:00.000Z', false, 'Weekly review'],
      ]);
      // A moved instance shows at its new time even when the range only holds the new time.
      const narrow = await occurrences('2026-05-13T00:00:00Z', '2026-05-14T00:00:00Z');
      expect(narrow.map((occurrence) => occurrence.entry.title)).toEqual(['Review (moved twice)']);
      // Cancelling a moved instance removes its exception too.
      await t.gql(CANCEL, { seriesId: series.id, at: '2026-05-11T07:00:00Z' }, a.apiKey);
      expect(await occurrences('2026-05-13T00:00:00Z', '2026-05-14T00:00:00Z')).toEqual([]);
      expect(await queryDatabase(t.db.url, 'select 1 from schedule_entries where series_id = $1', [series.id])).toEqual([]);
    });

    it('refuses an instance the series does not have, a second recurrence on an instance, and oversized ranges', async () => {
      const series = await createEntry(t, a.apiKey, timedInput({ recurrence: ['RRULE:FREQ=DAILY;COUNT=3'] }));
      const off = await t.gql(EDIT, { seriesId: series.id, at: '2026-03-02T09:30:00Z', input: { title: 'x' } }, a.apiKey);
      expect(off.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'originalStartsAt' });
      const nested = await t.gql(EDIT, { seriesId: series.id, at: '2026-03-03T09:00:00Z', input: { recurrence: ['RRULE:FREQ=DAILY'] } }, a.apiKey);
      expect(nested.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'recurrence' });
      const wide = await t.gql(OCCURRENCES, { start: '2026-01-01T00:00:00Z', end: '2027-02-06T00:00:00Z' }, a.apiKey);
      expect(wide.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'range' });
      const inverted = await t.gql(OCCURRENCES, { start: '2026-02-01T00:00:00Z', end: '2026-01-01T00:00:00Z' }, a.apiKey);
      expect(inverted.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'range' });
    });

    it('refuses a range holding more than 5,000 occurrences', async () => {
      const tenant = await t.createTenant('Dense');
      await createEntry(t, tenant.apiKey, timedInput({ startsAt: '2026-01-01T00:00:00Z', endsAt: '2026-01-01T00:10:00Z', recurrence: ['RRULE:FREQ=HOURLY'] }));
      const dense = await t.gql(OCCURRENCES, { start: '2026-01-01T00:00:00Z', end: '2026-12-01T00:00:00Z' }, tenant.apiKey);
      expect(dense.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'range' });
      expect(await occurrences('2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z', tenant.apiKey)).toHaveLength(24);
    });

    it('writes one domain event per change in the same transaction, and none for a refused write', async () => {
      const tenant = await t.createTenant('Outbox');
      const events = () =>
        queryDatabase<{ type: string; aggregate_id: string; payload: any }>(t.db.url, 'select type, aggregate_id, payload from domain_events where tenant_id = $1 order by created_at, id', [tenant.tenantId]);
      const entry = await createEntry(t, tenant.apiKey, timedInput());
      await t.gql(UPDATE_ENTRY, { id: entry.id, v: 1, input: { title: 'Renamed' } }, tenant.apiKey);
      const refused = await t.gql(UPDATE_ENTRY, { id: entry.id, v: 2, input: { assigneeIds: ['00000000-0000-4000-8000-000000000000'] } }, tenant.apiKey);
      expect(refused.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      await t.gql('mutation ($id: ID!) { deleteScheduleEntry(id: $id) }', { id: entry.id }, tenant.apiKey);
      const rows = await events();
      expect(rows.map((row) => row.type)).toEqual(['schedule_entry.created', 'schedule_entry.updated', 'schedule_entry.deleted']);
      expect(rows.every((row) => row.aggregate_id === entry.id)).toBe(true);
      expect(rows[1]!.payload.before.title).toBe('Site visit');
      expect(rows[1]!.payload.after.title).toBe('Renamed');
      expect(rows[2]!.payload.after).toBeNull();
    });
  });
}
