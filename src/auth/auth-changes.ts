import type { Orm } from '../db/orm';
import { isUuid } from '../db/uuid';

/**
 * Postgres NOTIFY channel for credential changes. Database triggers on api_keys, users and tenants send it in the
 * writing transaction (migration AuthChangeNotifications), so every writer is covered: GraphQL, the CLI, another
 * process, an operator's SQL. Payload: JSON of an AuthChange.
 */
export const AUTH_CHANGES_CHANNEL = 'switchboard_auth';

/**
 * What changed, as narrowly as the cache needs it:
 * - `apiKeyPrefix`: that key was revoked, deleted or re-pointed;
 * - `userId` (+ `externalIds`, old and new): that user was created, deleted, or changed role or external id;
 * - neither: the tenant was deleted.
 */
export interface AuthChange {
  tenantId: string;
  apiKeyPrefix?: string;
  userId?: string;
  externalIds?: string[];
}

export function parseAuthChange(payload: string): AuthChange | undefined {
  try {
    const raw = JSON.parse(payload) as Record<string, unknown>;
    if (typeof raw.tenantId !== 'string' || !isUuid(raw.tenantId)) return undefined;
    const change: AuthChange = { tenantId: raw.tenantId };
    if (typeof raw.apiKeyPrefix === 'string') change.apiKeyPrefix = raw.apiKeyPrefix;
    if (typeof raw.userId === 'string') change.userId = raw.userId;
    if (Array.isArray(raw.externalIds)) change.externalIds = raw.externalIds.filter((id): id is string => typeof id === 'string');
    return change;
  } catch {
    return undefined;
  }
}

type AuthChangeListener = (change: AuthChange) => void;

/**
 * Same-process delivery, synchronous: a write that changes credentials announces it here right after its commit,
 * so the next request of this process already sees it (the NOTIFY reaches this process too, a moment later).
 * Scoped to one ORM, i.e. one runtime: services are built from `deps.orm` in many modules, and two runtimes in one
 * test process must not hear each other.
 */
const listeners = new WeakMap<Orm, Set<AuthChangeListener>>();

export function announceAuthChange(orm: Orm, change: AuthChange): void {
  for (const listener of listeners.get(orm) ?? []) listener(change);
}

export function onAuthChange(orm: Orm, listener: AuthChangeListener): () => void {
  let set = listeners.get(orm);
  if (!set) listeners.set(orm, (set = new Set()));
  set.add(listener);
  return () => void set.delete(listener);
}
