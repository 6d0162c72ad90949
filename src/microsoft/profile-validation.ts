import { isUuid } from '../db/uuid';
import { badUserInput } from '../errors/domain-errors';

const NAMED_AUTHORITIES = ['common', 'organizations', 'consumers'];
const MAX_DIRECTORY_IDS = 50;


export function validDisplayName(value: string): string {
  const name = value.trim();
  if (name.length < 1 || name.length > 100) throw badUserInput('displayName must be 1-100 characters.', { field: 'displayName' });
  return name;
}

export function validClientId(value: string): string {
  const clientId = value.trim().toLowerCase();
  if (!isUuid(clientId)) {
    throw badUserInput('clientId must be the application (client) ID GUID of the Azure app registration.', { field: 'clientId' });
  }
  return clientId;
}

export function validTenantAuthority(value: string): string {
  const authority = value.trim().toLowerCase();
  if (!isUuid(authority) && !NAMED_AUTHORITIES.includes(authority)) {
    throw badUserInput('tenantAuthority must be a directory (tenant) ID GUID, or common, organizations or consumers.', {
      field: 'tenantAuthority',
    });
  }
  return authority;
}

/** Directory (tenant) GUIDs, lower-cased and de-duplicated; an empty list is allowed (nobody signs in). */
export function validDirectoryIds(values: string[]): string[] {
  const ids = [...new Set(values.map((value) => value.trim().toLowerCase()))];
  const bad = ids.find((id) => !isUuid(id));
  if (bad !== undefined) {
    throw badUserInput(`allowedDirectoryIds must be directory (tenant) ID GUIDs; "${bad.slice(0, 60)}" is not one.`, { field: 'allowedDirectoryIds' });
  }
  if (ids.length > MAX_DIRECTORY_IDS) throw badUserInput(`allowedDirectoryIds takes at most ${MAX_DIRECTORY_IDS} directories.`, { field: 'allowedDirectoryIds' });
  return ids;
}

/** What a new profile admits when the admin says nothing: its own directory when the authority names one. */
export const defaultDirectoryIds = (tenantAuthority: string): string[] => (isUuid(tenantAuthority) ? [tenantAuthority] : []);

/**
 * Client secrets: non-empty, no surrounding whitespace, and not a secret's ID (a GUID) — pasting the "Secret ID"
 * column instead of the "Value" is the most common Azure setup mistake.
 */
export function validClientSecret(value: string): string {
  if (value.trim().length === 0) throw badUserInput('clientSecret must not be empty.', { field: 'clientSecret' });
  if (value !== value.trim()) throw badUserInput('clientSecret must not start or end with whitespace.', { field: 'clientSecret' });
  if (isUuid(value)) {
    throw badUserInput('clientSecret looks like a secret ID (a GUID). Paste the secret Value from Azure, not its Secret ID.', {
      field: 'clientSecret',
    });
  }
  if (value.length > 1024) throw badUserInput('clientSecret is too long.', { field: 'clientSecret' });
  return value;
}

/** Binding inputs: placeholders and empty ids are refused, never read as "clear" (clearing has its own mutation). */
export function validProfileId(value: string): string {
  const id = value.trim();
  if (!isUuid(id)) throw badUserInput('profileId must be the id of a Microsoft profile.', { field: 'profileId' });
  return id.toLowerCase();
}
