import type { ScheduleEntryRecord } from '../../../src/schedule/schedule-entry';
import { inexpressibleParts, planExpandedPush, wantedInstances, type StoredInstance } from '../../src/calendar/sync/expanded-series-decision';

const OWNER = 'owner';
const DAY = 86_400_000;
const T0 = Date.parse('2027-01-04T09:00:00Z');
const window = { start: new Date(T0 - 30 * DAY), end: new Date(T0 + 365 * DAY) };

const entry = (overrides: Partial<ScheduleEntryRecord> = {}): ScheduleEntryRecord => ({
  id: 'series', tenantId: 't', title: 'Odd rule', notes: null, location: null, allDay: false, startsAt: new Date(T0), endsAt: new Date(T0 + 3_600_000),
  startDate: null, endDate: null, timeZone: 'UTC', recurrence: ['RRULE:FREQ=WEEKLY;COUNT=3', 'RDATE:20270106T090000Z'], recurrenceEndsAt: null,
  seriesId: null, originalStartsAt: null, isPrivate: false, status: 'scheduled', externalRef: null, version: 1, createdBy: null,
  createdAt: new Date(T0), updatedAt: new Date(T0), assigneeIds: [OWNER], ...overrides,
});
const exception = (day: number, overrides: Partial<ScheduleEntryRecord> = {}) =>
  entry({ id: `ex${day}`, recurrence: [], seriesId: 'series', originalStartsAt: new Date(T0 + day * DAY), startsAt: new Date(T0 + day * DAY + 7_200_000), endsAt: new Date(T0 + day * DAY + 10_800_000), ...overrides });
const starts = (days: number[]) => days.map((day) => T0 + day * DAY);
const wanted = (series: ScheduleEntryRecord | undefined, exceptions: ScheduleEntryRecord[] = []) => wantedInstances(series, exceptions, OWNER, window).instances;

describe('wantedInstances: the single events a series the provider cannot express becomes', () => {
  it.each<[string, ScheduleEntryRecord | undefined, ScheduleEntryRecord[], number[], string[]]>([
    ['every occurrence of the rule and its RDATE', entry(), [], [0, 2, 7, 14], ['series', 'series', 'series', 'series']],
    ['an EXDATE leaves its occurrence out', entry({ recurrence: ['RRULE:FREQ=WEEKLY;COUNT=3', 'RDATE:20270106T090000Z', 'EXDATE:20270111T090000Z'] }), [], [0, 2, 14], ['series', 'series', 'series']],
    ['an exception replaces its occurrence (named by the unmoved start)', entry(), [exception(7)], [0, 2, 7, 14], ['series', 'series', 'ex7', 'series']],
    ['a cancelled exception removes it', entry(), [exception(7, { status: 'cancelled' })], [0, 2, 14], ['series', 'series', 'series']],
    ['an exception the owner left removes it', entry(), [exception(7, { assigneeIds: ['someone'] })], [0, 2, 14], ['series', 'series', 'series']],
    ['nothing once the owner leaves the series', entry({ assigneeIds: ['someone'] }), [], [], []],
    ['nothing for a cancelled series', entry({ status: 'cancelled' }), [], [], []],
    ['nothing for a deleted series', undefined, [], [], []],
  ])('%s', (_label, series, exceptions, days, sources) => {
    const instances = wanted(series, exceptions);
    expect(instances.map((instance) => instance.occurrenceStart)).toEqual(starts(days));
    expect(instances.map((instance) => instance.source.id)).toEqual(sources);
  });

  it('says whether the series is wanted at all (an empty window is not a deleted series)', () => {
    expect(wantedInstances(entry(), [], OWNER, { start: new Date(T0 + 400 * DAY), end: new Date(T0 + 401 * DAY) })).toMatchObject({ instances: [], seriesWanted: true });
    expect(wantedInstances(entry({ status: 'cancelled' }), [], OWNER, window)).toMatchObject({ instances: [], seriesWanted: false });
  });

  it('only inside the window', () => {
    const old = entry({ startsAt: new Date(T0 - 60 * DAY), endsAt: new Date(T0 - 60 * DAY + 3_600_000), recurrence: ['RRULE:FREQ=DAILY;COUNT=40', 'RDATE:20270105T090000Z'] });
    expect(wantedInstances(old, [], OWNER, window).instances.map((instance) => instance.occurrenceStart)).toEqual([...starts([-30, -29, -28, -27, -26, -25, -24, -23, -22, -21]), T0 + DAY]);
  });
});

const want = (day: number, source = 'series', version = 1) => ({ occurrenceStart: T0 + day * DAY, source: { id: source, version } });
const row = (day: number, sourceEntryId = 'series', localVersion = 1): StoredInstance => ({ occurrenceStart: T0 + day * DAY, sourceEntryId, localVersion });
const days = (items: Array<{ occurrenceStart: number }>) => items.map((item) => (item.occurrenceStart - T0) / DAY);

describe('planExpandedPush: from (wanted occurrences, stored rows) to writes', () => {
  // Spread arguments: jest takes a test function with more parameters than a row has for one that wants `done`.
  it.each<[string, ReturnType<typeof want>[], StoredInstance[], number[], number[], number[], number?]>([
    ['a first push creates every occurrence', [want(0), want(2)], [], [0, 2], [], []],
    ['pushed as they are: nothing', [want(0), want(2)], [row(0), row(2)], [], [], []],
    ['a series edit rewrites the occurrences it carries', [want(0, 'series', 2), want(2, 'series', 2)], [row(0), row(2)], [], [0, 2], []],
    ['an exception takes over its occurrence', [want(0), want(2, 'ex2', 1)], [row(0), row(2)], [], [2], []],
    ['an exception removed gives it back to the series, even at the same version', [want(0), want(2)], [row(0), row(2, 'ex2', 1)], [], [2], []],
    ['a version moved backwards still rewrites (the row says what we wrote, not an order)', [want(0, 'series', 1)], [row(0, 'series', 3)], [], [0], []],
    ['an occurrence no longer wanted is deleted', [want(0)], [row(0), row(2)], [], [], [2]],
    ['owner left, series cancelled or deleted: everything goes', [], [row(0), row(2)], [], [], [0, 2]],
    ['create, update and delete at once', [want(0, 'series', 2), want(9)], [row(0), row(2)], [9], [0], [2]],
    ['an occurrence the window has moved past stays while the series is wanted', [want(7)], [row(-40), row(0), row(7)], [], [], [0], T0 - 30 * DAY],
    ['…and goes with the series', [], [row(-40), row(7)], [], [], [-40, 7], undefined],
  ])('%s', (...[, wantedRows, storedRows, created, updated, deleted, keepBefore]) => {
    const plan = planExpandedPush(wantedRows, storedRows, keepBefore);
    expect(days(plan.create)).toEqual(created);
    expect(days(plan.update.map((item) => item.stored))).toEqual(updated);
    expect(days(plan.delete)).toEqual(deleted);
  });
});

describe('inexpressibleParts', () => {
  it.each([
    [['RRULE:FREQ=WEEKLY', 'RDATE:20270106T090000Z'], 'RDATE'],
    [['RRULE:FREQ=WEEKLY', 'RRULE:FREQ=MONTHLY'], 'several RRULEs'],
    [['RRULE:FREQ=DAILY;BYHOUR=9,17'], 'the rule RRULE:FREQ=DAILY;BYHOUR=9,17'],
  ])('%j → %s', (lines, expected) => expect(inexpressibleParts(lines)).toBe(expected));
});
