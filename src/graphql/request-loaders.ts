import type DataLoader from 'dataloader';

/**
 * Per-request DataLoaders, created on first use: a request that resolves no relation builds none, and two
 * fields asking for the same relation share one batch (one SQL statement per relation per request).
 */
export class RequestLoaders {
  private readonly loaders = new Map<symbol, DataLoader<any, any>>();

  get<K, V>(key: symbol, create: () => DataLoader<K, V>): DataLoader<K, V> {
    let loader = this.loaders.get(key);
    if (!loader) {
      loader = create();
      this.loaders.set(key, loader);
    }
    return loader as DataLoader<K, V>;
  }
}
