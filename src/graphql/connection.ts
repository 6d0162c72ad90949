import { badUserInput } from '../errors/domain-errors';

export const MAX_PAGE_SIZE = 500;

export interface Connection<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

/** `first` as given by a client: 1..500. */
export function pageSize(first: number | null | undefined): number {
  const size = first ?? 50;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be between 1 and ${MAX_PAGE_SIZE}.`, { field: 'first' });
  }
  return size;
}

/** Cursors are opaque to clients: the keyset position (e.g. [startsAt, id]) as base64url JSON. */
export function encodeCursor(position: string[]): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined, arity: number): string[] | undefined {
  if (cursor == null) return undefined;
  try {
    const position: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(position) && position.length === arity && position.every((part) => typeof part === 'string')) return position;
  } catch {
    // fall through: any undecodable cursor is the client's mistake
  }
  throw badUserInput('after is not a cursor returned by this connection.', { field: 'after' });
}

/** `rows` were fetched with limit size + 1: the extra row only says there is a next page. */
export function toConnection<T>(rows: T[], size: number, totalCount: number, positionOf: (row: T) => string[]): Connection<T> {
  const page = rows.slice(0, size);
  const edges = page.map((node) => ({ cursor: encodeCursor(positionOf(node)), node }));
  return { edges, pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null }, totalCount };
}
