import DataLoader from 'dataloader';
import { fromGraphqlEnum, toGraphqlEnum } from '../../../../src/graphql/enum-mapping';
import type { GraphqlContext } from '../../../../src/graphql/graphql-context';
import type { Orm } from '../../../../src/db/orm';
import type { Resolvers } from '../../generated/graphql';
import type { CalendarProviderService } from '../calendar-provider.service';
import type { CalendarProviderRecord } from '../calendar-provider.repository';
import type { CalendarSyncStatusService } from './calendar-sync-status.service';
import type { ConflictResolutionService } from './conflict-resolution.service';
import { EventMappingRepository, type EventMapping } from './event-mapping.repository';
import { scheduleEntries } from './sync-context';
import { viewerOf } from '../../../../src/schedule/schedule-access';

export interface CalendarSyncResolverDeps {
  orm: Orm;
  providers: CalendarProviderService;
  status: CalendarSyncStatusService;
  conflicts: ConflictResolutionService;
}

const LINKS = Symbol('calendarLinksByEntry');
const PROVIDERS = Symbol('calendarProvidersById');

/** Thin: enum mapping, per-request loaders for relations; rules live in the services. */
export function calendarSyncResolvers(deps: CalendarSyncResolverDeps): Resolvers {
  const mappings = new EventMappingRepository();
  const linksOf = (ctx: GraphqlContext) =>
    ctx.loaders.get(LINKS, () => new DataLoader<string, EventMapping[]>(async (entryIds) => {
      const rows = await mappings.listByEntry(deps.orm.em.fork(), ctx.auth.tenantId, entryIds);
      return entryIds.map((id) => rows.filter((row) => row.scheduleEntryId === id));
    }));
  // Providers the caller may see (users: their own), so links never reveal someone else's calendar.
  const visibleProvider = (ctx: GraphqlContext) =>
    ctx.loaders.get(PROVIDERS, () => new DataLoader<string, CalendarProviderRecord | null>(async (ids) => {
      const visible = new Map((await deps.providers.list(ctx.auth)).map((provider) => [provider.id, provider]));
      return ids.map((id) => visible.get(id) ?? null);
    }));
  const entryOf = (ctx: GraphqlContext, id: string | null) =>
    id ? scheduleEntries.findVisible(deps.orm.em.fork(), ctx.auth.tenantId, id, viewerOf(ctx.auth)).then((entry) => entry ?? null) : null;
  return {
    Query: {
      calendarSyncStatus: (_root, { providerId }, { auth }) => deps.status.status(auth, providerId),
      calendarSyncLog: (_root, { providerId, first, after }, { auth }) => deps.status.logPage(auth, providerId, first, after),
      calendarSyncConflicts: (_root, { providerId }, { auth }) => deps.status.openConflicts(auth, providerId),
    },
    Mutation: {
      syncCalendarProvider: (_root, { providerId }, { auth }) => deps.status.requestSync(auth, providerId),
      resolveCalendarConflict: (_root, { conflictId, resolution }, { auth }) => deps.conflicts.resolve(auth, conflictId, fromGraphqlEnum(resolution)),
    },
    CalendarSyncStatus: { state: (status) => toGraphqlEnum(status.state) },
    CalendarSyncLogEntry: {
      direction: (entry) => toGraphqlEnum(entry.direction),
      outcome: (entry) => toGraphqlEnum(entry.outcome),
      entry: (entry, _args, ctx) => entryOf(ctx, entry.scheduleEntryId),
    },
    CalendarSyncConflict: {
      provider: async (conflict, _args, { auth }) => deps.providers.getAccessible(auth, conflict.providerId),
      entry: (conflict, _args, ctx) => entryOf(ctx, conflict.scheduleEntryId),
      resolution: (conflict) => (conflict.resolution ? toGraphqlEnum(conflict.resolution) : null),
    },
    CalendarLink: {
      provider: async (link, _args, ctx) => (await visibleProvider(ctx).load(link.providerId))!,
      status: (link) => toGraphqlEnum(link.status),
    },
    ScheduleEntry: {
      calendarLinks: async (entry, _args, ctx) => {
        const links = await linksOf(ctx).load(entry.id);
        const providers = await Promise.all(links.map((link) => visibleProvider(ctx).load(link.providerId)));
        return links.filter((_link, index) => providers[index] !== null);
      },
    },
  };
}

