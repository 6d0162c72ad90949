// Contract: what a two-way sync engine needs from the Microsoft simulator beyond single requests: delta on a
// secondary calendar (/me/calendars/{id}/calendarView/delta), and Outlook's per-app, per-mailbox concurrency limit.
// learn.microsoft.com/graph/delta-query-events, learn.microsoft.com/graph/throttling-limits (Outlook service limits)
import { Client, GraphError } from '@microsoft/microsoft-graph-client';
import { MicrosoftSimulator, startMicrosoftSimulator } from '../fakes/microsoft/microsoft-simulator';
import { freshCalendarUser, graphClient, signInWithAuthCode } from '../fakes/microsoft/test-kit';

const APP = { clientId: '66666666-aaaa-4bbb-8ccc-000000000006', clientSecret: 'sync~secret', redirectUri: 'http://localhost/cb' };
const ALICE = 'alice@contoso.test';
const BOB = 'bob@contoso.test';
const WINDOW = { startDateTime: '2030-05-01T00:00:00Z', endDateTime: '2030-06-01T00:00:00Z' };

let sim: MicrosoftSimulator;
let client: Client;

beforeAll(async () => {
  sim = await startMicrosoftSimulator();
});
afterAll(() => sim.close());
beforeEach(async () => {
  const accessToken = await freshCalendarUser(sim, APP, ALICE);
  client = graphClient(sim.graphUrl, async () => accessToken);
});

const seed = (calendarId: string | null, subject: string, day: number) => sim.control.seedEvent(ALICE, calendarId, {
  subject, start: { dateTime: `2030-05-${String(day).padStart(2, '0')}T10:00:00`, timeZone: 'UTC' },
  end: { dateTime: `2030-05-${String(day).padStart(2, '0')}T11:00:00`, timeZone: 'UTC' },
});

describe('delta on a secondary calendar (/me/calendars/{id}/calendarView/delta)', () => {
  it('pages that calendar only, keeps the calendar path in nextLink and deltaLink, and reports only its changes', async () => {
    const calendar = await client.api('/me/calendars').post({ name: 'Switchboard' });
    const [s1, s2] = [seed(calendar.id, 'S1', 1), seed(calendar.id, 'S2', 2), seed(calendar.id, 'S3', 3)];
    const other = seed(null, 'Default calendar', 4);
    const path = `/me/calendars/${calendar.id}/calendarView/delta`;
    const linkPrefix = `${sim.graphUrl}/v1.0${path}?`;

    const first = await client.api(path).query(WINDOW).header('Prefer', 'odata.maxpagesize=2').get();
    expect(first.value.map((e: { subject: string }) => e.subject)).toEqual(['S1', 'S2']);
    expect(first['@odata.nextLink']).toMatch(new RegExp(`^${escape(linkPrefix)}\\$skiptoken=`));
    const last = await client.api(first['@odata.nextLink']).header('Prefer', 'odata.maxpagesize=2').get();
    expect(last.value.map((e: { subject: string }) => e.subject)).toEqual(['S3']);
    expect(last['@odata.deltaLink']).toMatch(new RegExp(`^${escape(linkPrefix)}\\$deltatoken=`));

    sim.control.updateEventAsProvider(ALICE, other.id as string, { subject: 'Default calendar (edited)' });
    sim.control.updateEventAsProvider(ALICE, s1.id as string, { subject: 'S1 (edited)' });
    sim.control.deleteEventAsProvider(ALICE, s2.id as string);
    const changes = await client.api(last['@odata.deltaLink']).get();
    expect(changes.value).toEqual([
      expect.objectContaining({ id: s1.id, subject: 'S1 (edited)' }),
      { '@odata.type': '#microsoft.graph.event', id: s2.id, '@removed': { reason: 'deleted' } },
    ]);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Fires `count` calendar reads at once while every response takes 300 ms, so they are all in flight together. */
async function burst(c: Client, count: number): Promise<PromiseSettledResult<unknown>[]> {
  sim.control.setLatency(300);
  try {
    return await Promise.allSettled(Array.from({ length: count }, () => c.api('/me/events').get()));
  } finally {
    sim.control.setLatency(0);
  }
}

const rejected = (results: PromiseSettledResult<unknown>[]) => results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as GraphError);

describe('Outlook mailbox concurrency limit (4 concurrent requests per app and mailbox)', () => {
  it('is off by default: five concurrent requests all succeed', async () => {
    expect(rejected(await burst(client, 5))).toEqual([]);
  });

  it('answers the fifth concurrent request 429 ApplicationThrottled with Retry-After, and frees the slots afterwards', async () => {
    sim.control.setMailboxConcurrencyLimit(4);
    const failures = rejected(await burst(client, 5));
    expect(failures).toHaveLength(1);
    expect([failures[0].statusCode, failures[0].code, failures[0].message]).toEqual([429, 'ApplicationThrottled', 'Application is over its MailboxConcurrency limit.']);
    expect(failures[0].headers?.get('retry-after')).toBe('1');
    expect(rejected(await burst(client, 4))).toEqual([]);
    expect(sim.control.requestLog().filter((e) => e.status === 429)).toHaveLength(1);
  });

  it('counts each mailbox separately', async () => {
    sim.control.createUser({ email: BOB });
    const { result } = await signInWithAuthCode({ loginUrl: sim.loginUrl, authorityHost: sim.authorityHost, ...APP, scopes: ['Calendars.ReadWrite'], loginHint: BOB });
    const bob = graphClient(sim.graphUrl, async () => result.accessToken);
    sim.control.setMailboxConcurrencyLimit(4);
    sim.control.setLatency(300);
    const results = await Promise.allSettled([...Array.from({ length: 4 }, () => client.api('/me/events').get()), bob.api('/me/events').get()]);
    sim.control.setLatency(0);
    expect(rejected(results)).toEqual([]);
  });

  it('can be switched on at start (mailboxConcurrency option) and survives reset()', async () => {
    const limited = await startMicrosoftSimulator({ mailboxConcurrency: { limit: 1, retryAfterSeconds: 3 } });
    try {
      const token = await freshCalendarUser(limited, APP, ALICE);
      const c = graphClient(limited.graphUrl, async () => token);
      limited.control.setLatency(300);
      const failures = rejected(await Promise.allSettled([c.api('/me/events').get(), c.api('/me/events').get()]));
      expect(failures.map((f) => [f.statusCode, f.headers?.get('retry-after')])).toEqual([[429, '3']]);
    } finally {
      await limited.close();
    }
  });
});
