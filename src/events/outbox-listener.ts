import { Client } from 'pg';
import type { Logger } from '../observability/logger';
import { throttledWarn } from '../observability/throttled-log';
import { DOMAIN_EVENTS_CHANNEL } from './domain-event';

export interface OutboxListenerOptions {
  url: string;
  logger: Logger;
  /** Called on every notification and after each (re)connect, since notifications sent while down are lost. */
  onWake: () => void;
  reconnectMs?: number;
}

/**
 * A dedicated LISTEN connection (outside the pool: a pooled connection is not ours to keep). It only speeds
 * delivery up: the relay also polls, so a dropped connection costs latency, never events. Reconnects like the
 * Microsoft config listener does.
 */
export class OutboxListener {
  private client: Client | undefined;
  private closed = false;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private readonly warnLost: (error: unknown) => void;

  constructor(private readonly options: OutboxListenerOptions) {
    this.warnLost = throttledWarn(options.logger, 'outbox listener lost; relying on polling until it reconnects');
  }

  async start(): Promise<void> {
    this.closed = false;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.options.url });
    const lost = (error?: Error) => {
      if (this.client !== client) return;
      this.client = undefined;
      if (this.closed) return;
      this.warnLost(error);
      this.reconnectTimer = setTimeout(() => void this.connect(), this.options.reconnectMs ?? 1000);
      this.reconnectTimer.unref();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', (message) => {
      if (message.channel === DOMAIN_EVENTS_CHANNEL) this.options.onWake();
    });
    this.client = client;
    try {
      await client.connect();
      await client.query(`listen ${DOMAIN_EVENTS_CHANNEL}`);
      if (this.client !== client) {
        await client.end(); // stopped while connecting
        return;
      }
      this.options.onWake();
    } catch (error) {
      lost(error as Error);
      await client.end().catch(() => undefined);
    }
  }
}
