// calendarView delta (learn.microsoft.com/graph/delta-query-events): the first round returns every instance in the
// window, later rounds only what changed since the token's snapshot, with removals as `@removed`. The window is
// fixed in the token. Pages follow `Prefer: odata.maxpagesize` (default 10) through `$skiptoken` next links;
// the last page carries a `$deltatoken` delta link. Tokens are server-side state: `expire()` drops them and
// the next use answers 410 Gone with code `syncStateNotFound`.
import { randomBytes } from 'node:crypto';
import type { Instance } from './event-store';
import { renderInstance } from './event-render';
import { GraphInputError } from './event-input';
import { requirePermission } from './graph-auth';
import { calendarOf } from './graph-calendar.routes';
import { GraphRouters, UserRequest, odataContext, parseWindow, zonePreference } from './graph.routes';
import { preferences, sendJson } from './http';

const DEFAULT_PAGE_SIZE = 10;

interface Snapshot { userId: string; calendarId: string; startMs: number; endMs: number; signatures: Map<string, string> }
type DeltaItem = { instance: Instance } | { removedId: string };
interface PageCursor { userId: string; snapshot: Snapshot; items: DeltaItem[]; offset: number }

export class DeltaRegistry {
  private readonly deltaTokens = new Map<string, Snapshot>();
  private readonly skipTokens = new Map<string, PageCursor>();

  /** Invalidates delta and skip tokens (of one user, or all): their next use gets 410 syncStateNotFound. */
  expire(userId?: string): void {
    for (const [token, snap] of this.deltaTokens) if (!userId || snap.userId === userId) this.deltaTokens.delete(token);
    for (const [token, cursor] of this.skipTokens) if (!userId || cursor.userId === userId) this.skipTokens.delete(token);
  }

  reset(): void {
    this.expire();
  }

  saveSnapshot(snapshot: Snapshot): string {
    const token = randomBytes(24).toString('base64url');
    this.deltaTokens.set(token, snapshot);
    return token;
  }

  snapshot(token: string): Snapshot | undefined {
    return this.deltaTokens.get(token);
  }

  saveCursor(cursor: PageCursor): string {
    const token = randomBytes(24).toString('base64url');
    this.skipTokens.set(token, cursor);
    return token;
  }

  cursor(token: string): PageCursor | undefined {
    return this.skipTokens.get(token);
  }
}

function syncStateNotFound(): GraphInputError {
  return new GraphInputError(410, 'syncStateNotFound', 'The sync state generation for this delta token was not found or has expired. Start a new synchronization without a token (full resync).');
}

function pageSize(req: UserRequest): number {
  const wanted = Number(preferences(req.ctx).get('odata.maxpagesize'));
  return Number.isInteger(wanted) && wanted > 0 ? Math.min(wanted, 1000) : DEFAULT_PAGE_SIZE;
}

function snapshotOf(userId: string, calendarId: string, window: { startMs: number; endMs: number }, instances: Instance[]): Snapshot {
  return { userId, calendarId, ...window, signatures: new Map(instances.map((i) => [i.id, i.signature])) };
}

/** Starts a round: everything (no token) or the difference against the token's snapshot. */
function startRound(req: UserRequest, calendarId: string): PageCursor {
  const { store, delta } = req.sim;
  const token = req.ctx.query.get('$deltatoken');
  if (token === null) {
    const window = parseWindow(req.ctx);
    const current = store.instancesInWindow(req.target.id, calendarId, window.startMs, window.endMs);
    return { userId: req.target.id, snapshot: snapshotOf(req.target.id, calendarId, window, current), items: current.map((instance) => ({ instance })), offset: 0 };
  }
  const previous = delta.snapshot(token);
  if (!previous || previous.userId !== req.target.id || previous.calendarId !== calendarId) throw syncStateNotFound();
  const current = store.instancesInWindow(req.target.id, calendarId, previous.startMs, previous.endMs);
  const items: DeltaItem[] = current.filter((i) => previous.signatures.get(i.id) !== i.signature).map((instance) => ({ instance }));
  const currentIds = new Set(current.map((i) => i.id));
  for (const id of previous.signatures.keys()) if (!currentIds.has(id)) items.push({ removedId: id });
  return { userId: req.target.id, snapshot: snapshotOf(req.target.id, calendarId, previous, current), items, offset: 0 };
}

function handleDelta(req: UserRequest): void {
  if (!requirePermission(req.ctx, req.caller, 'calendarsRead')) return;
  const calendar = calendarOf(req, req.ctx.params.cid);
  const skip = req.ctx.query.get('$skiptoken');
  let cursor: PageCursor;
  if (skip !== null) {
    const found = req.sim.delta.cursor(skip);
    if (!found || found.userId !== req.target.id || found.snapshot.calendarId !== calendar.id) throw syncStateNotFound();
    cursor = found;
  } else {
    cursor = startRound(req, calendar.id);
  }
  const size = pageSize(req);
  const pref = zonePreference(req.ctx);
  const page = cursor.items.slice(cursor.offset, cursor.offset + size);
  const value = page.map((item) => ('removedId' in item
    ? { '@odata.type': '#microsoft.graph.event', id: item.removedId, '@removed': { reason: 'deleted' } }
    : renderInstance(item.instance, { zone: pref.zone })));
  const base = `${req.sim.url}${req.ctx.path}`;
  const body: Record<string, unknown> = { '@odata.context': odataContext(req.sim, req.target, 'events(delta)') };
  if (cursor.offset + size < cursor.items.length) {
    const next = req.sim.delta.saveCursor({ ...cursor, offset: cursor.offset + size });
    body['@odata.nextLink'] = `${base}?$skiptoken=${next}`;
  } else {
    body['@odata.deltaLink'] = `${base}?$deltatoken=${req.sim.delta.saveSnapshot(cursor.snapshot)}`;
  }
  body.value = value;
  const applied = [
    ...(preferences(req.ctx).has('odata.maxpagesize') ? [`odata.maxpagesize=${size}`] : []),
    ...(pref.headers['preference-applied'] ? [pref.headers['preference-applied']] : []),
  ];
  sendJson(req.ctx, 200, body, applied.length ? { 'preference-applied': applied.join(', ') } : {});
}

export function registerDeltaRoutes(routers: GraphRouters): void {
  for (const base of ['', 'calendar/', 'calendars/:cid/']) routers.user.on('GET', `${base}calendarView/delta`, handleDelta);
}
