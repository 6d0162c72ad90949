import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * API keys look like `sbk_<prefix>_<secret>`. The prefix is stored in clear to find the row; only a SHA-256
 * of the whole key is stored (keys carry 256 bits of randomness, so a slow hash adds nothing).
 */
const KEY_PATTERN = /^sbk_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

export interface GeneratedApiKey {
  plaintext: string;
  prefix: string;
  secretHash: string;
}

export function generateApiKey(): GeneratedApiKey {
  const prefix = randomBytes(9).toString('base64url').toLowerCase().replace(/[^a-z0-9]/g, '0').slice(0, 12);
  const plaintext = `sbk_${prefix}_${randomBytes(32).toString('base64url')}`;
  return { plaintext, prefix, secretHash: hashApiKey(plaintext) };
}

export function parseApiKey(candidate: string): { prefix: string } | undefined {
  const match = KEY_PATTERN.exec(candidate);
  return match ? { prefix: match[1]! } : undefined;
}

export function hashApiKey(plaintext: string): string {
  return createHash('sha256').update(plaintext).digest('hex');
}

export function apiKeyMatches(plaintext: string, storedHash: string): boolean {
  const candidate = Buffer.from(hashApiKey(plaintext), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return candidate.length === stored.length && timingSafeEqual(candidate, stored);
}
