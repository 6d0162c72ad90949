import { generateSecretKeys, parseKeyRing } from '../../src/crypto/key-ring';
import { StateSigner } from '../../src/crypto/signed-state';

const OLD = generateSecretKeys('old');
const NEW = generateSecretKeys('new');
const signer = (keys = OLD, purpose = 'test', now?: () => number) => new StateSigner(parseKeyRing(keys), { purpose, now });

const flipFirstChar = (text: string) => (text.startsWith('A') ? 'B' : 'A') + text.slice(1);
const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('StateSigner', () => {
  it('round-trips a payload and reports when it expires', () => {
    const token = signer().signState({ nonce: 'n1', tenantId: 't1' }, 600);
    const result = signer().verifyState<{ nonce: string }>(token);
    expect(result).toEqual({ ok: true, payload: { nonce: 'n1', tenantId: 't1' }, expiresAt: expect.any(Date) });
    if (result.ok) expect(result.expiresAt.getTime() - Date.now()).toBeGreaterThan(590_000);
  });

  it('has the shape base64url(json).base64url(sig) with the key id inside', () => {
    const token = signer().signState('x', 60);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString())).toMatchObject({ kid: 'old', data: 'x' });
  });

  it('verifies states signed with any key of the ring (rotation) and signs with the active one', () => {
    const beforeRotation = signer(OLD).signState({ a: 1 }, 60);
    const rotated = signer(`${NEW},${OLD}`);
    expect(rotated.verifyState(beforeRotation)).toMatchObject({ ok: true, payload: { a: 1 } });
    expect(JSON.parse(Buffer.from(rotated.signState(1, 60).split('.')[0]!, 'base64url').toString()).kid).toBe('new');
  });

  it('refuses a state whose key left the ring, or another purpose, as bad_signature', () => {
    const token = signer(OLD).signState(1, 60);
    expect(signer(NEW).verifyState(token)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(signer(OLD, 'other-purpose').verifyState(token)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('refuses tampered payloads and signatures', () => {
    const token = signer().signState({ tenantId: 't1' }, 60);
    const [body, sig] = token.split('.') as [string, string];
    const forged = encode({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), data: { tenantId: 't2' } });
    expect(signer().verifyState(`${forged}.${sig}`)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(signer().verifyState(`${body}.${flipFirstChar(sig)}`)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(signer().verifyState(`${body}.${sig.slice(0, 20)}`)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('refuses a signature spelled with different unused trailing bits', () => {
    const token = signer().signState('x', 60);
    const [body, sig] = token.split('.') as [string, string];
    // 32 bytes = 43 base64url characters; the last one carries 2 unused bits, so these decode to the same bytes.
    const last = 'AEIMQUYcgkosw048'.indexOf(sig.slice(-1));
    const variant = `${sig.slice(0, -1)}${'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'[last * 4 + 1]}`;
    expect(Buffer.from(variant, 'base64url').equals(Buffer.from(sig, 'base64url'))).toBe(true);
    expect(signer().verifyState(`${body}.${variant}`)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('refuses an expired state, but only after checking its signature', () => {
    const past = signer(OLD, 'test', () => Date.now() - 601_000).signState('x', 600);
    expect(signer().verifyState(past)).toEqual({ ok: false, reason: 'expired' });
    expect(signer().verifyState(`${past.split('.')[0]}.${flipFirstChar(past.split('.')[1]!)}`)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it.each([
    ['not a string', 42],
    ['empty', ''],
    ['one part', 'abc'],
    ['three parts', 'a.b.c'],
    ['bad characters', 'a+b.c/d'],
    ['not json', `${Buffer.from('nope').toString('base64url')}.AAAA`],
    ['json without kid', `${encode({ exp: 1, data: 1 })}.AAAA`],
    ['json array', `${encode([1])}.AAAA`],
    ['too long', `${'a'.repeat(5000)}.AAAA`],
  ])('calls %s malformed', (_label, token) => {
    expect(signer().verifyState(token)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuses a non-positive ttl at signing time', () => {
    expect(() => signer().signState(1, 0)).toThrow(/ttlSeconds/);
  });
});
