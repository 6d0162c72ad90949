/**
 * Transactional outbox. Writers call `appendDomainEvent(em, …)` inside their own transaction; `OutboxRelay`
 * delivers committed events to the `schedule.entryChanged` hook (see outbox-relay.ts for the delivery rules).
 */
export { DOMAIN_EVENT_TYPES, DOMAIN_EVENTS_CHANNEL, type AppendDomainEventInput, type DomainEvent, type DomainEventType } from './domain-event';
export { appendDomainEvent, appendDomainEvents } from './append-domain-event';
export { OutboxRelay, DEFAULT_RELAY_OPTIONS, type DrainResult, type OutboxRelayDeps, type OutboxRelayOptions } from './outbox-relay';
export { createOutboxRelay } from './create-outbox-relay';
export { OutboxMetricsReader } from './outbox-metrics';
