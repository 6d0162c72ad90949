// The slice of OData query options the simulator understands: $select, $top, $skip, $expand of
// singleValueExtendedProperties, and $filter with `eq` clauses joined by `and`, including the
// `singleValueExtendedProperties/Any(ep: ep/id eq '...' and ep/value eq '...')` lookup.
import { GraphInputError } from './event-input';
import type { ExtendedProperty } from './state';

export interface ODataQuery {
  select?: Set<string>;
  top?: number;
  skip: number;
  expandExtendedProperties?: string[] | null;
  filter?: (item: { rendered: Record<string, unknown>; extendedProperties: ExtendedProperty[] }) => boolean;
}

function splitTopLevel(text: string, separator: RegExp): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let last = 0;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (ch === "'") quoted = !quoted;
    if (quoted) continue;
    if (ch === '(') depth += 1;
    if (ch === ')') depth -= 1;
    if (depth === 0) {
      const m = separator.exec(text.slice(i));
      if (m && m.index === 0) {
        parts.push(text.slice(last, i));
        last = i + m[0].length;
        i = last - 1;
      }
    }
  }
  parts.push(text.slice(last));
  return parts.map((p) => p.trim()).filter(Boolean);
}

const literal = (raw: string): string => raw.replace(/''/g, "'");

function badFilter(clause: string): GraphInputError {
  return new GraphInputError(400, 'BadRequest', `Invalid filter clause: the simulator cannot evaluate '${clause}'.`);
}

function extendedPropertyClause(clause: string): ODataQuery['filter'] | null {
  const m = /^singleValueExtendedProperties\/any\(\s*(\w+)\s*:\s*(.*)\)$/i.exec(clause);
  if (!m) return null;
  const alias = m[1];
  let id: string | undefined;
  let value: string | undefined;
  for (const part of splitTopLevel(m[2], /^\s+and\s+/i)) {
    const c = new RegExp(`^${alias}/(id|value)\\s+eq\\s+'(.*)'$`, 'i').exec(part);
    if (!c) throw badFilter(part);
    if (c[1].toLowerCase() === 'id') id = literal(c[2]);
    else value = literal(c[2]);
  }
  return ({ extendedProperties }) => extendedProperties.some(
    (p) => (id === undefined || p.id.toLowerCase() === id.toLowerCase()) && (value === undefined || p.value === value),
  );
}

function fieldClause(clause: string): ODataQuery['filter'] {
  const m = /^([\w/]+)\s+eq\s+('(.*)'|true|false|null|-?\d+(?:\.\d+)?)$/i.exec(clause);
  if (!m) throw badFilter(clause);
  const path = m[1].split('/');
  const expected: unknown = m[3] !== undefined ? literal(m[3]) : m[2] === 'null' ? null : m[2] === 'true' ? true : m[2] === 'false' ? false : Number(m[2]);
  return ({ rendered }) => {
    let value: unknown = rendered;
    for (const key of path) {
      const entry = Object.entries((value ?? {}) as Record<string, unknown>).find(([k]) => k.toLowerCase() === key.toLowerCase());
      value = entry?.[1];
    }
    return value === expected || (value === undefined && expected === null);
  };
}

function parseFilter(text: string): ODataQuery['filter'] {
  const clauses = splitTopLevel(text.trim(), /^\s+and\s+/i).map((clause) => extendedPropertyClause(clause) ?? fieldClause(clause));
  return (item) => clauses.every((fn) => fn!(item));
}

function parseExpand(text: string): string[] | null | undefined {
  let result: string[] | null | undefined;
  for (const part of splitTopLevel(text, /^,/)) {
    const m = /^singleValueExtendedProperties(?:\(\s*\$filter=(.*)\))?$/i.exec(part);
    if (!m) continue;
    if (!m[1]) {
      result = null;
      continue;
    }
    result = splitTopLevel(m[1], /^\s+or\s+/i).map((clause) => {
      const c = /^id\s+eq\s+'(.*)'$/i.exec(clause);
      if (!c) throw badFilter(clause);
      return literal(c[1]);
    });
  }
  return result;
}

export function parseODataQuery(query: URLSearchParams): ODataQuery {
  const out: ODataQuery = { skip: 0 };
  const select = query.get('$select');
  if (select) out.select = new Set(select.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean));
  const top = query.get('$top');
  if (top !== null) {
    const n = Number(top);
    if (!Number.isInteger(n) || n < 0) throw new GraphInputError(400, 'BadRequest', `Invalid $top value '${top}'.`);
    out.top = Math.min(n, 1000);
  }
  const skip = query.get('$skip');
  if (skip !== null) out.skip = Math.max(0, Number(skip) || 0);
  const expand = query.get('$expand');
  if (expand) out.expandExtendedProperties = parseExpand(expand);
  const filter = query.get('$filter');
  if (filter) out.filter = parseFilter(filter);
  return out;
}
