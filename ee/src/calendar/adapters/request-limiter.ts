/** Runs provider requests under a bound on how many are in flight at once (see KeyedSemaphore). */
export type RequestLimiter = <T>(request: () => Promise<T>) => Promise<T>;

export const unlimited: RequestLimiter = (request) => request();

/**
 * Counting semaphores by key, FIFO. Outlook allows 4 concurrent requests per app and mailbox and answers a fifth
 * with 429; a sync run, pushes and webhook maintenance of one provider share its mailbox, so they share a key.
 */
export class KeyedSemaphore {
  private readonly inFlight = new Map<string, number>();
  private readonly waiting = new Map<string, Array<() => void>>();

  constructor(private readonly limit: number) {}

  limiter(key: string): RequestLimiter {
    return async (request) => {
      await this.acquire(key);
      try {
        return await request();
      } finally {
        this.release(key);
      }
    };
  }

  /** Requests in flight for the key (for tests and metrics). */
  active(key: string): number {
    return this.inFlight.get(key) ?? 0;
  }

  private acquire(key: string): Promise<void> {
    const running = this.inFlight.get(key) ?? 0;
    if (running < this.limit) {
      this.inFlight.set(key, running + 1);
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const queue = this.waiting.get(key) ?? [];
      queue.push(resolve);
      this.waiting.set(key, queue);
    });
  }

  /** Hands the slot straight to the next waiter, so a late arrival never overtakes the queue. */
  private release(key: string): void {
    const next = this.waiting.get(key)?.shift();
    if (next) {
      next();
      return;
    }
    if (this.waiting.get(key)?.length === 0) this.waiting.delete(key);
    const running = (this.inFlight.get(key) ?? 1) - 1;
    if (running === 0) this.inFlight.delete(key);
    else this.inFlight.set(key, running);
  }
}
