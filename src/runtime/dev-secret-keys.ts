import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateSecretKeys } from '../crypto/key-ring';
import type { Logger } from '../observability/logger';

/**
 * Embedded mode only: without SECRET_KEYS, a key ring is created once under DATA_DIR and reused, so secrets
 * stored in the embedded database stay readable across restarts. Production sets SECRET_KEYS.
 */
export async function loadOrCreateDevSecretKeys(dataDir: string, logger: Logger): Promise<string> {
  const file = path.join(dataDir, 'dev-secret-keys');
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    await mkdir(dataDir, { recursive: true });
    const keys = generateSecretKeys('dev');
    await writeFile(file, keys, { mode: 0o600 });
    logger.warn({ file }, 'SECRET_KEYS is not set: created a development key ring (set SECRET_KEYS in production)');
    return keys;
  }
}
