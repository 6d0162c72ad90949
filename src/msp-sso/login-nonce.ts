import { createHash, timingSafeEqual } from 'node:crypto';

/** RFC 3986 unreserved characters: what a PSA puts in a URL or a JSON body without escaping. */
const NONCE = /^[A-Za-z0-9._~-]{16,128}$/;

export const NONCE_RULE = 'nonce must be 16-128 characters from A-Z a-z 0-9 - . _ ~';

/**
 * The PSA's browser-session nonce: it goes in with resolve and must come back with redeemMspSsoTicket, so a
 * ticket minted in one browser (an attacker's) cannot log another browser in (login CSRF).
 */
export function parseLoginNonce(value: unknown): string | undefined {
  return typeof value === 'string' && NONCE.test(value) ? value : undefined;
}

/** Only the hash is stored: the nonce itself stays in the PSA's session. */
export const hashLoginNonce = (nonce: string): string => createHash('sha256').update(nonce).digest('hex');

/** Constant time; a missing stored hash (a row from before nonces) never matches. */
export function nonceMatches(storedHash: string | null, nonce: string): boolean {
  if (!storedHash) return false;
  const given = Buffer.from(hashLoginNonce(nonce), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return stored.length === given.length && timingSafeEqual(stored, given);
}
