import { Client } from 'pg';

/**
 * Every row of the database, grouped by owning tenant, as JSON-comparable values: "did anything of tenant A
 * change?" and "does any other tenant's row point at tenant A?" are then plain comparisons.
 */

/** Columns the system updates on its own (bookkeeping), not data a caller writes. */
const BOOKKEEPING_COLUMNS: Record<string, string[]> = {
  api_keys: ['last_used_at'],
  domain_events: ['published_at', 'attempts', 'next_attempt_at', 'last_error', 'lease_token', 'lease_expires_at'],
  webhook_inbox: ['processed_at', 'attempts', 'last_error'],
};

/** Tables without a tenant_id column, with the column that says whose a row is (null: no tenant data). */
const OWNER_COLUMN_BY_TABLE: Record<string, string | null> = {
  tenants: 'id',
  mikro_orm_migrations: null,
  mikro_orm_migrations_ee: null,
};

export type Row = Record<string, unknown>;
export type TableRows = Record<string, Row[]>;

export interface DatabaseSnapshot {
  /** Rows owned by the tenant, per table (bookkeeping columns left out). */
  owned: TableRows;
  /** Every other tenant's rows, per table. */
  others: TableRows;
}

export class SnapshotReader {
  private readonly client: Client;
  private ownerColumns: Record<string, string> | undefined;

  constructor(url: string) {
    this.client = new Client({ connectionString: url });
  }

  async open(): Promise<this> {
    await this.client.connect();
    return this;
  }

  close(): Promise<void> {
    return this.client.end();
  }

  async query<T = Row>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.client.query(sql, params)).rows as T[];
  }

  /** A table nobody classified fails loudly: a new table must say whose its rows are. */
  async tables(): Promise<Record<string, string>> {
    if (this.ownerColumns) return this.ownerColumns;
    const rows = await this.query<{ table_name: string; has_tenant: boolean }>(
      `select table_name, bool_or(column_name = 'tenant_id') as has_tenant
         from information_schema.columns where table_schema = 'public' group by table_name order by table_name`,
    );
    const owners: Record<string, string> = {};
    for (const { table_name: table, has_tenant: hasTenant } of rows) {
      if (hasTenant) owners[table] = 'tenant_id';
      else if (!(table in OWNER_COLUMN_BY_TABLE)) throw new Error(`table ${table} has no tenant_id: classify it in test/security/support/db-snapshot.ts`);
      else if (OWNER_COLUMN_BY_TABLE[table]) owners[table] = OWNER_COLUMN_BY_TABLE[table]!;
    }
    this.ownerColumns = owners;
    return owners;
  }

  async snapshot(tenantId: string): Promise<DatabaseSnapshot> {
    const owned: TableRows = {};
    const others: TableRows = {};
    for (const [table, ownerColumn] of Object.entries(await this.tables())) {
      const rows = await this.query(`select * from "${table}" order by to_jsonb("${table}".*)::text`);
      owned[table] = [];
      others[table] = [];
      for (const row of rows) (String(row[ownerColumn]) === tenantId ? owned[table] : others[table])!.push(comparable(table, row));
    }
    return { owned, others };
  }
}

function comparable(table: string, row: Row): Row {
  const skipped = BOOKKEEPING_COLUMNS[table] ?? [];
  return JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(row).filter(([column]) => !skipped.includes(column)))));
}

/** What changed in a tenant's rows, as readable lines (table: +added / -removed row). */
export function diffRows(before: TableRows, after: TableRows): string[] {
  const lines: string[] = [];
  for (const table of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const was = new Set((before[table] ?? []).map((row) => JSON.stringify(row)));
    const now = new Set((after[table] ?? []).map((row) => JSON.stringify(row)));
    for (const row of was) if (!now.has(row)) lines.push(`${table}: -${row}`);
    for (const row of now) if (!was.has(row)) lines.push(`${table}: +${row}`);
  }
  return lines;
}

/** Rows of other tenants that mention any of the given values (tenant A's ids): a cross-tenant reference. */
export function rowsMentioning(rows: TableRows, values: Set<string>): string[] {
  const found: string[] = [];
  for (const [table, list] of Object.entries(rows)) {
    for (const row of list) {
      const text = JSON.stringify(row);
      for (const value of values) if (text.includes(value)) found.push(`${table} row mentions ${value}: ${text}`);
    }
  }
  return found;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Every UUID in the value (row ids, foreign keys, client ids, ids inside JSON payloads). */
export function uuidsIn(rows: unknown): Set<string> {
  return new Set(JSON.stringify(rows).match(UUID)?.map((id) => id.toLowerCase()) ?? []);
}
