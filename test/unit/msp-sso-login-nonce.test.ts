import { hashLoginNonce, nonceMatches, parseLoginNonce } from '../../src/msp-sso/login-nonce';

describe('browser-session nonce', () => {
  const nonce = 'Abc-._~0123456789xyz';

  it('accepts 16-128 unreserved characters only', () => {
    expect(parseLoginNonce(nonce)).toBe(nonce);
    expect(parseLoginNonce('a'.repeat(128))).toBe('a'.repeat(128));
    for (const bad of ['a'.repeat(15), 'a'.repeat(129), `${'a'.repeat(16)} `, `${'a'.repeat(16)}/`, 1234567890123456, null, undefined]) {
      expect(parseLoginNonce(bad)).toBeUndefined();
    }
  });

  it('matches only the nonce whose hash was stored', () => {
    const stored = hashLoginNonce(nonce);
    expect(stored).not.toContain(nonce);
    expect(nonceMatches(stored, nonce)).toBe(true);
    expect(nonceMatches(stored, `${nonce}x`)).toBe(false);
    expect(nonceMatches(null, nonce)).toBe(false);
    expect(nonceMatches('not-hex', nonce)).toBe(false);
  });
});
