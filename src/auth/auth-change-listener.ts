import type { Logger } from '../observability/logger';
import { ConfirmedListener } from '../db/confirmed-listener';
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
 * The LISTEN side of credential invalidation: the credential cache is on only while a confirmed listener is up
 * (src/db/confirmed-listener.ts), so where NOTIFY is never delivered the cache stays off instead of serving revoked
 * keys until the TTL.
 */
export class AuthChangeListener {
  private readonly listener: ConfirmedListener;

  constructor(options: AuthChangeListenerOptions) {
    this.listener = new ConfirmedListener({
      url: options.url,
      channel: AUTH_CHANGES_CHANNEL,
      logger: options.logger,
      lostMessage: 'auth change listener lost; credential cache bypassed until it reconnects',
      notify: options.notify,
      onNotification: (payload) => {
        const change = parseAuthChange(payload);
        // A payload this version cannot read: dropping everything is always safe.
        if (change) options.cache.invalidate(change);
        else options.cache.invalidateAll();
      },
      onConfirmed: (confirmed) => options.cache.setListening(confirmed),
      reconnectMs: options.reconnectMs,
      confirmTimeoutMs: options.confirmTimeoutMs,
    });
  }

  /** Resolves once the first attempt settled (cache on, or off with a retry scheduled). */
  start(): Promise<void> {
    return this.listener.start();
  }

  stop(): Promise<void> {
    return this.listener.stop();
  }
}
