/**
 * The one way hand-written SQL maps rows: columns are aliased to the record's field names in the select list,
 * and only instants need converting (MikroORM's pg driver returns timestamptz as strings; date columns stay
 * YYYY-MM-DD strings, arrays arrive as arrays).
 */
export interface RowMapper<T> {
  /** `alias.column as "field", …`; entries that are expressions (contain a parenthesis) are used verbatim. */
  selectList(alias: string): string;
  map(row: Record<string, unknown>): T;
}

export function rowMapper<T>(columns: Record<keyof T & string, string>, instants: ReadonlyArray<keyof T & string>): RowMapper<T> {
  const entries = Object.entries(columns) as Array<[string, string]>;
  const list = (alias: string) =>
    entries.map(([field, column]) => `${column.includes('(') ? column.replaceAll('$alias', alias) : `${alias}.${column}`} as "${field}"`).join(', ');
  return {
    selectList: list,
    map(row) {
      const record: Record<string, unknown> = { ...row };
      for (const field of instants) {
        const value = record[field];
        record[field] = value == null ? null : new Date(value as string);
      }
      return record as T;
    },
  };
}

/**
 * MikroORM formats parameters into the SQL text itself and expands JS arrays into lists, so array parameters
 * travel as Postgres array literals (`?::text[]`, `?::uuid[]`).
 */
export function pgArray(values: readonly string[]): string {
  return `{${values.map((value) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

/**
 * Rows per statement of a bulk write. MikroORM inlines parameters into the SQL text, so a statement's text grows
 * with its rows; past ~128 KB V8 allocates a string in large-object space, which only a full GC reclaims. Batches
 * of this size keep each statement's text small enough to die young, so an import's memory stays flat.
 */
export const BULK_ROWS = 100;

export function* inBatches<T>(rows: readonly T[], size = BULK_ROWS): Generator<T[]> {
  for (let start = 0; start < rows.length; start += size) yield rows.slice(start, start + size);
}
