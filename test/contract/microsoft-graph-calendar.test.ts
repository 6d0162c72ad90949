// Contract: Graph v1.0 calendar behaviour of the Microsoft simulator through @microsoft/microsoft-graph-client.
import { Client, GraphError, ResponseType } from '@microsoft/microsoft-graph-client';
import { MicrosoftSimulator, startMicrosoftSimulator } from '../fakes/microsoft/microsoft-simulator';
import { graphClient, freshCalendarUser } from '../fakes/microsoft/test-kit';

const CLIENT_ID = '33333333-aaaa-4bbb-8ccc-000000000003';
const SECRET = 'cal~secret';
const REDIRECT = 'http://localhost/cb';
const ALICE = 'alice@contoso.test';
const EXT_ID = 'String {66f5a359-4659-4830-9070-00047ec6ac6e} Name SwitchboardEventId';

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

const meeting = (subject: string, start = '2030-03-04T09:00:00', end = '2030-03-04T10:00:00', timeZone = 'UTC') => ({
  subject, start: { dateTime: start, timeZone }, end: { dateTime: end, timeZone },
});

async function graphFailure(promise: Promise<unknown>): Promise<GraphError> {
  return promise.then(() => { throw new Error('expected a GraphError'); }, (err: GraphError) => err);
}

