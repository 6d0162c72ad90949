import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { KeyRing } from './key-ring';

export type SignedStateFailure = 'malformed' | 'bad_signature' | 'expired';

export type SignedStateVerification<T> = { ok: true; payload: T; expiresAt: Date } | { ok: false; reason: SignedStateFailure };

export interface SignedStateOptions {
  /**
   * Separates uses of the same key ring: a state signed for one purpose ("msp_sso_login") never verifies for
   * another ("calendar_oauth"), because each purpose derives its own HMAC key.
   */
  purpose: string;
  /** Injected clock (ms since epoch) so tests can sign in the past. */
  now?: () => number;
}

/** What travels inside the token. `kid` names the ring key so states signed before a rotation still verify. */
interface Envelope<T> {
  kid: string;
  exp: number;
  data: T;
}

/** Long enough for any state we sign; anything longer is refused before it is parsed. */
const MAX_TOKEN_LENGTH = 4096;
const SEGMENT = /^[A-Za-z0-9_-]+$/;

/**
 * HMAC-SHA256 signed, expiring tokens: `base64url(json).base64url(sig)`. The signature covers the encoded payload
 * exactly as sent, so no canonical JSON is needed. Single use is NOT handled here: callers pair the token with a
 * stored nonce.
 */
export class StateSigner {
  private readonly keys = new Map<string, Buffer>();
  private readonly now: () => number;

  constructor(
    private readonly keyRing: KeyRing,
    private readonly options: SignedStateOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  signState<T>(payload: T, ttlSeconds: number): string {
    if (!(ttlSeconds > 0)) throw new Error('signState: ttlSeconds must be positive');
    const kid = this.keyRing.active.id;
    const envelope: Envelope<T> = { kid, exp: Math.floor(this.now() / 1000) + Math.ceil(ttlSeconds), data: payload };
    const body = Buffer.from(JSON.stringify(envelope), 'utf8').toString('base64url');
    return `${body}.${this.mac(kid, body)!.toString('base64url')}`;
  }

  verifyState<T = unknown>(token: unknown): SignedStateVerification<T> {
    const parts = splitToken(token);
    if (!parts) return { ok: false, reason: 'malformed' };
    const envelope = decodeEnvelope<T>(parts.body);
    if (!envelope) return { ok: false, reason: 'malformed' };
    const expected = this.mac(envelope.kid, parts.body);
    const presented = Buffer.from(parts.sig, 'base64url');
    // Unknown key id and wrong signature are the same answer: the caller cannot tell which keys exist. The
    // re-encoding check refuses variants that differ only in unused trailing bits: one valid spelling per state.
    const canonical = presented.toString('base64url') === parts.sig;
    if (!expected || !canonical || presented.length !== expected.length || !timingSafeEqual(presented, expected)) {
      return { ok: false, reason: 'bad_signature' };
    }
    if (envelope.exp * 1000 <= this.now()) return { ok: false, reason: 'expired' };
    return { ok: true, payload: envelope.data, expiresAt: new Date(envelope.exp * 1000) };
  }

  private mac(kid: string, body: string): Buffer | undefined {
    const key = this.derivedKey(kid);
    return key && createHmac('sha256', key).update(body, 'ascii').digest();
  }

  /** HKDF with a purpose label: the raw encryption key is never used directly as a MAC key. */
  private derivedKey(kid: string): Buffer | undefined {
    const cached = this.keys.get(kid);
    if (cached) return cached;
    const master = this.keyRing.byId.get(kid);
    if (!master) return undefined;
    const info = `switchboard:signed-state:${this.options.purpose}`;
    const key = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
    this.keys.set(kid, key);
    return key;
  }
}

function splitToken(token: unknown): { body: string; sig: string } | undefined {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return undefined;
  const parts = token.split('.');
  if (parts.length !== 2) return undefined;
  const [body, sig] = parts as [string, string];
  return SEGMENT.test(body) && SEGMENT.test(sig) ? { body, sig } : undefined;
}

function decodeEnvelope<T>(body: string): Envelope<T> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { kid, exp, data } = parsed as Partial<Envelope<T>>;
  if (typeof kid !== 'string' || typeof exp !== 'number' || !Number.isFinite(exp) || data === undefined) return undefined;
  return { kid, exp, data };
}
