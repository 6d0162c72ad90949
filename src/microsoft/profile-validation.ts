import { isUuid } from '../db/uuid';
import { badUserInput } from '../errors/domain-errors';

const NAMED_AUTHORITIES = ['common', 'organizations', 'consumers'];


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
