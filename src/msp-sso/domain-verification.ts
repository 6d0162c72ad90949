import { randomBytes } from 'node:crypto';
import { badUserInput } from '../errors/domain-errors';
import type { TxtLookupResult } from './dns-txt-lookup';

export const VERIFICATION_RECORD_PREFIX = '_switchboard-msp-sso';
export const VERIFICATION_VALUE_PREFIX = 'switchboard-sso-verification=';

/** The DNS record an admin publishes to prove control of a login domain. */
export interface DomainVerificationRecord {
  type: 'TXT';
  name: string;
  value: string;
}

/** Not a secret (it is published in DNS), but unguessable: nobody can pre-publish another tenant's proof. */
export const newVerificationToken = (): string => randomBytes(20).toString('hex');

export function verificationRecord(domain: string, token: string): DomainVerificationRecord {
  return { type: 'TXT', name: `${VERIFICATION_RECORD_PREFIX}.${domain}`, value: `${VERIFICATION_VALUE_PREFIX}${token}` };
}

const MAX_SHOWN_RECORDS = 5;
const MAX_SHOWN_LENGTH = 120;

/**
 * Passes when one TXT value at the record name is exactly the expected one (surrounding whitespace ignored: DNS
 * consoles add it); otherwise BAD_USER_INPUT saying what was expected and what was found.
 */
export function assertProofFound(expected: DomainVerificationRecord, found: TxtLookupResult): void {
  if (found.ok && found.records.some((value) => value.trim() === expected.value)) return;
  const wanted = `Expected a TXT record at ${expected.name} with the value "${expected.value}"`;
  throw badUserInput(`${wanted}; ${describe(found)}. The domain stays pending: publish the record and verify again.`, {
    recordName: expected.name,
    expectedValue: expected.value,
  });
}

function describe(found: TxtLookupResult): string {
  if (!found.ok && found.reason === 'no_record') return 'found no TXT record there (DNS changes can take a while to appear)';
  if (!found.ok) return `the DNS lookup failed (${found.code})`;
  const shown = found.records.slice(0, MAX_SHOWN_RECORDS).map((value) => JSON.stringify(shorten(value)));
  const more = found.records.length > MAX_SHOWN_RECORDS ? ` and ${found.records.length - MAX_SHOWN_RECORDS} more` : '';
  return `found ${shown.join(', ')}${more}`;
}

function shorten(value: string): string {
  return value.length > MAX_SHOWN_LENGTH ? `${value.slice(0, MAX_SHOWN_LENGTH - 3)}...` : value;
}
