import { randomUUID } from 'node:crypto';
import type { Logger } from '../observability/logger';
import { PgListener } from '../db/pg-listener';
import type { AuthCache } from './auth-cache';
import { AUTH_CHANGES_CHANNEL, parseAuthChange } from './auth-changes';

export interface AuthChangeListenerOptions {
  url: string;
  cache: AuthCache;
  /** Sends `select pg_notify(channel, payload)` over another connection (the pool): proves delivery end to end. */
  notify: (channel: string, payload: string) => Promise<unknown>;
  logger: Logger;
  reconnectMs?: number;
  confirmTimeoutMs?: number;
}

/**
 * The LISTEN side of credential invalidation: a dedicated connection (outside the pool), reconnecting like the
 * outbox and Microsoft config listeners. The cache only turns on after a probe NOTIFY sent through the pool came
 * back on this connection: where notifications are accepted but never delivered (embedded PGlite, a
 * transaction-mode pooler), the cache stays off instead of serving revoked keys until the TTL.
 */
export class AuthChangeListener {
  private probe: { payload: string; arrived: () => void } | undefined;
  private readonly listener: PgListener;

  constructor(private readonly options: AuthChangeListenerOptions) {
    this.listener = new PgListener({
      url: options.url,
      channel: AUTH_CHANGES_CHANNEL,
      logger: options.logger,
      lostMessage: 'auth change listener lost; credential cache bypassed until it reconnects',
      onNotification: (payload) => this.received(payload),
      onListening: async () => {
        await this.confirmDelivery();
        if (this.listener.connected) this.options.cache.setListening(true);
      },
      onLost: () => this.options.cache.setListening(false),
      reconnectMs: options.reconnectMs,
    });
  }

  /** Resolves once the first attempt settled (cache on, or off with a retry scheduled). */
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
      await this.options.notify(AUTH_CHANGES_CHANNEL, payload);
      await arrived;
    } finally {
      clearTimeout(timer);
      this.probe = undefined;
    }
  }

  private received(payload: string): void {
    if (this.probe?.payload === payload) return this.probe.arrived();
    const change = parseAuthChange(payload);
    // Someone else's probe, or a payload this version cannot read: dropping everything is always safe.
    if (change) this.options.cache.invalidate(change);
    else if (!payload.startsWith('{"probe"')) this.options.cache.invalidateAll();
  }
}