describe('events CRUD (event resource)', () => {
  it('creates, reads, patches (new changeKey + @odata.etag each edit) and deletes with 204', async () => {
    const created = await client.api('/me/events').post(meeting('Planning'));
    expect(created).toMatchObject({ subject: 'Planning', type: 'singleInstance', isAllDay: false });
    expect(created['@odata.etag']).toBe(`W/"${created.changeKey}"`);
    expect(created.iCalUId).toMatch(/^040000008200E00074C5B7101A82E008/);
    const patched = await client.api(`/me/events/${created.id}`).patch({ subject: 'Planning v2' });
    expect(patched.changeKey).not.toBe(created.changeKey);
    expect(Date.parse(patched.lastModifiedDateTime)).toBeGreaterThanOrEqual(Date.parse(created.lastModifiedDateTime));
    expect(await client.api(`/me/events/${created.id}`).get()).toMatchObject({ subject: 'Planning v2', changeKey: patched.changeKey });
    const raw: Response = await client.api(`/me/events/${created.id}`).responseType(ResponseType.RAW).delete();
    expect(raw.status).toBe(204);
    expect(raw.headers.get('content-type')).toBeNull();
    expect((await graphFailure(client.api(`/me/events/${created.id}`).get())).code).toBe('ErrorItemNotFound');
  });

  it('answers 412 ErrorIrresolvableConflict for a stale If-Match and applies a current one', async () => {
    const created = await client.api('/me/events').post(meeting('Review'));
    await client.api(`/me/events/${created.id}`).patch({ subject: 'Review (moved)' });
    const stale = await graphFailure(client.api(`/me/events/${created.id}`).header('If-Match', created['@odata.etag']).patch({ subject: 'lost update' }));
    expect(stale.statusCode).toBe(412);
    expect(stale.code).toBe('ErrorIrresolvableConflict');
    const current = await client.api(`/me/events/${created.id}`).get();
    const ok = await client.api(`/me/events/${created.id}`).header('If-Match', current['@odata.etag']).patch({ subject: 'Review (final)' });
    expect(ok.subject).toBe('Review (final)');
  });

  it('de-duplicates creates that carry the same transactionId', async () => {
    const body = { ...meeting('Retry me'), transactionId: 'c0ffee00-0000-4000-8000-000000000001' };
    const first = await client.api('/me/events').post(body);
    const second = await client.api('/me/events').post(body);
    expect(second.id).toBe(first.id);
    expect(sim.control.events(ALICE)).toHaveLength(1);
  });

  it('renders times in the Prefer: outlook.timezone zone and says so in Preference-Applied', async () => {
    const created = await client.api('/me/events').post(meeting('Standup', '2030-07-01T16:00:00', '2030-07-01T16:30:00'));
    const raw: Response = await client.api(`/me/events/${created.id}`).header('Prefer', 'outlook.timezone="Pacific Standard Time"').responseType(ResponseType.RAW).get();
    const body = (await raw.json()) as { start: unknown };
    expect(raw.headers.get('preference-applied')).toBe('outlook.timezone="Pacific Standard Time"');
    expect(body.start).toEqual({ dateTime: '2030-07-01T09:00:00.0000000', timeZone: 'Pacific Standard Time' });
    const iana = await client.api(`/me/events/${created.id}`).header('Prefer', 'outlook.timezone="Europe/Berlin"').get();
    expect(iana.start.dateTime).toBe('2030-07-01T18:00:00.0000000');
    expect(created.start).toEqual({ dateTime: '2030-07-01T16:00:00.0000000', timeZone: 'UTC' });
  });

  it('accepts all-day events only when start and end are at midnight', async () => {
    const allDay = await client.api('/me/events').post({ ...meeting('Holiday', '2030-12-25T00:00:00', '2030-12-26T00:00:00', 'Eastern Standard Time'), isAllDay: true });
    expect(allDay.isAllDay).toBe(true);
    const bad = await graphFailure(client.api('/me/events').post({ ...meeting('Broken', '2030-12-25T09:00:00', '2030-12-26T00:00:00'), isAllDay: true }));
    expect(bad.statusCode).toBe(400);
    expect(bad.message).toContain('midnight');
  });

  it('stores singleValueExtendedProperties: returned only with $expand, found with $filter Any(...)', async () => {
    const tagged = await client.api('/me/events').post({ ...meeting('Tagged'), singleValueExtendedProperties: [{ id: EXT_ID, value: 'sb-42' }] });
    await client.api('/me/events').post(meeting('Untagged'));
    expect(tagged.singleValueExtendedProperties).toBeUndefined();
    const expanded = await client.api(`/me/events/${tagged.id}`).expand(`singleValueExtendedProperties($filter=id eq '${EXT_ID}')`).get();
    expect(expanded.singleValueExtendedProperties).toEqual([{ id: EXT_ID, value: 'sb-42' }]);
    const found = await client.api('/me/events').filter(`singleValueExtendedProperties/Any(ep: ep/id eq '${EXT_ID}' and ep/value eq 'sb-42')`).get();
    expect(found.value.map((e: { id: string }) => e.id)).toEqual([tagged.id]);
    const none = await client.api('/me/events').filter(`singleValueExtendedProperties/Any(ep: ep/id eq '${EXT_ID}' and ep/value eq 'sb-43')`).get();
    expect(none.value).toEqual([]);
  });

  it('pages lists with $top and an absolute @odata.nextLink, and honours $select', async () => {
    for (let i = 0; i < 3; i += 1) await client.api('/me/events').post(meeting(`E${i}`));
    const first = await client.api('/me/events').top(2).select('subject').get();
    expect(first.value).toHaveLength(2);
    expect(Object.keys(first.value[0]).sort()).toEqual(['@odata.etag', 'id', 'subject']);
    expect(first['@odata.nextLink']).toMatch(new RegExp(`^${sim.graphUrl}/v1.0/me/events\\?`));
    const second = await client.api(first['@odata.nextLink']).get();
    expect(second.value).toHaveLength(1);
    expect(second['@odata.nextLink']).toBeUndefined();
  });

  it('works on secondary calendars (/me/calendars/{id}/events) and keeps them apart from the default calendar', async () => {
    const calendar = await client.api('/me/calendars').post({ name: 'Switchboard' });
    await client.api(`/me/calendars/${calendar.id}/events`).post(meeting('In secondary'));
    expect((await client.api(`/me/calendars/${calendar.id}/events`).get()).value).toHaveLength(1);
    expect((await client.api('/me/events').get()).value).toHaveLength(0);
  });
});

