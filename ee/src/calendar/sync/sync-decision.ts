/**
 * Sync decisions, pure: from (local entry, remote event, mapping) to one action. Adapters and repositories do
 * the I/O; nothing here reads a clock, a database or a provider, so every row of the decision table is a unit test.
 * DESIGN.md §8: a remote change equal to our own last write is an echo; both sides moved since the last sync is
 * a conflict; sync never hard-deletes a schedule entry.
 */
export type SyncDirection = 'bidirectional' | 'to_external' | 'from_external';
export type ImportPolicy = 'all' | 'tagged' | 'none';
export type ConflictPolicy = 'manual' | 'local_wins' | 'remote_wins';
export type MappingStatus = 'synced' | 'pending' | 'conflict' | 'error';

export interface ProviderPolicy {
  direction: SyncDirection;
  importPolicy: ImportPolicy;
  /** TAGGED imports only events whose title or description contains this text (case-insensitive). */
  importTag: string | null;
  conflictPolicy: ConflictPolicy;
}

/** The local side as a decision needs it. */
export interface LocalState {
  version: number;
  /** The provider's owner is among the entry's assignees. */
  ownerAssigned: boolean;
  cancelled: boolean;
  /** The entry is an edited instance of a series: removing it remotely cancels that instance. */
  exception?: boolean;
}

/** What the mapping remembers of the last sync. */
export interface MappingState {
  /** The entry version our last sync wrote or read. */
  localVersion: number;
  /** The etag / changeKey our last write produced or last saw. */
  externalVersion: string | null;
  status: MappingStatus;
}

export interface RemoteState {
  version: string | null;
  deleted: boolean;
  title: string | null;
  notes: string | null;
  /** Our entry id carried by the event (extended property), if it is one of ours. */
  switchboardEntryId: string | null;
}

export type SyncAction =
  | { kind: 'noop'; reason: NoopReason }
  | { kind: 'create_remote' }
  | { kind: 'update_remote' }
  | { kind: 'delete_remote' }
  | { kind: 'create_local' }
  | { kind: 'update_local' }
  /** Remote deletion of a mapped event: the owner leaves the entry (cancelled when nobody is left). */
  | { kind: 'unassign_local' }
  /** A removed instance of a series: an EXDATE on the local series, whose exception (if any) goes with it. */
  | { kind: 'cancel_occurrence' }
  /** The event carries our id but we lost its mapping: rebuild it, then decide again. */
  | { kind: 'relink' }
  /** The mapping points at an entry that no longer exists: forget it. */
  | { kind: 'forget_mapping' }
  | { kind: 'conflict' };

export type NoopReason =
  | 'direction'
  | 'unchanged'
  | 'echo'
  | 'not_ours'
  | 'import_policy'
  | 'awaiting_resolution'
  | 'already_gone';

const noop = (reason: NoopReason): SyncAction => ({ kind: 'noop', reason });

const pushes = (direction: SyncDirection) => direction !== 'from_external';
const pulls = (direction: SyncDirection) => direction !== 'to_external';

/** A local change of one entry (delivered by the outbox), for one provider. `local` null: the entry was deleted. */
export function decidePush(policy: ProviderPolicy, local: LocalState | null, mapping: MappingState | null): SyncAction {
  if (!pushes(policy.direction)) return noop('direction');
  const wanted = local !== null && local.ownerAssigned && !local.cancelled;
  if (!wanted) return mapping ? { kind: 'delete_remote' } : noop('not_ours');
  if (!mapping) return { kind: 'create_remote' };
  if (mapping.status === 'conflict') return noop('awaiting_resolution');
  // The version our last sync wrote or read: a pull's own local write comes back here as an echo.
  if (mapping.localVersion === local.version && mapping.status === 'synced') return noop('unchanged');
  return { kind: 'update_remote' };
}

/** A remote change of one event (incremental listing, or a full listing's entry or vanished event). */
export function decidePull(
  policy: ProviderPolicy,
  remote: RemoteState,
  mapping: MappingState | null,
  local: LocalState | null,
): SyncAction {
  if (!pulls(policy.direction)) return noop('direction');
  if (!mapping) return unmappedRemote(policy, remote);
  if (mapping.status === 'conflict') return noop('awaiting_resolution');
  if (!local) return { kind: 'forget_mapping' };
  if (remote.deleted && local.exception) return { kind: 'cancel_occurrence' };
  if (remote.deleted) return local.ownerAssigned ? { kind: 'unassign_local' } : noop('already_gone');
  if (remote.version !== null && remote.version === mapping.externalVersion) return noop('echo');
  if (local.version !== mapping.localVersion) return conflictByPolicy(policy.conflictPolicy);
  return { kind: 'update_local' };
}

function unmappedRemote(policy: ProviderPolicy, remote: RemoteState): SyncAction {
  if (remote.deleted) return noop('already_gone');
  if (remote.switchboardEntryId) return { kind: 'relink' };
  if (!imports(policy, remote)) return noop('import_policy');
  return { kind: 'create_local' };
}

/** Both sides moved since the last sync. */
export function conflictByPolicy(policy: ConflictPolicy): SyncAction {
  if (policy === 'local_wins') return { kind: 'update_remote' };
  if (policy === 'remote_wins') return { kind: 'update_local' };
  return { kind: 'conflict' };
}

export function imports(policy: Pick<ProviderPolicy, 'importPolicy' | 'importTag'>, remote: Pick<RemoteState, 'title' | 'notes'>): boolean {
  if (policy.importPolicy === 'none') return false;
  if (policy.importPolicy === 'all') return true;
  const tag = policy.importTag?.trim().toLowerCase();
  if (!tag) return false;
  return [remote.title, remote.notes].some((text) => text?.toLowerCase().includes(tag));
}
