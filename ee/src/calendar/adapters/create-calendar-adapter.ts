/** The one place that picks an adapter for a provider type; callers depend on the CalendarAdapter port only. */
import type { Config } from '../../../../src/config/config';
import type { Logger } from '../../../../src/observability/logger';
import type { AccessTokenSource, CalendarAdapter, CalendarProviderType } from './calendar-adapter';
import { GoogleCalendarAdapter } from './google-calendar.adapter';
import { MicrosoftCalendarAdapter } from './microsoft-calendar.adapter';
import type { RequestLimiter } from './request-limiter';
import type { SyncWindowDays } from './sync-window';

export interface CalendarAdapterOptions {
  accessToken: AccessTokenSource;
  providers: Config['providers'];
  /** Only Google's gaxios needs it (under jest); the Graph SDK uses the global fetch. */
  fetchImplementation?: typeof fetch;
  timeoutMs?: number;
  logger?: Pick<Logger, 'warn'>;
  syncWindow?: SyncWindowDays;
  limiter?: RequestLimiter;
  pageSize?: number;
}

export function createCalendarAdapter(type: CalendarProviderType, options: CalendarAdapterOptions): CalendarAdapter {
  switch (type) {
    case 'google':
      return new GoogleCalendarAdapter({
        apiRootUrl: options.providers.google.apiUrl,
        accessToken: options.accessToken,
        fetchImplementation: options.fetchImplementation,
        timeoutMs: options.timeoutMs,
        syncWindow: options.syncWindow,
        limiter: options.limiter,
        pageSize: options.pageSize,
      });
    case 'microsoft':
      return new MicrosoftCalendarAdapter({
        graphUrl: options.providers.microsoft.graphUrl,
        accessToken: options.accessToken,
        timeoutMs: options.timeoutMs,
        logger: options.logger,
        syncWindow: options.syncWindow,
        limiter: options.limiter,
        pageSize: options.pageSize,
      });
    default: {
      const unknown: never = type;
      throw new Error(`no calendar adapter for provider type "${String(unknown)}"`);
    }
  }
}