describe('recurring series (calendarView, instances)', () => {
  const weekly = {
    ...meeting('Weekly sync', '2030-01-07T09:00:00', '2030-01-07T09:30:00', 'Pacific Standard Time'),
    recurrence: { pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday'] }, range: { type: 'numbered', startDate: '2030-01-07', numberOfOccurrences: 4 } },
  };
  const view = (c: Client) => c.api('/me/calendarView').query({ startDateTime: '2030-01-01T00:00:00Z', endDateTime: '2030-02-28T00:00:00Z' }).get();

  it('expands a series into occurrences with their own ids and iCalUIds; edits make exceptions; deletes cancel', async () => {
    const master = await client.api('/me/events').post(weekly);
    expect(master.type).toBe('seriesMaster');
    const occurrences = (await view(client)).value;
    expect(occurrences).toHaveLength(4);
    expect(new Set(occurrences.map((o: { id: string }) => o.id)).size).toBe(4);
    expect(new Set(occurrences.map((o: { iCalUId: string }) => o.iCalUId)).size).toBe(4);
    expect(occurrences.every((o: { type: string; seriesMasterId: string }) => o.type === 'occurrence' && o.seriesMasterId === master.id)).toBe(true);
    expect(occurrences[0].start.dateTime).toBe('2030-01-07T17:00:00.0000000');
    expect(occurrences[1].originalStart).toBe('2030-01-14T17:00:00Z');

    const exception = await client.api(`/me/events/${occurrences[1].id}`).patch({ subject: 'Moved sync', start: { dateTime: '2030-01-15T10:00:00', timeZone: 'UTC' }, end: { dateTime: '2030-01-15T10:30:00', timeZone: 'UTC' } });
    expect(exception).toMatchObject({ id: occurrences[1].id, type: 'exception', seriesMasterId: master.id, subject: 'Moved sync' });
    await client.api(`/me/events/${occurrences[2].id}`).delete();

    const after = (await view(client)).value;
    expect(after.map((o: { type: string }) => o.type)).toEqual(['occurrence', 'exception', 'occurrence']);
    expect(after.map((o: { id: string }) => o.id)).not.toContain(occurrences[2].id);
    const instances = await client.api(`/me/events/${master.id}/instances`).query({ startDateTime: '2030-01-01T00:00:00Z', endDateTime: '2030-02-28T00:00:00Z' }).get();
    expect(instances.value).toHaveLength(3);
    expect((await client.api('/me/events').get()).value.map((e: { type: string }) => e.type)).toEqual(['seriesMaster']);
  });

  it('keeps occurrences at the same local time across a DST change', async () => {
    await client.api('/me/events').post({
      ...meeting('Daily', '2030-03-08T09:00:00', '2030-03-08T09:15:00', 'Pacific Standard Time'),
      recurrence: { pattern: { type: 'daily', interval: 1 }, range: { type: 'endDate', startDate: '2030-03-08', endDate: '2030-03-12' } },
    });
    const days = await client.api('/me/calendarView').query({ startDateTime: '2030-03-01T00:00:00Z', endDateTime: '2030-03-31T00:00:00Z' })
      .header('Prefer', 'outlook.timezone="Pacific Standard Time"').get();
    expect(days.value.map((o: { start: { dateTime: string } }) => o.start.dateTime.slice(11, 16))).toEqual(['09:00', '09:00', '09:00', '09:00', '09:00']);
  });

  it('requires a window for calendarView', async () => {
    const err = await graphFailure(client.api('/me/calendarView').get());
    expect(err.statusCode).toBe(400);
    expect(err.code).toBe('ErrorInvalidParameter');
  });
});

describe('faults (throttling)', () => {
  it('surfaces 429 TooManyRequests with Retry-After as a GraphError, then serves normally', async () => {
    sim.control.injectFault({ match: { method: 'GET', pathPrefix: '/v1.0/me/events' }, status: 429, retryAfterSeconds: 7, times: 1 });
    const err = await graphFailure(client.api('/me/events').get());
    expect(err.statusCode).toBe(429);
    expect(err.code).toBe('TooManyRequests');
    expect(err.headers?.get('retry-after')).toBe('7');
    await expect(client.api('/me/events').get()).resolves.toMatchObject({ value: [] });
  });

  it('answers 503 ServiceUnavailable with Retry-After and 500, and delays responses by the configured latency', async () => {
    sim.control.injectFault({ match: { pathPrefix: '/v1.0/' }, status: 503, retryAfterSeconds: 2, times: 1 });
    sim.control.injectFault({ match: { pathPrefix: '/v1.0/' }, status: 500, times: 1 });
    const unavailable = await graphFailure(client.api('/me/calendars').get());
    expect([unavailable.statusCode, unavailable.code, unavailable.headers?.get('retry-after')]).toEqual([503, 'ServiceUnavailable', '2']);
    expect((await graphFailure(client.api('/me/calendars').get())).statusCode).toBe(500);
    sim.control.setLatency(150);
    const started = Date.now();
    await client.api('/me/calendars').get();
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });
});
