import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { TestApp } from '../../support/test-app';
import { queryDatabase } from '../../support/test-database';

/** The whole database as `pg_dump` writes it: schema and every row of every table, as a backup would hold it. */
export async function pgDump(url: string): Promise<string> {
  const { stdout } = await promisify(execFile)('pg_dump', ['--no-owner', '--no-privileges', url], { maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

/**
 * The plaintext behind every envelope in every registered encrypted column (`EditionModule.encryptedColumns`):
 * OAuth access/refresh/id tokens as the providers issued them, MSAL caches, client secrets. A JSON plaintext
 * contributes its secret-looking leaves (keys naming a token or secret; nested JSON strings are opened too).
 */
export async function decryptedSecrets(t: TestApp): Promise<Array<{ column: string; secret: string }>> {
  const found: Array<{ column: string; secret: string }> = [];
  for (const column of t.runtime.registry.encryptedColumns()) {
    const ids = column.idColumns.map((name) => `"${name}"::text as "${name}"`).join(', ');
    const rows = await queryDatabase<Record<string, string>>(t.db.url, `select ${ids}, "${column.column}" as envelope from "${column.table}" where "${column.column}" is not null`);
    for (const row of rows) {
      if (!row.envelope!.startsWith('v1.')) continue;
      const plaintext = t.runtime.deps.secretBox.decrypt(row.envelope!, column.context(row));
      for (const secret of secretLeaves(plaintext)) found.push({ column: `${column.table}.${column.column}`, secret });
    }
  }
  return found;
}

function secretLeaves(plaintext: string): string[] {
  const parsed = parseJson(plaintext);
  if (parsed === undefined) return [plaintext];
  const leaves: string[] = [];
  const walk = (value: unknown, key: string) => {
    if (typeof value === 'string') {
      const nested = parseJson(value);
      if (nested !== undefined && typeof nested === 'object') walk(nested, key);
      else if (/token|secret/i.test(key) && value.length >= 8) leaves.push(value);
    } else if (value && typeof value === 'object') {
      for (const [childKey, child] of Object.entries(value)) walk(child, Array.isArray(value) ? key : childKey);
    }
  };
  walk(parsed, '');
  return leaves;
}

function parseJson(text: string): unknown {
  if (!/^\s*[[{]/.test(text)) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The ways a careless write would still spell the secret: as is, base64, base64url, hex. */
export function spellings(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  return [...new Set([secret, bytes.toString('base64').replace(/=+$/, ''), bytes.toString('base64url'), bytes.toString('hex')])];
}

/** Secrets (with where they came from) that the dump spells out in any of those ways. */
export function secretsInDump(dump: string, secrets: Array<{ source: string; secret: string }>): string[] {
  const lowered = dump.toLowerCase();
  return secrets.flatMap(({ source, secret }) =>
    spellings(secret)
      .filter((spelling) => (/^[0-9a-f]+$/.test(spelling) ? lowered.includes(spelling) : dump.includes(spelling)))
      .map((spelling) => `${source}: ${secret.slice(0, 6)}… appears in the dump${spelling === secret ? '' : ` (encoded: ${spelling.slice(0, 12)}…)`}`),
  );
}
