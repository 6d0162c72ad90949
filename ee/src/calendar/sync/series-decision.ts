/**
 * Decisions for the instances of a series, pure (the services do the I/O). An instance never becomes an entry
 * of its own: an exception is an edited instance of the local series (`editOccurrence`), a cancelled instance an
 * EXDATE on it (`cancelOccurrence`), a plain occurrence nothing at all. An edit of one instance never touches the
 * master or the other instances (PROVIDERS.md, complaints 5 and 11).
 */
import type { LocalState, MappingState, ProviderPolicy, RemoteState, SyncAction } from './sync-decision';
import { decidePull } from './sync-decision';

export interface RemoteInstance extends RemoteState {
  /** Graph lists plain occurrences; Google's sync listing only exceptions and cancelled instances. */
  kind: 'occurrence' | 'exception';
}

/** The local side of one instance: the series' mapping, whether the series still has it, and its exception. */
export interface LocalInstance {
  seriesMapped: boolean;
  /** The series (as it is locally) has an instance at the event's original start. */
  occurrenceLive: boolean;
  /** The exception entry mapped to this instance, if any. */
  mapping: MappingState | null;
  exception: LocalState | null;
}

export type InstanceAction =
  | SyncAction
  /** The series is not mapped yet: read its master, apply it, then decide again. */
  | { kind: 'fetch_series' }
  /** An exception we have no entry for: the local series gets an exception at the original start. */
  | { kind: 'edit_occurrence' };

/** `seriesFetched`: the master was already read this run (so an unmapped series stays unmapped: not imported). */
export function decideInstancePull(policy: ProviderPolicy, remote: RemoteInstance, local: LocalInstance, seriesFetched: boolean): InstanceAction {
  if (policy.direction === 'to_external') return { kind: 'noop', reason: 'direction' };
  if (!local.seriesMapped) return seriesFetched ? { kind: 'noop', reason: 'import_policy' } : { kind: 'fetch_series' };
  if (local.mapping?.status === 'conflict') return { kind: 'noop', reason: 'awaiting_resolution' };
  if (remote.deleted) return local.occurrenceLive || local.exception ? { kind: 'cancel_occurrence' } : { kind: 'noop', reason: 'already_gone' };
  if (remote.kind === 'occurrence' && !local.mapping) return { kind: 'noop', reason: 'unchanged' };
  if (!local.mapping) return local.occurrenceLive ? { kind: 'edit_occurrence' } : { kind: 'noop', reason: 'already_gone' };
  return decidePull(policy, remote, local.mapping, local.exception);
}

export type InstancePushAction =
  | SyncAction
  /** First push of an exception: write the provider's instance of the mapped series (never a new event). */
  | { kind: 'update_instance' }
  /** The series has not reached the provider yet: try again later rather than create a standalone event. */
  | { kind: 'await_series' };

/**
 * Refines `decidePush` for an exception entry: its create is the update of the provider's instance. A series this
 * provider will never receive (its owner is not on it, or it is cancelled) is not waited for.
 */
export function decideInstancePush(base: SyncAction, series: { mapped: boolean; wanted: boolean }): InstancePushAction {
  if (base.kind !== 'create_remote') return base;
  if (series.mapped) return { kind: 'update_instance' };
  return series.wanted ? { kind: 'await_series' } : { kind: 'noop', reason: 'not_ours' };
}

/** Graph lists no tombstone naming the series of a removed plain occurrence: only a look at the series tells. */
export function removalNeedsSeriesCheck(providerType: 'google' | 'microsoft', mapped: boolean): boolean {
  return providerType === 'microsoft' && !mapped;
}
