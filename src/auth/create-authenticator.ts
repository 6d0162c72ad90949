import type { ServiceDeps } from '../runtime/service-deps';
import { ApiKeyService } from './api-key.service';
import { AuthCache } from './auth-cache';
import { AuthChangeListener } from './auth-change-listener';
import { onAuthChange } from './auth-changes';
import { Authenticator } from './authenticator';
import type { JwtVerifier } from './jwt-verifier';

export interface AuthenticatorHandle {
  authenticator: Authenticator;
  /** Undefined when the cache is off (AUTH_CACHE_TTL_SECONDS=0 or the embedded database). */
  cache: AuthCache | undefined;
  close(): Promise<void>;
}

/**
 * The API process's authenticator with its credential cache: invalidated by this process's own writes at once and
 * by every other writer through the LISTEN connection. Embedded PGlite never forwards a NOTIFY to another
 * connection, so without DATABASE_URL there is no cache (single process, quick start: the lookups are cheap there).
 */
export async function createAuthenticator(deps: Pick<ServiceDeps, 'config' | 'orm' | 'logger'>, jwt: JwtVerifier): Promise<AuthenticatorHandle> {
  const { config, orm } = deps;
  const url = config.database.url;
  if (!url || config.authCache.ttlMs === 0) {
    return { authenticator: new Authenticator(new ApiKeyService(orm), jwt, orm), cache: undefined, close: async () => undefined };
  }
  const cache = new AuthCache(config.authCache);
  const unsubscribe = onAuthChange(orm, (change) => cache.invalidate(change));
  const listener = new AuthChangeListener({
    url,
    cache,
    notify: (channel, payload) => orm.em.fork().getConnection().execute('select pg_notify(?, ?)', [channel, payload]),
    logger: deps.logger.child({ module: 'auth-cache' }),
  });
  await listener.start();
  return {
    authenticator: new Authenticator(new ApiKeyService(orm, cache), jwt, orm, cache),
    cache,
    close: async () => {
      unsubscribe();
      await listener.stop();
    },
  };
}
