import type { EntityManager } from '@mikro-orm/postgresql';
import { inBatches, pgArray, rowMapper } from '../db/sql-rows';
import type { ScheduleEntryFields, ScheduleEntryRecord, ScheduleEntryStatus } from './schedule-entry';

/**
 * Persistence: hand-written SQL (array columns, keyset pages, visibility subqueries, `for update` and
 * version-checked updates are clearer here than through the ORM). Every statement filters on tenant_id.
 */
const entries = rowMapper<ScheduleEntryRecord>(
  {
    id: 'id',
    tenantId: 'tenant_id',
    title: 'title',
    notes: 'notes',
    location: 'location',
    allDay: 'all_day',
    startsAt: 'starts_at',
    endsAt: 'ends_at',
    startDate: '(to_char($alias.start_date, \'YYYY-MM-DD\'))',
    endDate: '(to_char($alias.end_date, \'YYYY-MM-DD\'))',
    timeZone: 'time_zone',
    recurrence: 'recurrence',
    recurrenceEndsAt: 'recurrence_ends_at',
    seriesId: 'series_id',
    originalStartsAt: 'original_starts_at',
    isPrivate: 'is_private',
    status: 'status',
    externalRef: 'external_ref',
    version: 'version',
    createdBy: 'created_by',
    createdAt: 'created_at',
    updatedAt: 'updated_at',
    assigneeIds: '(array(select a.user_id::text from schedule_entry_assignees a where a.tenant_id = $alias.tenant_id and a.entry_id = $alias.id order by a.user_id))',
  },
  ['startsAt', 'endsAt', 'recurrenceEndsAt', 'originalStartsAt', 'createdAt', 'updatedAt'],
);

const SELECT = `select ${entries.selectList('e')} from schedule_entries e`;

/** Who is reading: admins see everything of the tenant; users what is not private, or theirs. */
export interface Viewer {
  admin: boolean;
  /** Our user id, or null for a caller without a provisioned user. */
  userId: string | null;
}

export interface EntryFilter {
  range?: { start: Date; end: Date };
  assigneeIds?: string[];
  status?: ScheduleEntryStatus[];
  /** Keyset position (startsAt, id) to continue after. */
  after?: { startsAt: Date; id: string };
}

export interface NewEntry extends ScheduleEntryFields {
  id: string;
  tenantId: string;
  seriesId: string | null;
  originalStartsAt: Date | null;
  createdBy: string | null;
}

export class ScheduleEntryRepository {
  async findVisible(em: EntityManager, tenantId: string, id: string, viewer: Viewer): Promise<ScheduleEntryRecord | undefined> {
    const visible = visibility(viewer);
    return this.one(em, `${SELECT} where e.tenant_id = ? and e.id = ? and ${visible.sql}`, [tenantId, id, ...visible.params]);
  }

  /** Locks the row for the rest of the transaction: concurrent writers of one entry queue up here. */
  async lockForWrite(em: EntityManager, tenantId: string, id: string): Promise<ScheduleEntryRecord | undefined> {
    return this.one(em, `${SELECT} where e.tenant_id = ? and e.id = ? for update of e`, [tenantId, id]);
  }

  async findException(em: EntityManager, tenantId: string, seriesId: string, originalStartsAt: Date): Promise<ScheduleEntryRecord | undefined> {
    return this.one(em, `${SELECT} where e.tenant_id = ? and e.series_id = ? and e.original_starts_at = ? for update of e`, [
      tenantId,
      seriesId,
      originalStartsAt.toISOString(),
    ]);
  }

  async insert(em: EntityManager, entry: NewEntry): Promise<ScheduleEntryRecord> {
    await em.execute(
      `insert into schedule_entries (id, tenant_id, title, notes, location, all_day, starts_at, ends_at, start_date, end_date, time_zone,
         recurrence, recurrence_ends_at, series_id, original_starts_at, is_private, status, external_ref, created_by)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::text[], ?, ?, ?, ?, ?, ?, ?)`,
      [
        entry.id, entry.tenantId, entry.title, entry.notes, entry.location, entry.allDay, entry.startsAt.toISOString(), entry.endsAt.toISOString(),
        entry.startDate, entry.endDate, entry.timeZone, pgArray(entry.recurrence), entry.recurrenceEndsAt?.toISOString() ?? null,
        entry.seriesId, entry.originalStartsAt?.toISOString() ?? null, entry.isPrivate, entry.status, entry.externalRef, entry.createdBy,
      ],
    );
    await this.replaceAssignees(em, entry.tenantId, entry.id, entry.assigneeIds);
    return (await this.lockForWrite(em, entry.tenantId, entry.id))!;
  }

  /** Inserts many entries (and their assignees), a batch of rows per statement; returns them as stored. */
  async insertMany(em: EntityManager, newEntries: readonly NewEntry[]): Promise<ScheduleEntryRecord[]> {
    const stored: ScheduleEntryRecord[] = [];
    for (const batch of inBatches(newEntries)) stored.push(...(await this.insertBatch(em, batch)));
    return stored;
  }

