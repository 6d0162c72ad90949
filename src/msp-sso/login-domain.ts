import { isIP } from 'node:net';
import { domainToASCII } from 'node:url';
import { badUserInput } from '../errors/domain-errors';

const MAX_INPUT_LENGTH = 300;
const MAX_DOMAIN_LENGTH = 253;
const MAX_EMAIL_LENGTH = 320;
const MAX_LOCAL_PART_LENGTH = 64;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const NUMERIC = /^[0-9]+$/;
/**
 * Refused before IDN conversion: domainToASCII would percent-decode (`%41` → `a`) and keep `*`/`_`, and these
 * characters are what URLs, ports and IPv6 literals look like.
 */
const URL_CHARACTERS = /[/\\:?#%[\]]/;

const EXAMPLE = 'for example example.com';

/**
 * The canonical form of a login domain: trimmed, lower-case, no trailing dot, IDN as punycode (`bücher.de` →
 * `xn--bcher-kva.de`), so the unique index sees one spelling per domain. Throws BAD_USER_INPUT saying what is wrong.
 */
export function normalizeLoginDomain(input: string): string {
  const trimmed = input.trim().toLowerCase();
  if (trimmed.length === 0) throw badUserInput(`Enter a domain (${EXAMPLE}).`);
  if (trimmed.length > MAX_INPUT_LENGTH) throw badUserInput(`A domain has at most ${MAX_DOMAIN_LENGTH} characters.`);
  if (trimmed.includes('@')) throw badUserInput(`Enter only the domain (${EXAMPLE}), not an email address.`);
  if (URL_CHARACTERS.test(trimmed)) throw badUserInput(`Enter only the domain (${EXAMPLE}), not a URL.`);
  if (trimmed.includes('*')) throw badUserInput('Wildcard domains are not supported: add each domain separately.');
  const withoutDot = trimmed.endsWith('.') ? trimmed.slice(0, -1) : trimmed;
  if (isIP(withoutDot)) throw badUserInput('An IP address cannot be a login domain.');
  const ascii = domainToASCII(withoutDot).toLowerCase();
  if (!ascii) throw badUserInput(`"${shorten(input)}" is not a valid domain name.`);
  checkHostname(ascii, input);
  return ascii;
}

function checkHostname(ascii: string, input: string): void {
  const labels = ascii.split('.');
  // domainToASCII turns IPv4 shorthands ("1.2.3", "0x7f.1") into dotted quads: a numeric last label means an address.
  if (isIP(ascii) || NUMERIC.test(labels[labels.length - 1]!)) throw badUserInput('An IP address cannot be a login domain.');
  if (labels.length < 2) throw badUserInput(`Enter a full domain with at least one dot (${EXAMPLE}).`);
  if (ascii.length > MAX_DOMAIN_LENGTH) throw badUserInput(`A domain has at most ${MAX_DOMAIN_LENGTH} characters.`);
  if (!labels.every((label) => LABEL.test(label))) {
    throw badUserInput(
      `"${shorten(input)}" is not a valid domain name: each part between dots has 1-63 letters, digits or hyphens, ` +
        'and does not start or end with a hyphen.',
    );
  }
}

export interface ParsedLoginEmail {
  /** The address with its domain normalized; the local part is kept as typed (mailbox case is the IdP's business). */
  address: string;
  domain: string;
}

/** Splits an untrusted email into its login domain; undefined for anything that is not a plausible address. */
export function parseLoginEmail(email: unknown): ParsedLoginEmail | undefined {
  if (typeof email !== 'string') return undefined;
  const trimmed = email.trim();
  const at = trimmed.lastIndexOf('@');
  if (trimmed.length > MAX_EMAIL_LENGTH || at < 1) return undefined;
  const local = trimmed.slice(0, at);
  if (local.length > MAX_LOCAL_PART_LENGTH || /[\s@]/.test(local)) return undefined;
  try {
    const domain = normalizeLoginDomain(trimmed.slice(at + 1));
    return { address: `${local}@${domain}`, domain };
  } catch {
    return undefined;
  }
}

function shorten(input: string): string {
  const text = input.trim();
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
