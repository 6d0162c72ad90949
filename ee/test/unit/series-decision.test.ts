import { decideInstancePull, decideInstancePush, removalNeedsSeriesCheck, type LocalInstance, type RemoteInstance } from '../../src/calendar/sync/series-decision';
import { decidePull, type LocalState, type MappingState, type ProviderPolicy, type SyncAction } from '../../src/calendar/sync/sync-decision';

const policy = (overrides: Partial<ProviderPolicy> = {}): ProviderPolicy => ({ direction: 'bidirectional', importPolicy: 'all', importTag: null, conflictPolicy: 'manual', ...overrides });
const mapping = (overrides: Partial<MappingState> = {}): MappingState => ({ localVersion: 2, externalVersion: '"e1"', status: 'synced', ...overrides });
const exception = (overrides: Partial<LocalState> = {}): LocalState => ({ version: 2, ownerAssigned: true, cancelled: false, exception: true, ...overrides });
const remote = (overrides: Partial<RemoteInstance> = {}): RemoteInstance => ({
  kind: 'exception', version: '"e2"', deleted: false, title: 'Moved', notes: null, switchboardEntryId: null, ...overrides,
});
const local = (overrides: Partial<LocalInstance> = {}): LocalInstance => ({ seriesMapped: true, occurrenceLive: true, mapping: null, exception: null, ...overrides });
const label = (action: { kind: string; reason?: string }) => (action.kind === 'noop' ? `noop:${action.reason}` : action.kind);

describe('decideInstancePull: an instance of a series listed by the provider', () => {
  it.each<[string, ProviderPolicy, RemoteInstance, LocalInstance, boolean, string]>([
    ['push-only providers never pull', policy({ direction: 'to_external' }), remote(), local(), false, 'noop:direction'],
    ['an unknown series is read first', policy(), remote(), local({ seriesMapped: false }), false, 'fetch_series'],
    ['a series read this run and still unmapped was not imported', policy(), remote(), local({ seriesMapped: false }), true, 'noop:import_policy'],
    ['a plain occurrence of a mapped series changes nothing', policy(), remote({ kind: 'occurrence' }), local(), false, 'noop:unchanged'],
    ['a new exception edits the local instance', policy(), remote(), local(), false, 'edit_occurrence'],
    ['an exception at a start the local series no longer has is left alone', policy(), remote(), local({ occurrenceLive: false }), false, 'noop:already_gone'],
    ['a cancelled instance becomes an EXDATE', policy(), remote({ deleted: true }), local(), false, 'cancel_occurrence'],
    ['a cancelled instance with a local exception cancels it too', policy(), remote({ deleted: true }), local({ mapping: mapping(), exception: exception() }), false, 'cancel_occurrence'],
    ['a cancelled instance already excluded needs nothing (full listings repeat them)', policy(), remote({ deleted: true }), local({ occurrenceLive: false }), false, 'noop:already_gone'],
    ['our own write of an exception echoed back is a no-op', policy(), remote({ version: '"e1"' }), local({ mapping: mapping(), exception: exception() }), false, 'noop:echo'],
    ['a remote edit of a mapped exception updates it', policy(), remote(), local({ mapping: mapping(), exception: exception() }), false, 'update_local'],
    ['both sides moved one instance: a conflict', policy(), remote(), local({ mapping: mapping(), exception: exception({ version: 3 }) }), false, 'conflict'],
    ['LOCAL_WINS pushes the local instance', policy({ conflictPolicy: 'local_wins' }), remote(), local({ mapping: mapping(), exception: exception({ version: 3 }) }), false, 'update_remote'],
    ['an open conflict on the instance waits', policy(), remote(), local({ mapping: mapping({ status: 'conflict' }), exception: exception() }), false, 'noop:awaiting_resolution'],
    ['a mapping whose exception is gone is forgotten', policy(), remote(), local({ mapping: mapping(), exception: null }), false, 'forget_mapping'],
  ])('%s', (_label, given, remoteInstance, localInstance, fetched, expected) => {
    expect(label(decideInstancePull(given, remoteInstance, localInstance, fetched))).toBe(expected);
  });
});

describe('decidePull: the deletion of a mapped exception', () => {
  it('cancels the instance rather than unassigning the owner', () => {
    expect(decidePull(policy(), { ...remote(), deleted: true }, mapping(), exception()).kind).toBe('cancel_occurrence');
    expect(decidePull(policy(), { ...remote(), deleted: true }, mapping(), exception({ exception: false })).kind).toBe('unassign_local');
  });
});

describe('decideInstancePush: a local exception, for one provider', () => {
  it.each<[string, SyncAction, { mapped: boolean; wanted: boolean }, string]>([
    ['the first push of an exception writes the provider’s instance', { kind: 'create_remote' }, { mapped: true, wanted: true }, 'update_instance'],
    ['a series not pushed yet is waited for', { kind: 'create_remote' }, { mapped: false, wanted: true }, 'await_series'],
    ['a series this calendar never gets is not waited for', { kind: 'create_remote' }, { mapped: false, wanted: false }, 'noop:not_ours'],
    ['a mapped exception updates its instance as any event', { kind: 'update_remote' }, { mapped: true, wanted: true }, 'update_remote'],
    ['a removed exception deletes (cancels) its instance', { kind: 'delete_remote' }, { mapped: true, wanted: true }, 'delete_remote'],
    ['an unchanged exception is not pushed', { kind: 'noop', reason: 'unchanged' }, { mapped: true, wanted: true }, 'noop:unchanged'],
  ])('%s', (_label, base, series, expected) => {
    expect(label(decideInstancePush(base, series))).toBe(expected);
  });
});

describe('removalNeedsSeriesCheck', () => {
  it.each<['google' | 'microsoft', boolean, boolean]>([
    ['microsoft', false, true],
    ['microsoft', true, false],
    ['google', false, false],
    ['google', true, false],
  ])('%s, mapped %s → %s', (type, mapped, expected) => {
    expect(removalNeedsSeriesCheck(type, mapped)).toBe(expected);
  });
});
