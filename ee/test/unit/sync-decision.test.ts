import {
  decidePull,
  decidePush,
  imports,
  type LocalState,
  type MappingState,
  type ProviderPolicy,
  type RemoteState,
} from '../../src/calendar/sync/sync-decision';

const policy = (overrides: Partial<ProviderPolicy> = {}): ProviderPolicy => ({
  direction: 'bidirectional',
  importPolicy: 'all',
  importTag: null,
  conflictPolicy: 'manual',
  ...overrides,
});
const local = (overrides: Partial<LocalState> = {}): LocalState => ({ version: 3, ownerAssigned: true, cancelled: false, ...overrides });
const mapping = (overrides: Partial<MappingState> = {}): MappingState => ({ localVersion: 3, externalVersion: '"e1"', status: 'synced', ...overrides });
const remote = (overrides: Partial<RemoteState> = {}): RemoteState => ({
  version: '"e2"',
  deleted: false,
  title: 'Visit',
  notes: null,
  switchboardEntryId: null,
  ...overrides,
});

describe('decidePush: a local change, for one provider', () => {
  it.each<[string, ProviderPolicy, LocalState | null, MappingState | null, string]>([
    ['pull-only providers never push', policy({ direction: 'from_external' }), local({ version: 4 }), mapping(), 'noop:direction'],
    ['a new entry of the owner is created remotely', policy(), local(), null, 'create_remote'],
    ['to_external pushes too', policy({ direction: 'to_external' }), local(), null, 'create_remote'],
    ['a newer local version updates the event', policy(), local({ version: 4 }), mapping(), 'update_remote'],
    ['the version last synced is not pushed again (echo of our own pull)', policy(), local(), mapping(), 'noop:unchanged'],
    ['a pending mapping at the same version is retried', policy(), local(), mapping({ status: 'pending' }), 'update_remote'],
    ['an errored mapping at the same version is retried', policy(), local(), mapping({ status: 'error' }), 'update_remote'],
    ['an open conflict waits for its resolution', policy(), local({ version: 5 }), mapping({ status: 'conflict' }), 'noop:awaiting_resolution'],
    ['a deleted entry deletes the event', policy(), null, mapping(), 'delete_remote'],
    ['unassigning the owner deletes the event, never the entry', policy(), local({ ownerAssigned: false, version: 4 }), mapping(), 'delete_remote'],
    ['a cancelled entry deletes the event', policy(), local({ cancelled: true, version: 4 }), mapping(), 'delete_remote'],
    ['an entry the owner is not on, never pushed, is none of our business', policy(), local({ ownerAssigned: false }), null, 'noop:not_ours'],
    ['a deleted entry never pushed needs nothing', policy(), null, null, 'noop:not_ours'],
  ])('%s', (_label, given, localState, mappingState, expected) => {
    const action = decidePush(given, localState, mappingState);
    expect(action.kind === 'noop' ? `noop:${action.reason}` : action.kind).toBe(expected);
  });
});

describe('decidePull: a remote change, for one event', () => {
  it.each<[string, ProviderPolicy, RemoteState, MappingState | null, LocalState | null, string]>([
    ['push-only providers never pull', policy({ direction: 'to_external' }), remote(), mapping(), local(), 'noop:direction'],
    ['a new remote event is imported (ALL)', policy(), remote(), null, null, 'create_local'],
    ['NONE imports nothing', policy({ importPolicy: 'none' }), remote(), null, null, 'noop:import_policy'],
    ['TAGGED imports a tagged title', policy({ importPolicy: 'tagged', importTag: '#psa' }), remote({ title: 'Visit #PSA' }), null, null, 'create_local'],
    ['TAGGED imports a tagged description', policy({ importPolicy: 'tagged', importTag: '#psa' }), remote({ notes: 'see #psa' }), null, null, 'create_local'],
    ['TAGGED skips an untagged event', policy({ importPolicy: 'tagged', importTag: '#psa' }), remote(), null, null, 'noop:import_policy'],
    ['an event carrying our id but no mapping is relinked', policy({ importPolicy: 'none' }), remote({ switchboardEntryId: 'e' }), null, null, 'relink'],
    ['a deletion of an event we never mapped needs nothing', policy(), remote({ deleted: true }), null, null, 'noop:already_gone'],
    ['our own write echoed back is a no-op', policy(), remote({ version: '"e1"' }), mapping(), local(), 'noop:echo'],
    ['a remote edit updates the entry', policy(), remote(), mapping(), local(), 'update_local'],
    ['a remote edit after a local one is a conflict (MANUAL)', policy(), remote(), mapping(), local({ version: 4 }), 'conflict'],
    ['LOCAL_WINS pushes the local side', policy({ conflictPolicy: 'local_wins' }), remote(), mapping(), local({ version: 4 }), 'update_remote'],
    ['REMOTE_WINS takes the remote side', policy({ conflictPolicy: 'remote_wins' }), remote(), mapping(), local({ version: 4 }), 'update_local'],
    ['an echo with a pending local change leaves it to the push', policy(), remote({ version: '"e1"' }), mapping(), local({ version: 4 }), 'noop:echo'],
    ['a remote deletion unassigns the owner', policy(), remote({ deleted: true }), mapping(), local(), 'unassign_local'],
    ['a remote deletion after the owner left needs nothing', policy(), remote({ deleted: true }), mapping(), local({ ownerAssigned: false }), 'noop:already_gone'],
    ['an open conflict waits for its resolution', policy(), remote(), mapping({ status: 'conflict' }), local(), 'noop:awaiting_resolution'],
    ['a mapping whose entry is gone is forgotten', policy(), remote(), mapping(), null, 'forget_mapping'],
  ])('%s', (_label, given, remoteState, mappingState, localState, expected) => {
    const action = decidePull(given, remoteState, mappingState, localState);
    expect(action.kind === 'noop' ? `noop:${action.reason}` : action.kind).toBe(expected);
  });
});

describe('imports', () => {
  it('needs a non-empty tag for TAGGED', () => {
    expect(imports({ importPolicy: 'tagged', importTag: '  ' }, { title: 'anything', notes: null })).toBe(false);
    expect(imports({ importPolicy: 'tagged', importTag: null }, { title: 'anything', notes: null })).toBe(false);
  });
});
