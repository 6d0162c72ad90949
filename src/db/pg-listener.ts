import { Client } from 'pg';
import type { Logger } from '../observability/logger';
import { throttledWarn } from '../observability/throttled-log';

export interface PgListenerOptions {
  url: string;
  channel: string;
  logger: Logger;
  /** Logged (throttled) when the connection is lost: say what degrades until it is back. */
  lostMessage: string;
  onNotification: (payload: string) => void;
  /** After LISTEN succeeded on a (re)connect; notifications sent while down are lost, so catch up here. A throw counts as a lost connection. */
  onListening: () => Promise<void> | void;
  /** The connection is gone (or stopping); it reconnects by itself unless stopped. */
  onLost?: () => void;
  reconnectMs?: number;
}

/**
 * One dedicated LISTEN connection (outside the pool: a pooled connection is not ours to keep) that reconnects
 * after a loss. Shared by every module that reacts to NOTIFY (outbox relay, credential cache).
 */
export class PgListener {
  private client: Client | undefined;
  private closed = false;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private readonly warnLost: (error: unknown) => void;

  constructor(private readonly options: PgListenerOptions) {
    this.warnLost = throttledWarn(options.logger, options.lostMessage);
  }

  /** Resolves once the first attempt settled (listening, or a retry scheduled). */
  async start(): Promise<void> {
    this.closed = false;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = undefined;
    this.options.onLost?.();
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.options.url });
    const lost = (error?: Error) => {
      if (this.client !== client) return;
      this.client = undefined;
      this.options.onLost?.();
      void client.end().catch(() => undefined);
      if (this.closed) return;
      this.warnLost(error);
      this.reconnectTimer = setTimeout(() => void this.connect(), this.options.reconnectMs ?? 1000);
      this.reconnectTimer.unref();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', (message) => {
      if (message.channel === this.options.channel) this.options.onNotification(message.payload ?? '');
    });
    this.client = client;
    try {
      await client.connect();
      await client.query(`listen ${this.options.channel}`);
      if (this.client !== client) {
        await client.end(); // stopped while connecting
        return;
      }
      await this.options.onListening();
    } catch (error) {
      lost(error as Error);
    }
  }

  /** Whether the connection this callback runs for is still the current one. */
  get connected(): boolean {
    return this.client !== undefined;
  }
}
