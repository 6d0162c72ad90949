import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { KeyRing } from './key-ring';

const VERSION = 'v1';
const IV_BYTES = 12;

export class SecretDecryptionError extends Error {
  override name = 'SecretDecryptionError';
}

/**
 * AES-256-GCM envelope: `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts). The key id travels with the
 * value so rotation can re-encrypt old rows; `context` (e.g. "microsoft_profiles.client_secret:<id>") is bound
 * as additional data so a ciphertext copied to another row does not decrypt.
 */
export class SecretBox {
  constructor(private readonly keyRing: KeyRing) {}

  encrypt(plaintext: string, context: string): string {
    const { id, key } = this.keyRing.active;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, id, iv, cipher.getAuthTag(), ciphertext]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
  }

  decrypt(envelope: string, context: string): string {
    const [version, keyId, iv, tag, ciphertext] = envelope.split('.');
    if (version !== VERSION || !keyId || iv === undefined || tag === undefined || ciphertext === undefined) {
      throw new SecretDecryptionError('stored secret is not a recognised envelope');
    }
    const key = this.keyRing.byId.get(keyId);
    if (!key) throw new SecretDecryptionError(`stored secret uses key "${keyId}", which is not in SECRET_KEYS`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretDecryptionError(`stored secret failed authentication with key "${keyId}"`);
    }
  }

  keyIdOf(envelope: string): string | undefined {
    return envelope.split('.')[1];
  }

  /** True when the value was encrypted with a key other than the active one (rotation candidate). */
  needsRotation(envelope: string): boolean {
    return this.keyIdOf(envelope) !== this.keyRing.active.id;
  }
}
