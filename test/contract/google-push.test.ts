/**
 * Contract: push notification channels of the Google simulator (events.watch, channels.stop, webhook deliveries).
 * https://developers.google.com/calendar/api/guides/push
 */
import { GaxiosError } from 'gaxios';
import type { calendar_v3 } from 'googleapis';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startGoogleSimulator, type GoogleSimulator } from '../fakes/google/google-simulator';
import { calendarClient, connectUser, type TestApp } from '../fakes/google/test-harness';

const APP: TestApp = { clientId: 'push-test', clientSecret: 'secret', redirectUri: 'http://127.0.0.1/cb' };
const ALICE = 'alice@example.com';
const WEEK_SECONDS = 604_800;

interface Received {
  method: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver that records requests and answers with queued statuses (then 200). */
class Receiver {
  readonly received: Received[] = [];
  readonly statuses: number[] = [];
  private server!: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        this.received.push({ method: req.method!, headers: req.headers, body });
        res.statusCode = this.statuses.shift() ?? 200;
        res.end();
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/webhooks/google`;
  }

  states(): string[] {
    return this.received.map((r) => r.headers['x-goog-resource-state'] as string);
  }

  numbers(): number[] {
    return this.received.map((r) => Number(r.headers['x-goog-message-number']));
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

let sim: GoogleSimulator;
let receiver: Receiver;
let calendar: calendar_v3.Calendar;

beforeAll(async () => {
  sim = await startGoogleSimulator({ notificationRetryDelaysMs: [20, 40, 80] });
});
afterAll(() => sim.close());
beforeEach(async () => {
  sim.control.reset();
  sim.control.registerClient(APP);
  sim.control.createUser({ email: ALICE });
  calendar = calendarClient(sim, (await connectUser(sim, APP, ALICE)).oauth2);
  receiver = new Receiver();
  await receiver.start();
});
afterEach(async () => {
  await sim.control.flushNotifications();
  await receiver.stop();
});

async function watch(id = 'chan-1', extra: calendar_v3.Schema$Channel = {}): Promise<calendar_v3.Schema$Channel> {
  const { data } = await calendar.events.watch({
    calendarId: 'primary',
    requestBody: { id, type: 'web_hook', address: receiver.url, token: 'tenant=t1', ...extra },
  });
  await sim.control.flushNotifications();
  return data;
}

async function insertEvent(summary: string): Promise<void> {
  await calendar.events.insert({ calendarId: 'primary', requestBody: { summary, start: { date: '2025-06-01' }, end: { date: '2025-06-02' } } });
  await sim.control.flushNotifications();
}

describe('events.watch', () => {
  it('returns the channel and sends sync, then exists on changes, with Google\'s headers and no body', async () => {
    const before = sim.control.now();
    const channel = await watch();
    expect(channel).toMatchObject({ kind: 'api#channel', id: 'chan-1', token: 'tenant=t1' });
    expect(channel.resourceId).toBeTruthy();
    expect(channel.resourceUri).toContain('/calendar/v3/calendars/primary/events');
    const expiration = Number(channel.expiration);
    expect(typeof channel.expiration).toBe('string');
    expect(expiration - before).toBeGreaterThanOrEqual(WEEK_SECONDS * 1000 - 1000);
    expect(expiration - before).toBeLessThanOrEqual(WEEK_SECONDS * 1000 + 1000);

    await insertEvent('one');
    sim.control.seedEvent(ALICE, { summary: 'from Google UI', start: { date: '2025-06-03' }, end: { date: '2025-06-04' } });
    await sim.control.flushNotifications();

    expect(receiver.states()).toEqual(['sync', 'exists', 'exists']);
    const [sync, first] = receiver.received;
    expect(sync.method).toBe('POST');
    expect(sync.body).toBe('');
    expect(first.headers).toMatchObject({
      'x-goog-channel-id': 'chan-1',
      'x-goog-channel-token': 'tenant=t1',
      'x-goog-channel-expiration': new Date(expiration).toUTCString(),
      'x-goog-resource-id': channel.resourceId,
      'x-goog-resource-uri': channel.resourceUri,
      'x-goog-resource-state': 'exists',
    });
    const numbers = receiver.numbers();
    expect(numbers[0]).toBe(1);
    expect(numbers[1]).toBeGreaterThan(numbers[0]);
    expect(numbers[2]).toBeGreaterThan(numbers[1]);
  });

  it('omits X-Goog-Channel-Token when the channel has none, and honours a shorter ttl', async () => {
    const before = sim.control.now();
    const channel = await watch('chan-ttl', { token: undefined, params: { ttl: '3600' } });
    expect(Number(channel.expiration) - before).toBeLessThanOrEqual(3_601_000);
    expect(receiver.received[0].headers['x-goog-channel-token']).toBeUndefined();
    const capped = await watch('chan-cap', { params: { ttl: String(WEEK_SECONDS * 4) } });
    expect(Number(capped.expiration) - before).toBeLessThanOrEqual(WEEK_SECONDS * 1000 + 1000);
  });

  it('refuses a channel id that is already in use (400)', async () => {
    await watch('same-id');
    const err = await calendar.events.watch({ calendarId: 'primary', requestBody: { id: 'same-id', type: 'web_hook', address: receiver.url } })
      .then(() => null, (e: unknown) => e as GaxiosError);
    expect(err).toBeInstanceOf(GaxiosError);
    expect(err!.status).toBe(400);
  });
});

describe('channel lifetime', () => {
  it('stops delivering after channels.stop (204), and 404s an unknown channel', async () => {
    const channel = await watch();
    const stopped = await calendar.channels.stop({ requestBody: { id: channel.id, resourceId: channel.resourceId } });
    expect(stopped.status).toBe(204);
    await insertEvent('after stop');
    expect(receiver.states()).toEqual(['sync']);
    const err = await calendar.channels.stop({ requestBody: { id: channel.id, resourceId: channel.resourceId } }).then(() => null, (e: unknown) => e as GaxiosError);
    expect(err!.status).toBe(404);
  });

  it('stops delivering once the channel expires on the virtual clock', async () => {
    await watch('short', { params: { ttl: '60' } });
    sim.control.advanceClock(61);
    await insertEvent('after expiry');
    expect(receiver.states()).toEqual(['sync']);
    expect(sim.control.channels()).toEqual([expect.objectContaining({ id: 'short', expired: true, stopped: false })]);
  });

  it('delivers to every live channel of the calendar (overlapping renewal)', async () => {
    await watch('old');
    await watch('new');
    await insertEvent('during overlap');
    const ids = receiver.received.filter((r) => r.headers['x-goog-resource-state'] === 'exists').map((r) => r.headers['x-goog-channel-id']);
    expect(ids.sort()).toEqual(['new', 'old']);
  });
});

describe('delivery faults', () => {
  it('drops and duplicates notifications on request; a dropped message leaves a gap in message numbers', async () => {
    await watch();
    sim.control.dropNextNotifications(1);
    await insertEvent('dropped');
    expect(receiver.states()).toEqual(['sync']);
    sim.control.duplicateNextNotifications(1);
    await insertEvent('duplicated');
    expect(receiver.states()).toEqual(['sync', 'exists', 'exists']);
    const [, a, b] = receiver.numbers();
    expect(a).toBe(b);
    expect(a).toBeGreaterThan(2);
  });

  it('retries 5xx answers with backoff but not 4xx answers', async () => {
    await watch();
    receiver.statuses.push(503, 500);
    await insertEvent('retried');
    expect(receiver.states()).toEqual(['sync', 'exists', 'exists', 'exists']);
    expect(new Set(receiver.numbers().slice(1)).size).toBe(1);
    receiver.statuses.push(404);
    await insertEvent('not retried');
    expect(receiver.states()).toHaveLength(5);
  });

  it('does not block API calls when the receiver is down, and gives up after the retries', async () => {
    const { data } = await calendar.events.watch({ calendarId: 'primary', requestBody: { id: 'dead', type: 'web_hook', address: 'http://127.0.0.1:1/hook' } });
    expect(data.id).toBe('dead');
    const started = Date.now();
    await calendar.events.insert({ calendarId: 'primary', requestBody: { start: { date: '2025-06-01' }, end: { date: '2025-06-02' } } });
    expect(Date.now() - started).toBeLessThan(100);
    await sim.control.flushNotifications();
    expect(sim.control.channels()).toEqual([expect.objectContaining({ id: 'dead', stopped: false })]);
  });
});
