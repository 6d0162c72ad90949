// Contract: relativeMonthly / relativeYearly series of the Microsoft simulator through @microsoft/microsoft-graph-client:
// expansion in calendarView and instances, range types, recurrenceTimeZone, input validation, the recurrence Graph
// echoes back, and an exception and a cancellation as calendarView delta reports them.
// learn.microsoft.com/graph/api/resources/recurrencepattern, learn.microsoft.com/graph/outlook-schedule-recurring-events
import { Client, GraphError } from '@microsoft/microsoft-graph-client';
import { MicrosoftSimulator, startMicrosoftSimulator } from '../fakes/microsoft/microsoft-simulator';
import { freshCalendarUser, graphClient } from '../fakes/microsoft/test-kit';

const CLIENT_ID = '55555555-aaaa-4bbb-8ccc-000000000005';
const SECRET = 'relative~secret';
const REDIRECT = 'http://localhost/cb';
const ALICE = 'alice@contoso.test';
const PST = 'Pacific Standard Time';

let sim: MicrosoftSimulator;
let client: Client;

beforeAll(async () => {
  sim = await startMicrosoftSimulator();
});
afterAll(() => sim.close());
beforeEach(async () => {
  const accessToken = await freshCalendarUser(sim, { clientId: CLIENT_ID, clientSecret: SECRET, redirectUri: REDIRECT }, ALICE);
  client = graphClient(sim.graphUrl, async () => accessToken);
});

type Pattern = Record<string, unknown>;
type Range = Record<string, unknown>;
interface GraphEvent { id: string; type: string; seriesMasterId?: string; originalStart?: string; start: { dateTime: string }; subject: string }

/** A 30-minute series at `time` local (PST) starting on `startDate`. */
function series(subject: string, startDate: string, pattern: Pattern, range: Range, time = '09:00', timeZone = PST) {
  return {
    subject,
    start: { dateTime: `${startDate}T${time}:00`, timeZone },
    end: { dateTime: `${startDate}T${time.slice(0, 3)}30:00`, timeZone },
    recurrence: { pattern, range: { startDate, ...range } },
  };
}

async function view(from: string, to: string, prefer = `outlook.timezone="${PST}"`): Promise<GraphEvent[]> {
  const page = await client.api('/me/calendarView').query({ startDateTime: `${from}T00:00:00Z`, endDateTime: `${to}T00:00:00Z` })
    .header('Prefer', prefer).top(100).get();
  return page.value;
}

const localStarts = (events: GraphEvent[]) => events.map((e) => e.start.dateTime.slice(0, 16));

async function graphFailure(promise: Promise<unknown>): Promise<GraphError> {
  return promise.then(() => { throw new Error('expected a GraphError'); }, (err: GraphError) => err);
}

