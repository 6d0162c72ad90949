import type { Logger } from '../observability/logger';
import { PgListener } from '../db/pg-listener';
import { DOMAIN_EVENTS_CHANNEL } from './domain-event';

export interface OutboxListenerOptions {
  url: string;
  logger: Logger;
  /** Called on every notification and after each (re)connect, since notifications sent while down are lost. */
  onWake: () => void;
  reconnectMs?: number;
}

/**
 * Wakes the relay on NOTIFY. It only speeds delivery up: the relay also polls, so a dropped connection costs
 * latency, never events.
 */
export class OutboxListener {
  private readonly listener: PgListener;

  constructor(options: OutboxListenerOptions) {
    this.listener = new PgListener({
      url: options.url,
      channel: DOMAIN_EVENTS_CHANNEL,
      logger: options.logger,
      lostMessage: 'outbox listener lost; relying on polling until it reconnects',
      onNotification: () => options.onWake(),
      onListening: () => options.onWake(),
      reconnectMs: options.reconnectMs,
    });
  }

  start(): Promise<void> {
    return this.listener.start();
  }

  stop(): Promise<void> {
    return this.listener.stop();
  }
}
