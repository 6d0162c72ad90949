import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../auth/request-context';
import type { Orm } from '../db/orm';
import { isUuid } from '../db/uuid';
import { DomainError, badUserInput, conflict, forbidden, notFound } from '../errors/domain-errors';
import { appendDomainEvent, appendDomainEvents, type AppendDomainEventInput, type DomainEventType } from '../events';
import { addDays, daysBetween } from './calendar-date';
import { dateInZone, isOccurrenceStart, withExdate } from './recurrence';
import { canEdit, canSee, viewerOf } from './schedule-access';
import { resolveEntryFields, type ScheduleEntryInput } from './schedule-entry-input';
import { ScheduleEntryRepository, type NewEntry } from './schedule-entry.repository';
import { isSeries, type ScheduleEntryFields, type ScheduleEntryRecord } from './schedule-entry';
import { toSeries } from './series';

export interface ScheduleEntryServiceDeps {
  orm: Orm;
  repository?: ScheduleEntryRepository;
}

/**
 * Schedule writes. Each runs in one transaction that also appends its domain event (the outbox), so a write
 * and its event commit or roll back together; the row lock orders concurrent writers of one entry.
 */
export class ScheduleEntryService {
  private readonly repository: ScheduleEntryRepository;

  constructor(private readonly deps: ScheduleEntryServiceDeps) {
    this.repository = deps.repository ?? new ScheduleEntryRepository();
  }

  /** `tx`: run inside the caller's transaction (the sync engine commits its mapping with the entry). */
  async create(auth: RequestContext, input: ScheduleEntryInput, tx?: EntityManager): Promise<ScheduleEntryRecord> {
    const fields = resolveEntryFields(undefined, input);
    return this.write(tx, async (em) => {
      const createdBy = await this.checkPeople(em, auth, fields.assigneeIds);
      const entry = await this.repository.insert(em, { ...fields, ...identity(auth.tenantId), seriesId: null, originalStartsAt: null, createdBy });
      await record(em, auth, 'schedule_entry.created', undefined, entry);
      return entry;
    });
  }

  /**
   * Creates many entries in one transaction with one statement per table, however many (imports). Inputs must
   * be valid (resolveEntryFields throws on the first bad one): callers that cannot vouch for theirs create one by one.
   */
  async createMany(auth: RequestContext, inputs: readonly ScheduleEntryInput[], tx?: EntityManager): Promise<ScheduleEntryRecord[]> {
    if (inputs.length === 0) return [];
    const fields = inputs.map((input) => resolveEntryFields(undefined, input));
    return this.write(tx, async (em) => {
      const createdBy = await this.checkPeople(em, auth, [...new Set(fields.flatMap((entry) => entry.assigneeIds))]);
      const created = await this.repository.insertMany(
        em,
        fields.map((entry) => ({ ...entry, ...identity(auth.tenantId), seriesId: null, originalStartsAt: null, createdBy })),
      );
      await appendDomainEvents(em, created.map((entry) => domainEvent(auth, 'schedule_entry.created', undefined, entry)));
      return created;
    });
  }

  async update(auth: RequestContext, id: string, expectedVersion: number, input: ScheduleEntryInput, tx?: EntityManager): Promise<ScheduleEntryRecord> {
    return this.write(tx, async (em) => {
      const current = await this.lockEditable(em, auth, id);
      if (current.version !== expectedVersion) throw staleVersion(current);
      if (current.seriesId && input.recurrence?.length) throw exceptionRecurrence();
      return this.applyUpdate(em, auth, current, input);
    });
  }

  async delete(auth: RequestContext, id: string, expectedVersion?: number | null): Promise<string> {
    return this.write(undefined, async (em) => {
      const current = await this.lockEditable(em, auth, id);
      if (expectedVersion != null && current.version !== expectedVersion) throw staleVersion(current);
      for (const deleted of await this.repository.delete(em, auth.tenantId, id)) await record(em, auth, 'schedule_entry.deleted', deleted, undefined);
      return id;
    });
  }

  /** Creates or updates the exception of one instance; the series and its other instances stay untouched. */
  async editOccurrence(auth: RequestContext, seriesId: string, originalStartsAt: Date, input: ScheduleEntryInput, tx?: EntityManager): Promise<ScheduleEntryRecord> {
    if (input.recurrence?.length) throw exceptionRecurrence();
    return this.write(tx, async (em) => {
      const series = await this.lockSeries(em, auth, seriesId);
      const existing = await this.repository.findException(em, auth.tenantId, seriesId, originalStartsAt);
      if (existing) return this.applyUpdate(em, auth, existing, input);
      if (!isOccurrenceStart(toSeries(series), originalStartsAt)) throw notAnInstance();
      const fields = resolveEntryFields(instanceOf(series, originalStartsAt), input);
      const createdBy = await this.checkPeople(em, auth, fields.assigneeIds);
      const exception = await this.repository.insert(em, { ...fields, ...identity(auth.tenantId), seriesId, originalStartsAt, createdBy });
      await record(em, auth, 'schedule_entry.created', undefined, exception);
      return exception;
    });
  }

