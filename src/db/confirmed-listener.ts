import { randomUUID } from 'node:crypto';
import type { Logger } from '../observability/logger';
import { PgListener } from './pg-listener';

export interface ConfirmedListenerOptions {
  url: string;
  channel: string;
  logger: Logger;
  /** Logged (throttled) when the connection is lost: say what degrades until it is back. */
  lostMessage: string;
  /** Sends `select pg_notify(channel, payload)` over another connection (the pool): proves delivery end to end. */
  notify: (channel: string, payload: string) => Promise<unknown>;
  /** Every payload but probes (this listener's and other processes'). */
  onNotification: (payload: string) => void;
  /** True once a probe made the round trip on a (re)connect; false on any loss. Whatever was cached may be stale either way. */
  onConfirmed: (confirmed: boolean) => void;
  reconnectMs?: number;
  confirmTimeoutMs?: number;
}

const PROBE_PREFIX = '{"probe"';

/**
 * The LISTEN side of a cache's invalidation (credential cache, webhook owners): a dedicated connection that
 * reconnects, and is only reported up once a probe NOTIFY sent through the pool came back on it. Where
 * notifications are accepted but never delivered (embedded PGlite, a transaction-mode pooler) it never is, so the
 * cache stays off instead of serving stale entries until their TTL.
 */
export class ConfirmedListener {
  private probe: { payload: string; arrived: () => void } | undefined;
  private readonly listener: PgListener;

  constructor(private readonly options: ConfirmedListenerOptions) {
    this.listener = new PgListener({
      url: options.url,
      channel: options.channel,
      logger: options.logger,
      lostMessage: options.lostMessage,
      onNotification: (payload) => this.received(payload),
      onListening: async () => {
        await this.confirmDelivery();
        if (this.listener.connected) this.options.onConfirmed(true);
      },
      onLost: () => this.options.onConfirmed(false),
      reconnectMs: options.reconnectMs,
    });
  }

  /** Resolves once the first attempt settled (confirmed, or down with a retry scheduled). */
  start(): Promise<void> {
    return this.listener.start();
  }

  stop(): Promise<void> {
    return this.listener.stop();
  }

  private async confirmDelivery(): Promise<void> {
    const payload = JSON.stringify({ probe: randomUUID() });
    const timeoutMs = this.options.confirmTimeoutMs ?? 2000;
    let timer: NodeJS.Timeout | undefined;
    const arrived = new Promise<void>((resolve, reject) => {
      this.probe = { payload, arrived: resolve };
      timer = setTimeout(() => reject(new Error(`a probe NOTIFY did not arrive within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await this.options.notify(this.options.channel, payload);
      await arrived;
    } finally {
      clearTimeout(timer);
      this.probe = undefined;
    }
  }

  private received(payload: string): void {
    if (this.probe?.payload === payload) return this.probe.arrived();
    if (!payload.startsWith(PROBE_PREFIX)) this.options.onNotification(payload);
  }
}
