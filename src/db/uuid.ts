import { randomUUID } from 'node:crypto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids from clients are checked before they reach a uuid column: a malformed one is "not found", not a 500. */
export const isUuid = (value: unknown): boolean => typeof value === 'string' && UUID.test(value);

/**
 * RFC 9562 version 7: a millisecond timestamp, then random bits. For append-heavy tables: new keys land at the
 * right edge of the primary-key index instead of on a random page of it.
 */
export function uuidv7(now = Date.now()): string {
  // randomUUID draws from a cached entropy pool (randomBytes per call costs a synchronous fill each time); its
  // variant bits are already v7's, and its version nibble is replaced.
  const random = randomUUID();
  const time = now.toString(16).padStart(12, '0').slice(-12);
  return `${time.slice(0, 8)}-${time.slice(8)}-7${random.slice(15)}`;
}