  /** Leaves one instance out: an EXDATE on the series, and the instance's exception (if any) removed. */
  async cancelOccurrence(auth: RequestContext, seriesId: string, originalStartsAt: Date, tx?: EntityManager): Promise<ScheduleEntryRecord> {
    return this.write(tx, async (em) => {
      const series = await this.lockSeries(em, auth, seriesId);
      const exception = await this.repository.findException(em, auth.tenantId, seriesId, originalStartsAt);
      const recurrence = withExdate(toSeries(series), originalStartsAt);
      const alreadyExcluded = recurrence.length === series.recurrence.length;
      if (!exception && !alreadyExcluded && !isOccurrenceStart(toSeries(series), originalStartsAt)) throw notAnInstance();
      if (exception) {
        for (const deleted of await this.repository.delete(em, auth.tenantId, exception.id)) await record(em, auth, 'schedule_entry.deleted', deleted, undefined);
      }
      if (alreadyExcluded) return series;
      return this.applyUpdate(em, auth, series, { recurrence });
    });
  }

  private async applyUpdate(em: EntityManager, auth: RequestContext, current: ScheduleEntryRecord, input: ScheduleEntryInput) {
    const fields = resolveEntryFields(current, input);
    if (input.assigneeIds) await this.checkPeople(em, auth, fields.assigneeIds);
    const updated = await this.repository.update(em, auth.tenantId, current.id, fields, current.assigneeIds);
    await record(em, auth, 'schedule_entry.updated', current, updated);
    return updated;
  }

  /** Assignees must be users of the tenant (another tenant's id is NOT_FOUND); returns the caller as creator if it is one. */
  private async checkPeople(em: EntityManager, auth: RequestContext, assigneeIds: string[]): Promise<string | null> {
    const caller = isUuid(auth.userId) ? [auth.userId] : [];
    if (assigneeIds.some((id) => !isUuid(id))) throw unknownAssignee();
    const existing = await this.repository.existingUserIds(em, auth.tenantId, [...new Set([...assigneeIds, ...caller])]);
    if (assigneeIds.some((id) => !existing.has(id))) throw unknownAssignee();
    return caller.find((id) => existing.has(id)) ?? null;
  }

  private async lockEditable(em: EntityManager, auth: RequestContext, id: string): Promise<ScheduleEntryRecord> {
    if (!isUuid(id)) throw notFound('Schedule entry');
    const viewer = viewerOf(auth);
    const entry = await this.repository.lockForWrite(em, auth.tenantId, id);
    // An entry the caller may not see is "not found", never "forbidden": no existence oracle.
    if (!entry || !canSee(viewer, entry)) throw notFound('Schedule entry');
    if (!canEdit(viewer, entry)) throw forbidden('Only admins, the creator and assignees may change this entry.');
    return entry;
  }

  private async lockSeries(em: EntityManager, auth: RequestContext, seriesId: string): Promise<ScheduleEntryRecord> {
    const series = await this.lockEditable(em, auth, seriesId);
    if (!isSeries(series)) throw badUserInput('seriesId is not a recurring series.', { field: 'seriesId' });
    return series;
  }

  /** Inside the caller's open transaction the work joins it (no savepoint: the caller commits or rolls back all). */
  private write<T>(tx: EntityManager | undefined, work: (em: EntityManager) => Promise<T>): Promise<T> {
    if (tx?.isInTransaction()) return work(tx);
    return (tx ?? this.deps.orm.em.fork()).transactional(work);
  }
}

function identity(tenantId: string): Pick<NewEntry, 'id' | 'tenantId'> {
  return { id: randomUUID(), tenantId };
}

/** The instance as the series would show it: the base an exception starts from. */
function instanceOf(series: ScheduleEntryRecord, originalStartsAt: Date): ScheduleEntryFields {
  const { startsAt, startDate } = { startsAt: originalStartsAt, startDate: series.allDay ? dateInZone(originalStartsAt, series.timeZone) : null };
  const endDate = startDate && series.startDate && series.endDate ? addDays(startDate, daysBetween(series.startDate, series.endDate)) : null;
  const endsAt = new Date(startsAt.getTime() + (series.endsAt.getTime() - series.startsAt.getTime()));
  return { ...series, startsAt, endsAt, startDate, endDate, recurrence: [], recurrenceEndsAt: endsAt };
}

async function record(em: EntityManager, auth: RequestContext, type: DomainEventType, before: ScheduleEntryRecord | undefined, after: ScheduleEntryRecord | undefined) {
  await appendDomainEvent(em, domainEvent(auth, type, before, after));
}

function domainEvent(auth: RequestContext, type: DomainEventType, before: ScheduleEntryRecord | undefined, after: ScheduleEntryRecord | undefined): AppendDomainEventInput {
  const entry = (after ?? before)!;
  return { tenantId: entry.tenantId, type, aggregateId: entry.id, payload: { before: before ?? null, after: after ?? null, origin: auth.origin ?? null } };
}

const staleVersion = (current: ScheduleEntryRecord) =>
  conflict(`The entry changed since version you read (now ${current.version}); reload and retry.`, { currentVersion: current.version });
const exceptionRecurrence = () => badUserInput('An instance of a series cannot have its own recurrence.', { field: 'recurrence' });
const notAnInstance = () => badUserInput('originalStartsAt is not the start of an instance of this series.', { field: 'originalStartsAt' });
const unknownAssignee = () => new DomainError('NOT_FOUND', 'An assignee was not found.', { field: 'assigneeIds' });
