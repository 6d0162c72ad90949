import type { User } from '../db/entities/user.entity';
import type { Resolvers, UpdateScheduleEntryInput } from '../generated/graphql';
import { nullIfNotFound } from '../errors/domain-errors';
import { DateScalar } from '../graphql/date.scalar';
import { fromGraphqlEnum, toGraphqlEnum } from '../graphql/enum-mapping';
import { usersById } from '../users/user-loaders';
import type { UserService } from '../users/user.service';
import type { ScheduleEntryInput } from './schedule-entry-input';
import type { ScheduleEntryService } from './schedule-entry.service';
import type { ScheduleQueryService } from './schedule-query.service';

export interface ScheduleResolverDeps {
  entries: ScheduleEntryService;
  queries: ScheduleQueryService;
  users: UserService;
}

/** Thin: enum mapping and one service call each; access rules live in the services. */
export function scheduleResolvers({ entries, queries, users }: ScheduleResolverDeps): Resolvers {
  return {
    Date: DateScalar,
    Query: {
      scheduleEntries: (_root, { status, ...args }, { auth }) => queries.list(auth, { ...args, status: status?.map(fromGraphqlEnum) }),
      scheduleEntry: (_root, { id }, { auth }) => nullIfNotFound(queries.get(auth, id)),
      scheduleOccurrences: (_root, { range, assigneeIds }, { auth }) => queries.occurrences(auth, range, assigneeIds),
    },
    Mutation: {
      createScheduleEntry: (_root, { input }, { auth }) => entries.create(auth, entryInput(input)),
      updateScheduleEntry: (_root, { id, expectedVersion, input }, { auth }) => entries.update(auth, id, expectedVersion, entryInput(input)),
      deleteScheduleEntry: (_root, { id, expectedVersion }, { auth }) => entries.delete(auth, id, expectedVersion),
      editScheduleOccurrence: (_root, { seriesId, originalStartsAt, input }, { auth }) =>
        entries.editOccurrence(auth, seriesId, originalStartsAt, entryInput(input)),
      cancelScheduleOccurrence: (_root, { seriesId, originalStartsAt }, { auth }) => entries.cancelOccurrence(auth, seriesId, originalStartsAt),
    },
    ScheduleEntry: {
      status: (entry) => toGraphqlEnum(entry.status),
      assignees: async (entry, _args, ctx) => {
        const found = await usersById(ctx, users).loadMany(entry.assigneeIds);
        return found.filter((user): user is User => user !== null && !(user instanceof Error));
      },
      createdBy: (entry, _args, ctx) => (entry.createdBy ? usersById(ctx, users).load(entry.createdBy) : null),
    },
  };
}

function entryInput({ status, ...input }: UpdateScheduleEntryInput): ScheduleEntryInput {
  return { ...input, status: status ? fromGraphqlEnum(status) : null };
}