describe('relativeMonthly expansion', () => {
  it('second Tuesday every month (numbered): same local time across the DST change', async () => {
    const master = await client.api('/me/events').post(series('Board', '2030-01-08',
      { type: 'relativeMonthly', interval: 1, daysOfWeek: ['tuesday'], index: 'second' }, { type: 'numbered', numberOfOccurrences: 4 }));
    const occurrences = await view('2030-01-01', '2030-12-31');
    expect(localStarts(occurrences)).toEqual(['2030-01-08T09:00', '2030-02-12T09:00', '2030-03-12T09:00', '2030-04-09T09:00']);
    expect(occurrences.every((o) => o.type === 'occurrence' && o.seriesMasterId === master.id)).toBe(true);
    expect(occurrences.map((o) => o.originalStart)).toEqual(['2030-01-08T17:00:00Z', '2030-02-12T17:00:00Z', '2030-03-12T16:00:00Z', '2030-04-09T16:00:00Z']);
  });

  it('last Friday every 2 months (endDate), firstDayOfWeek accepted and ignored', async () => {
    await client.api('/me/events').post(series('Payday', '2030-01-25',
      { type: 'relativeMonthly', interval: 2, daysOfWeek: ['friday'], index: 'last', firstDayOfWeek: 'monday' }, { type: 'endDate', endDate: '2030-07-31' }));
    expect(localStarts(await view('2030-01-01', '2031-01-01'))).toEqual(['2030-01-25T09:00', '2030-03-29T09:00', '2030-05-31T09:00', '2030-07-26T09:00']);
  });

  it('index last over several allowed days: the last weekday of each month, whatever weekday it is', async () => {
    await client.api('/me/events').post(series('Close books', '2030-03-29',
      { type: 'relativeMonthly', interval: 1, daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'], index: 'last' },
      { type: 'numbered', numberOfOccurrences: 3 }));
    expect(localStarts(await view('2030-03-01', '2030-12-31'))).toEqual(['2030-03-29T09:00', '2030-04-30T09:00', '2030-05-31T09:00']);
  });

  it('counts the interval from the first month with a match on or after startDate (docs: first Thursday every other month from Aug 29)', async () => {
    await client.api('/me/events').post(series('Sync', '2017-08-29',
      { type: 'relativeMonthly', interval: 2, daysOfWeek: ['thursday'], index: 'first' }, { type: 'noEnd' }, '14:00'));
    expect(localStarts(await view('2017-08-01', '2018-02-01'))).toEqual(['2017-09-07T14:00', '2017-11-02T14:00', '2018-01-04T14:00']);
  });

  it('expands in the wall time of range.recurrenceTimeZone rather than the start zone', async () => {
    const body = (range: Range) => series('Zoned', '2030-02-12',
      { type: 'relativeMonthly', interval: 1, daysOfWeek: ['tuesday'], index: 'second' }, { type: 'numbered', numberOfOccurrences: 2, ...range }, '17:00', 'UTC');
    const zoned = await client.api('/me/events').post(body({ recurrenceTimeZone: PST }));
    const utc = await client.api('/me/events').post(body({}));
    const window = { startDateTime: '2030-02-01T00:00:00Z', endDateTime: '2030-04-01T00:00:00Z' };
    const zonedStarts = (await client.api(`/me/events/${zoned.id}/instances`).query(window).get()).value.map((o: GraphEvent) => o.originalStart);
    const utcStarts = (await client.api(`/me/events/${utc.id}/instances`).query(window).get()).value.map((o: GraphEvent) => o.originalStart);
    expect(zonedStarts).toEqual(['2030-02-12T17:00:00Z', '2030-03-12T16:00:00Z']);
    expect(utcStarts).toEqual(['2030-02-12T17:00:00Z', '2030-03-12T17:00:00Z']);
  });
});

describe('relativeYearly expansion', () => {
  it('first Monday of March every year (noEnd) from a January startDate, also through /events/{id}/instances', async () => {
    const master = await client.api('/me/events').post(series('Kick-off', '2030-01-15',
      { type: 'relativeYearly', interval: 1, daysOfWeek: ['monday'], index: 'first', month: 3 }, { type: 'noEnd' }));
    const expected = ['2030-03-04T09:00', '2031-03-03T09:00', '2032-03-01T09:00', '2033-03-07T09:00'];
    expect(localStarts(await view('2030-01-01', '2034-01-01'))).toEqual(expected);
    const instances = await client.api(`/me/events/${master.id}/instances`).query({ startDateTime: '2030-01-01T00:00:00Z', endDateTime: '2034-01-01T00:00:00Z' })
      .header('Prefer', `outlook.timezone="${PST}"`).get();
    expect(localStarts(instances.value)).toEqual(expected);
  });
});

describe('what Graph stores and answers', () => {
  it('echoes the recurrence with every pattern and range property filled in', async () => {
    const created = await client.api('/me/events').post(series('Board', '2030-01-08',
      { type: 'relativeMonthly', interval: 1, daysOfWeek: ['Tuesday'], index: 'second' }, { type: 'numbered', numberOfOccurrences: 4 }));
    expect((await client.api(`/me/events/${created.id}`).get()).recurrence).toEqual({
      pattern: { type: 'relativeMonthly', interval: 1, month: 0, dayOfMonth: 0, daysOfWeek: ['tuesday'], firstDayOfWeek: 'sunday', index: 'second' },
      range: { type: 'numbered', startDate: '2030-01-08', endDate: '0001-01-01', recurrenceTimeZone: PST, numberOfOccurrences: 4 },
    });
  });

  const monthly = { type: 'relativeMonthly', interval: 1, daysOfWeek: ['monday'], index: 'first' };
  const yearly = { ...monthly, type: 'relativeYearly', month: 3 };
  it.each([['relativeMonthly', monthly], ['relativeYearly', yearly]])('accepts the valid %s pattern each rejection below changes in one property', async (_name, pattern) => {
    const created = await client.api('/me/events').post(series('ok', '2030-03-04', pattern, { type: 'noEnd' }));
    expect(created.type).toBe('seriesMaster');
  });

  it.each([
    ['relativeMonthly without daysOfWeek', { ...monthly, daysOfWeek: undefined }],
    ['relativeYearly without daysOfWeek', { ...yearly, daysOfWeek: undefined }],
    ['relativeYearly without month', { ...yearly, month: undefined }],
    ['relativeYearly with month 13', { ...yearly, month: 13 }],
    ['an index outside first..last', { ...monthly, index: 'fifth' }],
    ['a daysOfWeek value that is no day', { ...monthly, daysOfWeek: ['funday'] }],
  ])('answers 400 ErrorInvalidRequest for %s and stores nothing', async (_name, pattern) => {
    const err = await graphFailure(client.api('/me/events').post(series('bad', '2030-03-04', pattern, { type: 'noEnd' })));
    expect([err.statusCode, err.code]).toEqual([400, 'ErrorInvalidRequest']);
    expect(sim.control.events(ALICE)).toEqual([]);
  });

  it('answers 400 TimeZoneNotSupportedException for an unknown recurrenceTimeZone', async () => {
    const err = await graphFailure(client.api('/me/events').post(series('bad', '2030-03-04', monthly, { type: 'noEnd', recurrenceTimeZone: 'Mars/Olympus' })));
    expect([err.statusCode, err.code]).toEqual([400, 'TimeZoneNotSupportedException']);
  });
});

describe('a relativeMonthly series in calendarView delta', () => {
  it('reports a moved occurrence as an exception and a cancelled one as @removed, nothing else', async () => {
    await client.api('/me/events').post(series('Board', '2030-01-08',
      { type: 'relativeMonthly', interval: 1, daysOfWeek: ['tuesday'], index: 'second' }, { type: 'numbered', numberOfOccurrences: 4 }));
    const first = await client.api('/me/calendarView/delta').query({ startDateTime: '2030-01-01T00:00:00Z', endDateTime: '2030-12-31T00:00:00Z' }).get();
    const occurrences: GraphEvent[] = first.value;
    expect(occurrences.map((o) => o.type)).toEqual(['occurrence', 'occurrence', 'occurrence', 'occurrence']);

    await client.api(`/me/events/${occurrences[1].id}`).patch({ start: { dateTime: '2030-02-13T10:00:00', timeZone: PST }, end: { dateTime: '2030-02-13T10:30:00', timeZone: PST } });
    await client.api(`/me/events/${occurrences[2].id}`).delete();
    const next = await client.api(first['@odata.deltaLink']).get();
    expect(next.value).toHaveLength(2);
    expect(next.value[0]).toMatchObject({
      id: occurrences[1].id, type: 'exception', seriesMasterId: occurrences[1].seriesMasterId, originalStart: '2030-02-12T17:00:00Z',
      start: { dateTime: '2030-02-13T18:00:00.0000000', timeZone: 'UTC' },
    });
    expect(next.value[1]).toEqual({ '@odata.type': '#microsoft.graph.event', id: occurrences[2].id, '@removed': { reason: 'deleted' } });
  });
});
