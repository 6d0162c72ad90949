import type { Config } from '../../../src/config/config';
import type { CalendarAdapter } from './adapters/calendar-adapter';
import { createCalendarAdapter } from './adapters/create-calendar-adapter';
import { KeyedSemaphore } from './adapters/request-limiter';
import type { CalendarProviderRecord } from './calendar-provider.repository';
import type { CalendarTokenManager } from './calendar-token-manager';

export interface ProviderAdapterDeps {
  config: Pick<Config, 'providers'> & Partial<Pick<Config, 'calendarSync'>>;
  tokens: Pick<CalendarTokenManager, 'accessToken'>;
}

const DEFAULT_MAILBOX_CONCURRENCY = 4;

/**
 * One semaphore set per process and limit: every adapter of a provider (sync run, pushes, webhook upkeep) draws on
 * the same slots, so this process never has more than the limit in flight to one mailbox.
 */
const mailboxes = new Map<number, KeyedSemaphore>();

function mailboxSemaphore(limit: number): KeyedSemaphore {
  let semaphore = mailboxes.get(limit);
  if (!semaphore) mailboxes.set(limit, (semaphore = new KeyedSemaphore(limit)));
  return semaphore;
}

/** The adapter that talks to this provider's account, with tokens the token manager keeps fresh. */
export function adapterFor(
  deps: ProviderAdapterDeps,
  provider: Pick<CalendarProviderRecord, 'tenantId' | 'id' | 'providerType'> & Partial<CalendarProviderRecord>,
): CalendarAdapter {
  const sync = deps.config.calendarSync;
  // A full row (as the sync run and pushes hold) carries the stored tokens: no second read for each request.
  const known = provider.encryptedTokens !== undefined ? (provider as CalendarProviderRecord) : undefined;
  return createCalendarAdapter(provider.providerType, {
    accessToken: () => deps.tokens.accessToken(provider.tenantId, provider.id, known),
    providers: deps.config.providers,
    // gaxios lazy-loads node-fetch, which fails under jest; the global fetch works everywhere.
    fetchImplementation: fetch,
    syncWindow: sync?.window,
    pageSize: sync?.pageSize,
    limiter: mailboxSemaphore(sync?.mailboxConcurrency ?? DEFAULT_MAILBOX_CONCURRENCY).limiter(provider.id),
  });
}