  private async insertBatch(em: EntityManager, newEntries: readonly NewEntry[]): Promise<ScheduleEntryRecord[]> {
    const rows = newEntries.map((entry) => ({
      id: entry.id, tenant_id: entry.tenantId, title: entry.title, notes: entry.notes, location: entry.location, all_day: entry.allDay,
      starts_at: entry.startsAt.toISOString(), ends_at: entry.endsAt.toISOString(), start_date: entry.startDate, end_date: entry.endDate,
      time_zone: entry.timeZone, recurrence: entry.recurrence, recurrence_ends_at: entry.recurrenceEndsAt?.toISOString() ?? null,
      series_id: entry.seriesId, original_starts_at: entry.originalStartsAt?.toISOString() ?? null, is_private: entry.isPrivate,
      status: entry.status, external_ref: entry.externalRef, created_by: entry.createdBy,
    }));
    const inserted = await em.execute<Array<Record<string, unknown>>>(
      `insert into schedule_entries as e (id, tenant_id, title, notes, location, all_day, starts_at, ends_at, start_date, end_date, time_zone,
         recurrence, recurrence_ends_at, series_id, original_starts_at, is_private, status, external_ref, created_by)
       select r.* from jsonb_to_recordset(?::jsonb) as r(id uuid, tenant_id uuid, title text, notes text, location text, all_day boolean,
         starts_at timestamptz, ends_at timestamptz, start_date date, end_date date, time_zone text, recurrence text[], recurrence_ends_at timestamptz,
         series_id uuid, original_starts_at timestamptz, is_private boolean, status text, external_ref text, created_by uuid)
       returning e.id, e.version, e.created_at, e.updated_at`,
      [JSON.stringify(rows)],
    );
    const assignees = newEntries.flatMap((entry) => entry.assigneeIds.map((userId) => ({ tenant_id: entry.tenantId, entry_id: entry.id, user_id: userId })));
    if (assignees.length > 0) {
      await em.execute(
        `insert into schedule_entry_assignees (tenant_id, entry_id, user_id)
         select r.tenant_id, r.entry_id, r.user_id from jsonb_to_recordset(?::jsonb) as r(tenant_id uuid, entry_id uuid, user_id uuid)`,
        [JSON.stringify(assignees)],
      );
    }
    // What the database decided (version, timestamps); the rest is what was written, as a read would return it.
    const stored = new Map(inserted.map((row) => [row.id as string, row]));
    return newEntries.map((entry) => {
      const row = stored.get(entry.id)!;
      return {
        ...entry,
        version: Number(row.version),
        createdAt: new Date(row.created_at as string),
        updatedAt: new Date(row.updated_at as string),
        assigneeIds: [...entry.assigneeIds].sort(),
      };
    });
  }

  /**
   * Writes the fields and bumps the version; the caller holds the row lock and has checked the version. Given the
   * assignees the row had, an update that keeps them is one statement (most sync and PSA edits).
   */
  async update(em: EntityManager, tenantId: string, id: string, fields: ScheduleEntryFields, currentAssigneeIds?: readonly string[]): Promise<ScheduleEntryRecord> {
    const [row] = await em.execute<Array<Record<string, unknown>>>(
      `update schedule_entries e set title = ?, notes = ?, location = ?, all_day = ?, starts_at = ?, ends_at = ?, start_date = ?, end_date = ?,
         time_zone = ?, recurrence = ?::text[], recurrence_ends_at = ?, is_private = ?, status = ?, external_ref = ?,
         version = version + 1, updated_at = now()
       where e.tenant_id = ? and e.id = ?
       returning ${entries.selectList('e')}`,
      [
        fields.title, fields.notes, fields.location, fields.allDay, fields.startsAt.toISOString(), fields.endsAt.toISOString(), fields.startDate,
        fields.endDate, fields.timeZone, pgArray(fields.recurrence), fields.recurrenceEndsAt?.toISOString() ?? null, fields.isPrivate,
        fields.status, fields.externalRef, tenantId, id,
      ],
    );
    if (currentAssigneeIds && sameMembers(currentAssigneeIds, fields.assigneeIds)) return entries.map(row!);
    await this.replaceAssignees(em, tenantId, id, fields.assigneeIds);
    return (await this.lockForWrite(em, tenantId, id))!;
  }

  /** Deletes the entry and (through the foreign key) a series' exceptions; returns what was deleted. */
  async delete(em: EntityManager, tenantId: string, id: string): Promise<ScheduleEntryRecord[]> {
    const doomed = await this.many(em, `${SELECT} where e.tenant_id = ? and (e.id = ? or e.series_id = ?) order by e.series_id nulls first`, [
      tenantId,
      id,
      id,
    ]);
    await em.execute('delete from schedule_entries where tenant_id = ? and id = ?', [tenantId, id]);
    return doomed;
  }

