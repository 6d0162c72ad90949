import type { CalendarProviderType } from '../adapters/calendar-adapter';

/**
 * PROVIDERS.md complaint 13: some Microsoft 365 tenants (policy, on-premises mailboxes) can read events but get
 * 403 when creating a subscription. The adapter keeps Graph's status on the error's cause.
 */
export function isSubscriptionRefused(providerType: CalendarProviderType, error: unknown): boolean {
  if (providerType !== 'microsoft' || !(error instanceof Error)) return false;
  const cause = error.cause as { statusCode?: unknown } | undefined;
  return cause?.statusCode === 403 && error.message.startsWith('graph subscriptions.create');
}

export function refusalReason(message: string): string {
  return `Microsoft 365 refused the change-notification subscription; syncing on the maintenance schedule instead (polling). ${message}`;
}
