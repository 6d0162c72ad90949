import { chooseTargetProfile } from '../../src/microsoft/materialization-target';

const active = (id: string, clientId = `client-${id}`) => ({ id, clientId, isArchived: false });
const archived = (id: string, clientId = `client-${id}`) => ({ id, clientId, isArchived: true });

describe('chooseTargetProfile', () => {
  it('prefers the active credential match, case-insensitively, over the number of profiles', () => {
    expect(chooseTargetProfile([active('a'), active('b', 'ABC-1')], 'abc-1')).toEqual({ ok: true, profileId: 'b' });
  });

  it('falls back to the only active profile when the legacy client id matches nothing (or is absent)', () => {
    expect(chooseTargetProfile([active('a'), archived('b')], 'unknown')).toEqual({ ok: true, profileId: 'a' });
    expect(chooseTargetProfile([active('a')], undefined)).toEqual({ ok: true, profileId: 'a' });
  });

  it('refuses every guess', () => {
    expect(chooseTargetProfile([], 'x')).toEqual({ ok: false, reason: 'no_active_profile' });
    expect(chooseTargetProfile([archived('a')], undefined)).toEqual({ ok: false, reason: 'no_active_profile' });
    expect(chooseTargetProfile([archived('a', 'x'), active('b')], 'x')).toEqual({ ok: false, reason: 'credential_match_archived' });
    expect(chooseTargetProfile([active('a', 'x'), active('b', 'x')], 'x')).toEqual({ ok: false, reason: 'ambiguous: 2 active profiles match the legacy client id' });
    expect(chooseTargetProfile([active('a'), active('b'), active('c')], undefined)).toEqual({ ok: false, reason: 'ambiguous: 3 active profiles and no credential match' });
  });
});
