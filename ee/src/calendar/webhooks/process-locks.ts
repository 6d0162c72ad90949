/**
 * Locks within one process, for the embedded mode. There the database is PGlite behind one socket server, which
 * runs one transaction at a time: holding an advisory lock in a transaction while the locked work queries on
 * another connection waits forever. The embedded mode is one process by design, so a mutex in memory gives the
 * same guarantee.
 */
export class ProcessLocks {
  private readonly tails = new Map<string, Promise<unknown>>();
  private readonly held = new Set<string>();

  /** Runs `work` once every earlier holder of `key` is done. */
  async withLock<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(async () => {
      this.held.add(key);
      try {
        return await work();
      } finally {
        this.held.delete(key);
      }
    });
    this.tails.set(key, run);
    try {
      return await run;
    } finally {
      if (this.tails.get(key) === run) this.tails.delete(key);
    }
  }

  /** Runs `work` unless `key` is held or queued for: then null, at once. */
  async tryLock<T>(key: string, work: () => Promise<T>): Promise<T | null> {
    if (this.tails.has(key)) return null;
    return this.withLock(key, work);
  }
}
