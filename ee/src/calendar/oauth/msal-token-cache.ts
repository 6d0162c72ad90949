import type { ICachePlugin, TokenCacheContext } from '@azure/msal-node';

/**
 * MSAL keeps refresh tokens inside its cache and never hands them out, so the cache itself is what we persist
 * (encrypted, per provider). This plugin works on an in-memory snapshot: callers load `serialized` from the
 * provider row and store it back (under the row lock) after MSAL used it.
 */
export class ProviderTokenCachePlugin implements ICachePlugin {
  constructor(public serialized: string | null) {}

  async beforeCacheAccess(context: TokenCacheContext): Promise<void> {
    if (this.serialized) context.tokenCache.deserialize(this.serialized);
  }

  async afterCacheAccess(context: TokenCacheContext): Promise<void> {
    if (!context.cacheHasChanged) return;
    this.serialized = context.tokenCache.serialize();
  }
}