  /** The subset of `userIds` that are users of the tenant. */
  async existingUserIds(em: EntityManager, tenantId: string, userIds: string[]): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const rows = await em.execute<Array<{ id: string }>>('select id from users where tenant_id = ? and id = any(?::uuid[])', [tenantId, pgArray(userIds)]);
    return new Set(rows.map((row) => row.id));
  }

  async count(em: EntityManager, tenantId: string, viewer: Viewer, filter: EntryFilter): Promise<number> {
    const where = whereClause(tenantId, viewer, { ...filter, after: undefined });
    const [row] = await em.execute<Array<{ count: string }>>(`select count(*) as count from schedule_entries e where ${where.sql}`, where.params);
    return Number(row!.count);
  }

  /** Entries by (startsAt, id). With a range, series are candidates only: the caller checks their occurrences. */
  async list(em: EntityManager, tenantId: string, viewer: Viewer, filter: EntryFilter, limit?: number): Promise<ScheduleEntryRecord[]> {
    const where = whereClause(tenantId, viewer, filter);
    const sql = `${SELECT} where ${where.sql} order by e.starts_at, e.id${limit ? ` limit ${Number(limit)}` : ''}`;
    return this.many(em, sql, where.params);
  }

  /** Original starts of every exception of these series, whatever its status or where it moved. */
  async exceptionStarts(em: EntityManager, tenantId: string, seriesIds: string[]): Promise<Map<string, Set<number>>> {
    const byseries = new Map<string, Set<number>>();
    if (seriesIds.length === 0) return byseries;
    const rows = await em.execute<Array<{ series_id: string; original_starts_at: string }>>(
      'select series_id, original_starts_at from schedule_entries where tenant_id = ? and series_id = any(?::uuid[])',
      [tenantId, pgArray(seriesIds)],
    );
    for (const row of rows) {
      const starts = byseries.get(row.series_id) ?? new Set<number>();
      starts.add(new Date(row.original_starts_at).getTime());
      byseries.set(row.series_id, starts);
    }
    return byseries;
  }

  private async replaceAssignees(em: EntityManager, tenantId: string, entryId: string, userIds: string[]): Promise<void> {
    await em.execute('delete from schedule_entry_assignees where tenant_id = ? and entry_id = ? and not (user_id = any(?::uuid[]))', [
      tenantId,
      entryId,
      pgArray(userIds),
    ]);
    if (userIds.length === 0) return;
    await em.execute(
      `insert into schedule_entry_assignees (tenant_id, entry_id, user_id) select ?, ?, unnest(?::uuid[]) on conflict do nothing`,
      [tenantId, entryId, pgArray(userIds)],
    );
  }

  private async one(em: EntityManager, sql: string, params: unknown[]): Promise<ScheduleEntryRecord | undefined> {
    return (await this.many(em, sql, params))[0];
  }

  private async many(em: EntityManager, sql: string, params: unknown[]): Promise<ScheduleEntryRecord[]> {
    return (await em.execute<Array<Record<string, unknown>>>(sql, params)).map(entries.map);
  }
}

interface Clause {
  sql: string;
  params: unknown[];
}

function visibility(viewer: Viewer): Clause {
  if (viewer.admin) return { sql: 'true', params: [] };
  if (!viewer.userId) return { sql: 'not e.is_private', params: [] };
  return {
    sql: `(not e.is_private or e.created_by = ? or exists (select 1 from schedule_entry_assignees v
            where v.tenant_id = e.tenant_id and v.entry_id = e.id and v.user_id = ?))`,
    params: [viewer.userId, viewer.userId],
  };
}

function whereClause(tenantId: string, viewer: Viewer, filter: EntryFilter): Clause {
  const clauses: Clause[] = [{ sql: 'e.tenant_id = ?', params: [tenantId] }, visibility(viewer)];
  if (filter.status?.length) clauses.push({ sql: 'e.status = any(?::text[])', params: [pgArray(filter.status)] });
  if (filter.assigneeIds?.length) {
    clauses.push({
      sql: 'exists (select 1 from schedule_entry_assignees f where f.tenant_id = e.tenant_id and f.entry_id = e.id and f.user_id = any(?::uuid[]))',
      params: [pgArray(filter.assigneeIds)],
    });
  }
  if (filter.range) {
    const { start, end } = { start: filter.range.start.toISOString(), end: filter.range.end.toISOString() };
    clauses.push({
      sql: `e.starts_at < ? and ((e.recurrence = '{}' and e.ends_at > ?) or (e.recurrence <> '{}' and (e.recurrence_ends_at is null or e.recurrence_ends_at > ?)))`,
      params: [end, start, start],
    });
  }
  if (filter.after) {
    clauses.push({ sql: '(e.starts_at, e.id) > (?, ?)', params: [filter.after.startsAt.toISOString(), filter.after.id] });
  }
  return { sql: clauses.map((clause) => clause.sql).join(' and '), params: clauses.flatMap((clause) => clause.params) };
}

function sameMembers(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  return left.size === new Set(b).size && b.every((id) => left.has(id));
}
