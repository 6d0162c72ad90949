/**
 * The domain events CE writes to the outbox. Kept free of imports so the extension registry (which names the
 * `schedule.entryChanged` hook) can depend on it without a cycle through the relay.
 */
export const DOMAIN_EVENT_TYPES = ['schedule_entry.created', 'schedule_entry.updated', 'schedule_entry.deleted'] as const;

export type DomainEventType = (typeof DOMAIN_EVENT_TYPES)[number];

export interface DomainEvent<P = unknown> {
  id: string;
  tenantId: string;
  type: DomainEventType;
  aggregateId: string;
  /**
   * `before` is null on create, `after` is null on delete. `origin`: the integration that made the change (e.g.
   * `calendar:<providerId>` for a calendar sync), so a subscriber can skip echoing it back there; null for people.
   */
  payload: { before: P | null; after: P | null; origin?: string | null };
  createdAt: Date;
}

export interface AppendDomainEventInput {
  tenantId: string;
  type: DomainEventType;
  aggregateId: string;
  payload: { before: unknown; after: unknown; origin?: string | null };
}

/** NOTIFY channel that wakes relays; the payload is empty (the relay reads what is due from the table). */
export const DOMAIN_EVENTS_CHANNEL = 'switchboard_domain_events';

export const isDomainEventType = (value: unknown): value is DomainEventType =>
  (DOMAIN_EVENT_TYPES as readonly unknown[]).includes(value);
