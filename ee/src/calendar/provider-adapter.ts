import type { Config } from '../../../src/config/config';
import type { CalendarAdapter } from './adapters/calendar-adapter';
import { createCalendarAdapter } from './adapters/create-calendar-adapter';
import type { CalendarProviderRecord } from './calendar-provider.repository';
import type { CalendarTokenManager } from './calendar-token-manager';

export interface ProviderAdapterDeps {
  config: Pick<Config, 'providers'>;
  tokens: Pick<CalendarTokenManager, 'accessToken'>;
}

/** The adapter that talks to this provider's account, with tokens the token manager keeps fresh. */
export function adapterFor(deps: ProviderAdapterDeps, provider: Pick<CalendarProviderRecord, 'tenantId' | 'id' | 'providerType'>): CalendarAdapter {
  return createCalendarAdapter(provider.providerType, {
    accessToken: () => deps.tokens.accessToken(provider.tenantId, provider.id),
    providers: deps.config.providers,
    // gaxios lazy-loads node-fetch, which fails under jest; the global fetch works everywhere.
    fetchImplementation: fetch,
  });
}
