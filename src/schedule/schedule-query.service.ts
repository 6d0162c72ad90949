import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../auth/request-context';
import type { Orm } from '../db/orm';
import { isUuid } from '../db/uuid';
import { badUserInput, notFound } from '../errors/domain-errors';
import { decodeCursor, pageSize, toConnection, type Connection } from '../graphql/connection';
import { MAX_OCCURRENCES, MAX_RANGE_DAYS } from './recurrence';
import { viewerOf } from './schedule-access';
import { ScheduleEntryRepository, type EntryFilter } from './schedule-entry.repository';
import type { ScheduleEntryRecord, ScheduleEntryStatus, ScheduleOccurrenceView } from './schedule-entry';
import { seriesInRange, occurrencesOf } from './schedule-occurrences';

export interface ScheduleRange {
  start: Date;
  end: Date;
}

export interface ListEntriesArgs {
  range?: ScheduleRange | null;
  assigneeIds?: string[] | null;
  status?: ScheduleEntryStatus[] | null;
  first?: number | null;
  after?: string | null;
}

const DAY_MS = 86_400_000;

/** Schedule reads; visibility (private entries) is applied in SQL by the repository. */
export class ScheduleQueryService {
  private readonly repository = new ScheduleEntryRepository();

  constructor(private readonly deps: { orm: Orm }) {}

  async get(auth: RequestContext, id: string): Promise<ScheduleEntryRecord> {
    if (!isUuid(id)) throw notFound('Schedule entry');
    const entry = await this.repository.findVisible(this.em(), auth.tenantId, id, viewerOf(auth));
    if (!entry) throw notFound('Schedule entry');
    return entry;
  }

  async list(auth: RequestContext, args: ListEntriesArgs): Promise<Connection<ScheduleEntryRecord>> {
    const size = pageSize(args.first);
    const [startsAt, id] = decodeCursor(args.after, 2) ?? [];
    const after = startsAt && id ? { startsAt: new Date(startsAt), id } : undefined;
    const filter: EntryFilter = { assigneeIds: validIds(args.assigneeIds), status: args.status ?? undefined, after };
    const em = this.em();
    const viewer = viewerOf(auth);
    if (!args.range) {
      const [rows, total] = await Promise.all([
        this.repository.list(em, auth.tenantId, viewer, filter, size + 1),
        this.repository.count(em, auth.tenantId, viewer, filter),
      ]);
      return toConnection(rows, size, total, position);
    }
    // A series is in range only if an occurrence is: SQL bounds the candidates, expansion decides.
    const range = validRange(args.range, Infinity);
    const candidates = await this.repository.list(em, auth.tenantId, viewer, { ...filter, range, after: undefined });
    const matching = candidates.filter((entry) => seriesInRange(entry, range));
    const rest = after ? matching.filter((entry) => isAfter(entry, after)) : matching;
    return toConnection(rest.slice(0, size + 1), size, matching.length, position);
  }

  async occurrences(auth: RequestContext, rangeInput: ScheduleRange, assigneeIds?: string[] | null): Promise<ScheduleOccurrenceView[]> {
    const range = validRange(rangeInput, MAX_RANGE_DAYS);
    const em = this.em();
    const candidates = await this.repository.list(em, auth.tenantId, viewerOf(auth), {
      range,
      assigneeIds: validIds(assigneeIds),
      status: ['scheduled'],
    });
    const seriesIds = candidates.filter((entry) => entry.recurrence.length > 0).map((entry) => entry.id);
    const moved = await this.repository.exceptionStarts(em, auth.tenantId, seriesIds);
    const { occurrences, truncated } = occurrencesOf(candidates, moved, range, MAX_OCCURRENCES);
    if (truncated) {
      throw badUserInput(`The range holds more than ${MAX_OCCURRENCES} occurrences; narrow it.`, { field: 'range' });
    }
    return occurrences;
  }

  private em(): EntityManager {
    return this.deps.orm.em.fork();
  }
}

const position = (entry: ScheduleEntryRecord) => [entry.startsAt.toISOString(), entry.id];

function isAfter(entry: ScheduleEntryRecord, after: { startsAt: Date; id: string }): boolean {
  const delta = entry.startsAt.getTime() - after.startsAt.getTime();
  return delta > 0 || (delta === 0 && entry.id > after.id);
}

function validRange(range: ScheduleRange, maxDays: number): ScheduleRange {
  if (range.end.getTime() <= range.start.getTime()) throw badUserInput('range.end must be after range.start.', { field: 'range' });
  if (range.end.getTime() - range.start.getTime() > maxDays * DAY_MS) {
    throw badUserInput(`range may span at most ${maxDays} days.`, { field: 'range' });
  }
  return range;
}

/** Ids that cannot exist match nothing (rather than failing the uuid cast). */
function validIds(ids: string[] | null | undefined): string[] | undefined {
  if (!ids) return undefined;
  const valid = ids.filter(isUuid);
  return valid.length > 0 ? valid : ['00000000-0000-0000-0000-000000000000'];
}
