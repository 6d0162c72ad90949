import type { CalendarProviderRecord } from './calendar-provider.repository';

export type CalendarWarningCode = 'account_changed';

export interface CalendarWarning {
  code: CalendarWarningCode;
  message: string;
}

/**
 * What GraphQL's CalendarProvider is built from: the row, plus warnings about the mutation that produced it
 * (only completeCalendarAuthorization sets them; everywhere else the list is empty).
 */
export type CalendarProviderView = CalendarProviderRecord & { warnings?: readonly CalendarWarning[] };
