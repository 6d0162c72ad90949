/** An add that has not answered for this long no longer holds the others back (a wedged connection). */
const STUCK_AFTER_MS = 5000;

interface KeyState {
  running: Promise<void>;
  startedAt: number;
  /** The add that starts when `running` settles, shared by everyone who asked meanwhile. */
  next?: Pending;
}

interface Pending {
  settled: Promise<void>;
  start: () => void;
  /** Settles with `run` instead (a stuck add was bypassed by a fresh one). */
  follow: (run: Promise<void>) => void;
}

/**
 * At most one queue `add` in flight per job key, in this process. Under a burst every request for a provider
 * would otherwise send the same coalesced add (two Redis round trips each to find the job already waiting). A
 * caller is only ever covered by an add that *started after* it asked, i.e. after its inbox row was committed:
 * the job it finds waiting then runs after that row, the one it finds running gets a follow-up. Callers arriving
 * while an add is in flight share the next one, started as soon as the current one settles.
 */
export class EnqueueCoalescer {
  private readonly keys = new Map<string, KeyState>();

  /**
   * `minGapMs`: a follow-up add starts no sooner than this after the previous one started. Under a steady stream of
   * notifications an add is always in flight, so without a gap adds would run back to back (one per ack or so);
   * with it a provider costs Redis at most 1000 / minGapMs adds a second, and a change waits at most that much longer.
   */
  constructor(
    private readonly now: () => number = Date.now,
    private readonly minGapMs = 0,
  ) {}

  request(key: string, add: () => Promise<void>): Promise<void> {
    const state = this.keys.get(key);
    if (!state) return this.start(key, add);
    if (this.now() - state.startedAt > STUCK_AFTER_MS) {
      const fresh = this.start(key, add);
      state.next?.follow(fresh);
      return fresh;
    }
    state.next ??= this.pending(key, add);
    return state.next.settled;
  }

  private start(key: string, add: () => Promise<void>): Promise<void> {
    const running = Promise.resolve().then(add);
    const state: KeyState = { running, startedAt: this.now() };
    this.keys.set(key, state);
    const settle = () => {
      if (this.keys.get(key) !== state) return;
      if (!state.next) return void this.keys.delete(key);
      const wait = state.startedAt + this.minGapMs - this.now();
      if (wait <= 0) state.next.start();
      else setTimeout(state.next.start, wait).unref();
    };
    running.then(settle, settle);
    return running;
  }

  private pending(key: string, add: () => Promise<void>): Pending {
    let resolve!: () => void;
    let reject!: (error: unknown) => void;
    const settled = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const follow = (run: Promise<void>) => void run.then(resolve, reject);
    return { settled, follow, start: () => follow(this.start(key, add)) };
  }
}
