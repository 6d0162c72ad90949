// What every route module of the simulator receives: the store, the event model, delivery and delta registries,
// and the addresses it serves under.
import type { DeltaRegistry } from './graph-delta';
import type { EventStore } from './event-store';
import type { MailboxConcurrency } from './mailbox-concurrency';
import type { Notifier } from './notifications';
import type { SimState } from './state';

export interface SimContext {
  state: SimState;
  store: EventStore;
  notifier: Notifier;
  delta: DeltaRegistry;
  /** Outlook's per-app, per-mailbox concurrent request limit (off unless configured). */
  mailboxConcurrency: MailboxConcurrency;
  /** http://127.0.0.1:PORT */
  url: string;
  /** The https host name MSAL is configured with (never resolved: endpoints come from authorityMetadata). */
  authorityHost: string;
  accessTokenTtlSeconds: number;
  validationTimeoutMs: number;
}

export function graphBase(ctx: SimContext): string {
  return `${ctx.url}/v1.0`;
}

/** Tenant path segments the identity endpoints accept: the well-known aliases and every tenant the store knows. */
export function knownTenant(ctx: SimContext, tenant: string): boolean {
  if (['common', 'organizations', 'consumers'].includes(tenant.toLowerCase())) return true;
  for (const app of ctx.state.apps.values()) if (app.tenantId === tenant) return true;
  for (const user of ctx.state.users.values()) if (user.tenantId === tenant) return true;
  return false;
}
