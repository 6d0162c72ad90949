import { randomBytes } from 'node:crypto';

export interface KeyRing {
  /** The key new values are encrypted with (the first of SECRET_KEYS). */
  active: { id: string; key: Buffer };
  byId: ReadonlyMap<string, Buffer>;
}

export class KeyRingError extends Error {
  override name = 'KeyRingError';
}

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/** Parses `SECRET_KEYS` ("id:base64,id2:base64") into a key ring; the first entry encrypts, all decrypt. */
export function parseKeyRing(secretKeys: string): KeyRing {
  const entries = secretKeys.split(',').map((entry) => entry.trim()).filter(Boolean);
  if (entries.length === 0) throw new KeyRingError('SECRET_KEYS: no keys given');
  const byId = new Map<string, Buffer>();
  for (const entry of entries) {
    const separator = entry.indexOf(':');
    const id = entry.slice(0, separator);
    if (separator < 1 || !KEY_ID.test(id)) {
      throw new KeyRingError(`SECRET_KEYS: entry ${byId.size + 1} must look like keyId:base64key (keyId: letters, digits, _ or -)`);
    }
    const key = Buffer.from(entry.slice(separator + 1), 'base64');
    if (key.length !== 32) throw new KeyRingError(`SECRET_KEYS: key "${id}" must decode to 32 bytes, got ${key.length}`);
    if (byId.has(id)) throw new KeyRingError(`SECRET_KEYS: key id "${id}" appears twice`);
    byId.set(id, key);
  }
  const [activeId, activeKey] = byId.entries().next().value as [string, Buffer];
  return { active: { id: activeId, key: activeKey }, byId };
}

/** A fresh SECRET_KEYS value with one random key: used for embedded dev mode and documented for operators. */
export function generateSecretKeys(keyId = `k${Date.now().toString(36)}`): string {
  return `${keyId}:${randomBytes(32).toString('base64')}`;
}
