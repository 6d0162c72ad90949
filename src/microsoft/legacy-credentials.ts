import type { EntityManager } from '@mikro-orm/postgresql';
import type { SecretBox } from '../crypto/secret-box';

/** Additional data of an encrypted `tenant_secrets` value: a ciphertext copied to another row does not decrypt. */
export const tenantSecretContext = (tenantId: string, name: string) => `tenant_secrets:${tenantId}:${name}`;

/** The mirrored legacy app registration id; the other mirrored names are not needed to pick a profile. */
export const LEGACY_CLIENT_ID_SECRET = 'microsoft_client_id';

/**
 * Legacy rows hold either plaintext or a secret-box envelope. Only the envelope format starts with `v1.`; a
 * client id (a GUID) never does.
 */
export const isSecretEnvelope = (value: string) => value.startsWith('v1.');

/**
 * The tenant's mirrored legacy client id, or undefined when none is stored. An envelope that does not decrypt
 * throws (SecretDecryptionError): the caller must fail closed rather than guess.
 */
export async function readLegacyClientId(em: EntityManager, secretBox: SecretBox, tenantId: string): Promise<string | undefined> {
  const [row] = await em.execute<Array<{ value: string }>>('select value from tenant_secrets where tenant_id = ? and name = ?', [
    tenantId,
    LEGACY_CLIENT_ID_SECRET,
  ]);
  if (!row) return undefined;
  const value = isSecretEnvelope(row.value) ? secretBox.decrypt(row.value, tenantSecretContext(tenantId, LEGACY_CLIENT_ID_SECRET)) : row.value;
  return value.trim() === '' ? undefined : value.trim();
}
