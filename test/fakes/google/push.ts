/**
 * Push notification channels (events.watch, channels.stop) and webhook delivery.
 * https://developers.google.com/calendar/api/guides/push
 * Deliveries are asynchronous, serialized per channel, retried on 500/502/503/504 and connection errors.
 */
import { randomInt } from 'node:crypto';
import { apiErrors, GoogleApiError } from './google-error';
import type { Channel, SimCalendar, SimState } from './state';
import { rfc1123 } from './time';
import type { ChannelInfo } from './types';

export const MAX_CHANNEL_TTL_SECONDS = 604_800;
const SUCCESS = new Set([200, 201, 202, 204, 102]);
const RETRYABLE = new Set([500, 502, 503, 504]);
const CHANNEL_ID = /^[A-Za-z0-9\-_+/=]{1,64}$/;

export interface WatchResponse {
  kind: 'api#channel';
  id: string;
  resourceId: string;
  resourceUri: string;
  token?: string;
  expiration: string;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class PushNotifier {
  private readonly pending = new Set<Promise<void>>();
  private readonly chains = new Map<string, Promise<void>>();
  private dropCount = 0;
  private duplicateCount = 0;
  private generation = 0;

  constructor(private readonly state: SimState, private readonly baseUrl: () => string, private readonly retryDelaysMs: number[]) {}

  watch(cal: SimCalendar, requestedCalendarId: string, ownerEmail: string, body: Record<string, unknown>): WatchResponse {
    const id = body.id == null ? '' : String(body.id);
    if (!id) throw apiErrors.required('Required', 'id');
    if (!CHANNEL_ID.test(id)) throw apiErrors.invalid(`Invalid channel id: ${id}`, 'id');
    if (!/^web_?hook$/i.test(String(body.type ?? ''))) throw apiErrors.invalid(`Unsupported channel type: ${String(body.type)}`, 'type');
    const address = String(body.address ?? '');
    if (!/^https?:\/\/[^/]+/i.test(address)) throw apiErrors.invalid(`Invalid WebHook address: ${address}`, 'address');
    const existing = this.state.channels.get(id);
    if (existing && !existing.stopped && !this.isExpired(existing)) {
      throw new GoogleApiError(400, 'channelIdNotUnique', `Channel id ${id} not unique`);
    }
    const channel: Channel = {
      id, address, calendarId: cal.id, ownerEmail, stopped: false, messageNumber: 0,
      resourceId: cal.resourceId,
      resourceUri: `${this.baseUrl()}/calendar/v3/calendars/${encodeURIComponent(requestedCalendarId)}/events?alt=json`,
      expiration: this.expirationFor(body),
      ...(body.token != null ? { token: String(body.token) } : {}),
    };
    this.state.channels.set(id, channel);
    this.enqueue(channel, 'sync');
    return {
      kind: 'api#channel', id, resourceId: channel.resourceId, resourceUri: channel.resourceUri,
      ...(channel.token !== undefined ? { token: channel.token } : {}),
      expiration: String(channel.expiration),
    };
  }

  private expirationFor(body: Record<string, unknown>): number {
    const params = (body.params ?? {}) as Record<string, unknown>;
    const ttl = params.ttl == null ? MAX_CHANNEL_TTL_SECONDS : Number(params.ttl);
    if (!Number.isFinite(ttl) || ttl < 0) throw apiErrors.invalid(`Invalid ttl: ${String(params.ttl)}`, 'params.ttl');
    const latest = this.state.now() + Math.min(ttl, MAX_CHANNEL_TTL_SECONDS) * 1000;
    const requested = body.expiration == null ? undefined : Number(body.expiration);
    return requested !== undefined && Number.isFinite(requested) && requested < latest ? requested : latest;
  }

  stop(body: Record<string, unknown>, ownerEmail: string): void {
    const channel = this.state.channels.get(String(body.id ?? ''));
    if (!channel || channel.stopped || this.isExpired(channel) || channel.resourceId !== body.resourceId || channel.ownerEmail !== ownerEmail) {
      throw new GoogleApiError(404, 'notFound', `Channel '${String(body.id)}' not found for project 'simulator'`);
    }
    channel.stopped = true;
  }

  /** Called after every change to a calendar's events: one `exists` message per live channel. */
  onCalendarChange(calendarId: string): void {
    for (const channel of this.state.channels.values()) {
      if (channel.calendarId === calendarId) this.enqueue(channel, 'exists');
    }
  }

  dropNext(n: number): void {
    this.dropCount += n;
  }

  duplicateNext(n: number): void {
    this.duplicateCount += n;
  }

  async flush(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  reset(): void {
    this.generation++;
    this.dropCount = 0;
    this.duplicateCount = 0;
    this.chains.clear();
  }

  info(): ChannelInfo[] {
    return [...this.state.channels.values()].map((c) => ({
      id: c.id, resourceId: c.resourceId, resourceUri: c.resourceUri, calendarId: c.calendarId, address: c.address,
      ...(c.token !== undefined ? { token: c.token } : {}),
      expiration: c.expiration, ownerEmail: c.ownerEmail, stopped: c.stopped, expired: this.isExpired(c),
      lastMessageNumber: c.messageNumber,
    }));
  }

  private isExpired(channel: Channel): boolean {
    return channel.expiration <= this.state.now();
  }

  private enqueue(channel: Channel, resourceState: 'sync' | 'exists'): void {
    if (channel.stopped || this.isExpired(channel)) return;
    channel.messageNumber = resourceState === 'sync' ? 1 : channel.messageNumber + randomInt(1, 6);
    if (this.dropCount > 0) {
      this.dropCount--;
      return;
    }
    const copies = this.duplicateCount > 0 ? 2 : 1;
    if (copies === 2) this.duplicateCount--;
    const headers = this.headersFor(channel, resourceState);
    for (let i = 0; i < copies; i++) this.track(channel.id, () => this.deliver(channel, headers));
  }

  private headersFor(channel: Channel, resourceState: string): Record<string, string> {
    return {
      'X-Goog-Channel-ID': channel.id,
      ...(channel.token !== undefined ? { 'X-Goog-Channel-Token': channel.token } : {}),
      'X-Goog-Channel-Expiration': rfc1123(channel.expiration),
      'X-Goog-Resource-ID': channel.resourceId,
      'X-Goog-Resource-URI': channel.resourceUri,
      'X-Goog-Resource-State': resourceState,
      'X-Goog-Message-Number': String(channel.messageNumber),
      'User-Agent': 'APIs-Google; (+https://developers.google.com/webmasters/APIs-Google.html)',
    };
  }

  /** Chains deliveries per channel so a receiver sees one channel's messages in order. */
  private track(channelId: string, send: () => Promise<void>): void {
    const previous = this.chains.get(channelId) ?? Promise.resolve();
    const next = previous.then(send, send);
    this.chains.set(channelId, next);
    this.pending.add(next);
    void next.finally(() => this.pending.delete(next));
  }

  private async deliver(channel: Channel, headers: Record<string, string>): Promise<void> {
    const generation = this.generation;
    for (let attempt = 0; attempt <= this.retryDelaysMs.length; attempt++) {
      if (attempt > 0) await sleep(this.retryDelaysMs[attempt - 1]);
      if (generation !== this.generation || channel.stopped || this.isExpired(channel)) return;
      try {
        const res = await fetch(channel.address, { method: 'POST', headers, signal: AbortSignal.timeout(5000) });
        await res.arrayBuffer().catch(() => undefined);
        if (SUCCESS.has(res.status) || !RETRYABLE.has(res.status)) return;
      } catch {
        // connection error or timeout: retry
      }
    }
  }
}
