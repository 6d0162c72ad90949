import type { CalendarAdapter, ChangeSet, ExternalEvent } from './calendar-adapter';

/** Follows one round to its last page, merging pages the way a page-by-page caller applies them (last wins). */
export async function collectChanges(adapter: Pick<CalendarAdapter, 'listChangesPage'>, calendarId: string, cursor: string | null): Promise<ChangeSet> {
  const upserted = new Map<string, ExternalEvent>();
  const deleted = new Set<string>();
  let page = await adapter.listChangesPage(calendarId, { cursor, page: null });
  const fullResync = page.fullResync;
  for (;;) {
    for (const event of page.upserted) {
      deleted.delete(event.id);
      upserted.set(event.id, event);
    }
    for (const id of page.deletedIds) {
      upserted.delete(id);
      deleted.add(id);
    }
    if (page.nextPage === null) break;
    page = await adapter.listChangesPage(calendarId, { cursor, page: page.nextPage });
    if (page.startsRound) {
      // The provider refused the rest of the round: what was merged so far is superseded by the full listing.
      upserted.clear();
      deleted.clear();
    }
  }
  if (page.nextCursor === null) throw new Error('change listing ended without a cursor for the next round');
  return { upserted: [...upserted.values()], deletedIds: [...deleted], nextCursor: page.nextCursor, fullResync };
}
