// Webhook delivery (learn.microsoft.com/graph/change-notifications-delivery-webhooks): items for one endpoint
// that arrive within a short window go out as one POST `{ value: [...] }`; a non-2xx answer or no answer within
// the timeout (3 s, as Graph) is retried with backoff (short real-time delays here instead of Graph's hours);
// when retries run out, subscriptions with a lifecycle URL get a `missed` lifecycle notification.
import { postOnce } from './outbound';

export interface NotifierOptions {
  timeoutMs: number;
  retryDelaysMs: number[];
  batchWindowMs: number;
  throttleDelayMs: number;
}

export const DEFAULT_NOTIFIER_OPTIONS: NotifierOptions = {
  timeoutMs: 3000, retryDelaysMs: [100, 200, 400, 800], batchWindowMs: 50, throttleDelayMs: 1000,
};

export type DeliveryKind = 'change' | 'lifecycle';

export interface DeliveryAttempt {
  at: string; url: string; kind: DeliveryKind; attempt: number; status: number | 'timeout' | 'error'; items: number; elapsedMs: number;
}

interface Batch { url: string; kind: DeliveryKind; items: Record<string, unknown>[]; generation: number }

export class Notifier {
  throttled = false;
  readonly attempts: DeliveryAttempt[] = [];
  private readonly open = new Map<string, Batch>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private pending = 0;
  private waiters: (() => void)[] = [];
  private closed = false;
  private generation = 0;
  /** Called with the items of a change batch that could not be delivered. */
  onGaveUp: (items: Record<string, unknown>[]) => void = () => undefined;

  constructor(private readonly options: NotifierOptions = DEFAULT_NOTIFIER_OPTIONS) {}

  enqueue(url: string, kind: DeliveryKind, item: Record<string, unknown>): void {
    if (this.closed) return;
    const key = `${kind}|${url}`;
    const batch = this.open.get(key);
    if (batch) {
      batch.items.push(item);
      return;
    }
    const fresh: Batch = { url, kind, items: [item], generation: this.generation };
    this.open.set(key, fresh);
    this.pending += 1;
    this.later(this.options.batchWindowMs + (this.throttled ? this.options.throttleDelayMs : 0), () => {
      this.open.delete(key);
      void this.deliver(fresh, 1);
    });
  }

  private later(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
  }

  private async deliver(batch: Batch, attempt: number): Promise<void> {
    if (this.closed) return this.done(batch);
    const result = await postOnce(batch.url, JSON.stringify({ value: batch.items }), 'application/json; charset=utf-8', this.options.timeoutMs);
    this.attempts.push({
      at: new Date().toISOString(), url: batch.url, kind: batch.kind, attempt, status: result.status, items: batch.items.length, elapsedMs: result.elapsedMs,
    });
    const ok = typeof result.status === 'number' && result.status >= 200 && result.status < 300;
    if (ok || this.closed) return this.done(batch);
    const delay = this.options.retryDelaysMs[attempt - 1];
    if (delay === undefined) {
      if (batch.kind === 'change' && batch.generation === this.generation) this.onGaveUp(batch.items);
      return this.done(batch);
    }
    this.later(delay + (this.throttled ? this.options.throttleDelayMs : 0), () => void this.deliver(batch, attempt + 1));
  }

  private done(batch: Batch): void {
    if (batch.generation !== this.generation) return;
    this.pending -= 1;
    if (this.pending > 0) return;
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((w) => w());
  }

  /** Resolves once nothing is batching, in flight or waiting for a retry (including follow-ups such as `missed`). */
  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise<void>((resolve) => this.waiters.push(resolve)).then(() => this.idle());
  }

  clearLog(): void {
    this.attempts.length = 0;
  }

  close(): void {
    this.closed = true;
    this.generation += 1;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.open.clear();
    this.pending = 0;
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((w) => w());
  }

  /** reset(): drop queued work but keep serving. */
  reset(): void {
    this.close();
    this.closed = false;
    this.throttled = false;
    this.clearLog();
  }
}
