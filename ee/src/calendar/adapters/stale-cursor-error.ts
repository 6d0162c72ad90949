/**
 * Internal to the adapters: the provider refused a sync cursor (Google 410 fullSyncRequired, Graph
 * syncStateNotFound). Adapters catch it and start a full listing, so it never reaches the sync engine.
 */
export class StaleCursorError extends Error {
  override name = 'StaleCursorError';
}
