import type { CalendarProviderRecord } from '../calendar-provider.repository';

/** Renew or roll a watch once it has less than this left: a day leaves ~47 maintenance runs to get it done. */
export const RENEW_WITHIN_MS = 24 * 3_600_000;
/** Renewals that fail in a row before the provider is marked ERROR. */
export const MAX_CONSECUTIVE_FAILURES = 3;

export type WatchAction =
  /** Nothing registered and nothing wanted. */
  | 'none'
  | 'keep'
  /** Wanted, and nothing live is registered (never created, or lapsed). */
  | 'create'
  /** Close to expiry: Graph PATCHes, Google rolls to a new channel and stops the old one after the overlap. */
  | 'renew'
  /** Registered for a calendar other than the chosen one. */
  | 'replace'
  /** Registered but no longer wanted (deactivated, disconnected, no calendar, push-only). */
  | 'stop';

export type WatchFacts = Pick<CalendarProviderRecord, 'active' | 'status' | 'calendarId' | 'syncDirection' | 'webhookSubscriptionId' | 'webhookExpiresAt'> & {
  /** The calendar the registered watch covers; null when unknown (registered before this was recorded). */
  watchedCalendarId: string | null;
};

/** An active provider that pulls from a chosen calendar needs to hear about changes, once connected. */
export function wantsWatch(facts: Pick<WatchFacts, 'active' | 'status' | 'calendarId' | 'syncDirection'>): boolean {
  const connectedOnce = facts.status !== 'configuring' && facts.status !== 'disconnected';
  return facts.active && connectedOnce && facts.calendarId !== null && facts.syncDirection !== 'to_external';
}

/**
 * What to do with a provider's watch now. Pure: the maintenance run, the ensure job and tests share it. A provider in
 * ERROR or REAUTH_REQUIRED is left as it is (no grant to work with, or our own three failures) until it is
 * connected again, which queues an ensure.
 */
export function decideWatch(facts: WatchFacts, now: Date, renewWithinMs = RENEW_WITHIN_MS): WatchAction {
  const registered = facts.webhookSubscriptionId !== null && facts.webhookExpiresAt !== null;
  if (!wantsWatch(facts)) return registered ? 'stop' : 'none';
  if (facts.status !== 'connected') return 'keep';
  if (!registered) return 'create';
  if (facts.watchedCalendarId !== null && facts.watchedCalendarId !== facts.calendarId) return 'replace';
  const left = facts.webhookExpiresAt!.getTime() - now.getTime();
  if (left <= 0) return 'create';
  return left < renewWithinMs ? 'renew' : 'keep';
}

export type WebhookStatus = 'ACTIVE' | 'EXPIRING' | 'FAILING' | 'NONE';

/** What an operator sees: failing (or polling instead) beats everything, then whether a live watch is close to expiry. */
export function webhookStatus(
  facts: { expiresAt: Date | null; consecutiveFailures: number; polling: boolean },
  now: Date,
  renewWithinMs = RENEW_WITHIN_MS,
): WebhookStatus {
  if (facts.consecutiveFailures > 0 || facts.polling) return 'FAILING';
  if (!facts.expiresAt || facts.expiresAt.getTime() <= now.getTime()) return 'NONE';
  return facts.expiresAt.getTime() - now.getTime() < renewWithinMs ? 'EXPIRING' : 'ACTIVE';
}
