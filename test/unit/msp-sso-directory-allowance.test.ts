import { directoryAllowed, identityClaims } from '../../src/msp-sso/directory-allowance';

const HOME = '11111111-1111-4111-8111-111111111111';
const PARTNER = '22222222-2222-4222-8222-222222222222';
const STRANGER = '33333333-3333-4333-8333-333333333333';

describe('directoryAllowed', () => {
  it('admits only its own directory with a GUID authority, whatever allowedDirectoryIds says', () => {
    const profile = { tenantAuthority: HOME, allowedDirectoryIds: [HOME, PARTNER] };
    expect(directoryAllowed(profile, HOME)).toEqual({ ok: true });
    expect(directoryAllowed(profile, HOME.toUpperCase())).toEqual({ ok: true });
    expect(directoryAllowed(profile, PARTNER)).toEqual({ ok: false, detail: expect.stringContaining('tenantAuthority') });
  });

  it.each(['common', 'organizations', 'consumers'])('admits only listed directories with the %s authority', (tenantAuthority) => {
    const profile = { tenantAuthority, allowedDirectoryIds: [HOME, PARTNER] };
    expect(directoryAllowed(profile, PARTNER)).toEqual({ ok: true });
    expect(directoryAllowed(profile, STRANGER)).toEqual({ ok: false, detail: expect.stringContaining('allowedDirectoryIds') });
  });

  it('admits nobody through a multi-tenant authority with an empty list, and says so', () => {
    expect(directoryAllowed({ tenantAuthority: 'common', allowedDirectoryIds: [] }, HOME)).toEqual({
      ok: false,
      detail: expect.stringMatching(/allowedDirectoryIds is empty: nobody may sign in/),
    });
  });
});

describe('identityClaims', () => {
  it('reads tid and oid from the id token claims', () => {
    expect(identityClaims({ tid: HOME.toUpperCase(), oid: PARTNER, preferred_username: 'a@b.test' })).toEqual({ tid: HOME, oid: PARTNER });
  });

  it.each([undefined, {}, { tid: HOME }, { oid: PARTNER }, { tid: 'contoso', oid: PARTNER }, { tid: HOME, oid: 42 }])('refuses %j', (claims) => {
    expect(identityClaims(claims)).toBeUndefined();
  });
});
