interface Entry<V> {
  value: V;
  expiresAt: number;
  tags: readonly string[];
}

/**
 * A bounded LRU with a TTL per entry and tags: `invalidateTag` drops every entry carrying a tag (e.g. all keys
 * of one user) without scanning the cache. A Map keeps insertion order, so re-inserting on read makes its first
 * key the least recently used one.
 */
export class TaggedLru<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly tagged = new Map<string, Set<string>>();

  constructor(
    private readonly maxEntries: number,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.delete(key);
      return undefined;
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: V, tags: readonly string[]): void {
    this.delete(key);
    if (this.entries.size >= this.maxEntries) this.delete(this.entries.keys().next().value!);
    this.entries.set(key, { value, expiresAt: this.now() + this.ttlMs, tags });
    for (const tag of tags) {
      const keys = this.tagged.get(tag);
      if (keys) keys.add(key);
      else this.tagged.set(tag, new Set([key]));
    }
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    for (const tag of entry.tags) {
      const keys = this.tagged.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.tagged.delete(tag);
    }
  }

  invalidateTag(tag: string): void {
    for (const key of [...(this.tagged.get(tag) ?? [])]) this.delete(key);
  }

  clear(): void {
    this.entries.clear();
    this.tagged.clear();
  }
}
