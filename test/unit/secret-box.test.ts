import { generateSecretKeys, parseKeyRing } from '../../src/crypto/key-ring';
import { SecretBox, SecretDecryptionError } from '../../src/crypto/secret-box';

describe('key ring', () => {
  it('uses the first key to encrypt and all keys to decrypt', () => {
    const old = generateSecretKeys('old');
    const fresh = generateSecretKeys('new');
    const before = new SecretBox(parseKeyRing(old));
    const sealed = before.encrypt('s3cret', 'ctx');
    const after = new SecretBox(parseKeyRing(`${fresh},${old}`));
    expect(after.decrypt(sealed, 'ctx')).toBe('s3cret');
    expect(after.needsRotation(sealed)).toBe(true);
    expect(after.needsRotation(after.encrypt('s3cret', 'ctx'))).toBe(false);
  });

  it.each([
    ['', /no keys/],
    ['nokey', /keyId:base64key/],
    ['k:c2hvcnQ=', /32 bytes/],
    [`k:${Buffer.alloc(32).toString('base64')},k:${Buffer.alloc(32).toString('base64')}`, /twice/],
  ])('rejects SECRET_KEYS=%j', (value, message) => {
    expect(() => parseKeyRing(value)).toThrow(message);
  });
});

describe('SecretBox', () => {
  const box = new SecretBox(parseKeyRing(generateSecretKeys('k1')));

  it('never stores the plaintext and uses a fresh IV per value', () => {
    const a = box.encrypt('client-secret-value', 'row:1');
    const b = box.encrypt('client-secret-value', 'row:1');
    expect(a).not.toContain('client-secret-value');
    expect(a).not.toBe(b);
    expect(a.split('.')[1]).toBe('k1');
  });

  it('refuses values moved to another row, tampered with, or sealed by an unknown key', () => {
    const sealed = box.encrypt('v', 'row:1');
    expect(() => box.decrypt(sealed, 'row:2')).toThrow(SecretDecryptionError);
    const parts = sealed.split('.');
    parts[4] = Buffer.from('tampered').toString('base64url');
    expect(() => box.decrypt(parts.join('.'), 'row:1')).toThrow(SecretDecryptionError);
    expect(() => box.decrypt(sealed.replace('.k1.', '.zz.'), 'row:1')).toThrow(/not in SECRET_KEYS/);
    expect(() => box.decrypt('plaintext-secret', 'row:1')).toThrow(/not a recognised envelope/);
  });
});
