import type { QueryResult } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Orm } from '../db/orm';
import type { Logger } from '../observability/logger';
import type { SecretBox } from './secret-box';

/** Id column values of one row, as text (what `context` and the report see). */
export type EncryptedRow = Readonly<Record<string, string>>;

/** A column holding secret-box envelopes; modules register theirs (`EditionModule.encryptedColumns`). */
export interface EncryptedColumn {
  table: string;
  /** The primary key: keyset pagination order, compare-and-set address and the row id in reports. */
  idColumns: string[];
  column: string;
  /** The additional data the value was encrypted with; must match what the owning service uses. */
  context(row: EncryptedRow): string;
  /** The column also holds legacy plaintext: only `v1.` envelopes are secrets to rotate, the rest is left alone. */
  envelopesOnly?: boolean;
}

export interface RotationFailure {
  table: string;
  id: string;
  reason: string;
}

export interface ColumnRotationReport {
  table: string;
  column: string;
  scanned: number;
  /** In a dry run: how many would be rotated (they did decrypt). */
  rotated: number;
  /** Rewritten by someone else between read and update (compare-and-set lost): left as they were. */
  concurrentlyChanged: number;
  failed: RotationFailure[];
}

export interface RotationReport {
  dryRun: boolean;
  columns: ColumnRotationReport[];
}

export interface SecretRotationDeps {
  orm: Orm;
  secretBox: SecretBox;
  columns: EncryptedColumn[];
  logger: Logger;
  batchSize?: number;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** Table and column names come from module registrations, but they are spliced into SQL: accept plain names only. */
function ident(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`encrypted column registration: "${name}" is not a plain SQL identifier`);
  return `"${name}"`;
}

/**
 * `switchboard secrets rotate` (DESIGN.md §7): re-encrypts with the active key every envelope whose key id is
 * another one, so an old key can then be dropped from SECRET_KEYS. Plaintext is held only per row, never logged.
 */
export class SecretRotationService {
  private readonly batchSize: number;

  constructor(private readonly deps: SecretRotationDeps) {
    this.batchSize = deps.batchSize ?? 500;
  }

  async rotate(options: { dryRun?: boolean } = {}): Promise<RotationReport> {
    const dryRun = options.dryRun ?? false;
    const columns: ColumnRotationReport[] = [];
    for (const column of this.deps.columns) {
      const report = await this.rotateColumn(column, dryRun);
      const { failed, ...counts } = report;
      this.deps.logger.info({ ...counts, failed: failed.length, dryRun }, 'encrypted column rotation finished');
      columns.push(report);
    }
    return { dryRun, columns };
  }

  private async rotateColumn(column: EncryptedColumn, dryRun: boolean): Promise<ColumnRotationReport> {
    const report: ColumnRotationReport = { table: column.table, column: column.column, scanned: 0, rotated: 0, concurrentlyChanged: 0, failed: [] };
    const em = this.deps.orm.em.fork();
    let after: string[] | undefined;
    for (;;) {
      const rows = await this.fetchBatch(em, column, after);
      for (const { ids, value } of rows) await this.rotateRow(em, column, ids, value, dryRun, report);
      if (rows.length < this.batchSize) return report;
      const last = rows[rows.length - 1]!.ids;
      after = column.idColumns.map((name) => last[name]!);
    }
  }

  /** Keyset pagination on the primary key: stable while rows are updated, no growing OFFSET scans. */
  private async fetchBatch(em: EntityManager, column: EncryptedColumn, after: string[] | undefined): Promise<Array<{ ids: EncryptedRow; value: string }>> {
    const ids = column.idColumns.map(ident);
    const conditions = [`${ident(column.column)} is not null`];
    if (column.envelopesOnly) conditions.push(`${ident(column.column)} like 'v1.%'`);
    if (after) conditions.push(`(${ids.join(', ')}) > (${ids.map(() => '?').join(', ')})`);
    const rows = await em.execute<Array<Record<string, string>>>(
      `select ${ids.map((id) => `${id}::text as ${id}`).join(', ')}, ${ident(column.column)} as "__value"
       from ${ident(column.table)} where ${conditions.join(' and ')} order by ${ids.join(', ')} limit ?`,
      [...(after ?? []), this.batchSize],
    );
    return rows.map(({ __value, ...rest }) => ({ ids: rest, value: __value! }));
  }

  private async rotateRow(
    em: EntityManager,
    column: EncryptedColumn,
    ids: EncryptedRow,
    value: string,
    dryRun: boolean,
    report: ColumnRotationReport,
  ): Promise<void> {
    report.scanned++;
    if (!this.deps.secretBox.needsRotation(value)) return;
    const rowId = column.idColumns.map((name) => ids[name]).join('/');
    let plaintext: string;
    try {
      plaintext = this.deps.secretBox.decrypt(value, column.context(ids));
    } catch (error) {
      // Reported and left untouched: rewriting would either lose the value or launder an unauthenticated one.
      report.failed.push({ table: column.table, id: rowId, reason: (error as Error).message });
      return;
    }
    if (dryRun) {
      report.rotated++;
      return;
    }
    const rewritten = await this.compareAndSet(em, column, ids, value, this.deps.secretBox.encrypt(plaintext, column.context(ids)));
    if (rewritten) report.rotated++;
    else report.concurrentlyChanged++;
  }

  /** Writes only if the row still holds the value that was decrypted: a concurrent write always wins. */
  private async compareAndSet(em: EntityManager, column: EncryptedColumn, ids: EncryptedRow, expected: string, next: string): Promise<boolean> {
    const target = ident(column.column);
    const where = column.idColumns.map((name) => `${ident(name)} = ?`).join(' and ');
    const result = await em.execute<QueryResult>(
      `update ${ident(column.table)} set ${target} = ? where ${where} and ${target} = ?`,
      [next, ...column.idColumns.map((name) => ids[name]), expected],
      'run',
    );
    return result.affectedRows === 1;
  }
}
