// Graph calendar API: /me (profile), calendars, events CRUD (default calendar or /calendars/{id}), calendarView,
// instances. Lists page at 10 items by default with an absolute `@odata.nextLink` ($top/$skip).
import { GraphInputError } from './event-input';
import { Instance, notFound } from './event-store';
import { renderInstance } from './event-render';
import { requirePermission } from './graph-auth';
import { GraphRouters, UserRequest, odataContext, parseWindow, selfLink, zonePreference } from './graph.routes';
import { headerValue, parseJsonBody, sendEmpty, sendJson } from './http';
import { parseODataQuery } from './odata';
import { SimCalendar, newChangeKey, outlookId } from './state';

const DEFAULT_PAGE_SIZE = 10;

export function calendarOf(req: UserRequest, calendarId: string | undefined): SimCalendar {
  const id = calendarId ?? req.target.defaultCalendarId;
  const calendar = req.sim.state.calendars.get(id);
  if (!calendar || calendar.userId !== req.target.id) throw notFound();
  return calendar;
}

function renderCalendar(calendar: SimCalendar, ownerEmail: string, ownerName: string): Record<string, unknown> {
  return {
    '@odata.etag': `W/"${calendar.changeKey}"`, id: calendar.id, name: calendar.name, color: calendar.color, hexColor: '',
    isDefaultCalendar: calendar.isDefault, changeKey: calendar.changeKey, canShare: true, canViewPrivateItems: true,
    canEdit: true, allowedOnlineMeetingProviders: ['teamsForBusiness'], defaultOnlineMeetingProvider: 'teamsForBusiness',
    isTallyingResponses: true, isRemovable: !calendar.isDefault, owner: { name: ownerName, address: ownerEmail },
  };
}

/** Renders a list of instances with $filter, $select, $expand, $top/$skip paging and the time zone preference. */
export function sendInstances(req: UserRequest, instances: Instance[], contextSuffix: string): void {
  const { ctx, sim } = req;
  const query = parseODataQuery(ctx.query);
  const pref = zonePreference(ctx);
  let items = instances;
  if (query.filter) {
    items = items.filter((i) => query.filter!({ rendered: renderInstance(i, { zone: pref.zone }), extendedProperties: i.record.extendedProperties }));
  }
  const pageSize = query.top ?? DEFAULT_PAGE_SIZE;
  const page = items.slice(query.skip, query.skip + pageSize);
  const body: Record<string, unknown> = {
    '@odata.context': odataContext(sim, req.target, contextSuffix),
    value: page.map((i) => renderInstance(i, { zone: pref.zone, select: query.select, expandExtendedProperties: query.expandExtendedProperties })),
  };
  if (query.skip + pageSize < items.length) body['@odata.nextLink'] = selfLink(sim, ctx, { $top: String(pageSize), $skip: String(query.skip + pageSize) });
  sendJson(ctx, 200, body, pref.headers);
}

function sendInstance(req: UserRequest, instance: Instance, status: number): void {
  const query = parseODataQuery(req.ctx.query);
  const pref = zonePreference(req.ctx);
  const body = renderInstance(instance, { zone: pref.zone, select: query.select, expandExtendedProperties: query.expandExtendedProperties });
  sendJson(req.ctx, status, { '@odata.context': odataContext(req.sim, req.target, 'events/$entity'), ...body }, pref.headers);
}

function listEvents(req: UserRequest): void {
  if (!requirePermission(req.ctx, req.caller, 'calendarsRead')) return;
  const calendar = calendarOf(req, req.ctx.params.cid);
  const instances = req.sim.store.listItems(req.target.id, calendar.id).map((r) => req.sim.store.find(req.target.id, r.id)!);
  sendInstances(req, instances, 'events');
}

function createEvent(req: UserRequest): void {
  if (!requirePermission(req.ctx, req.caller, 'calendarsWrite')) return;
  const calendar = calendarOf(req, req.ctx.params.cid);
  const { record } = req.sim.store.create(req.target.id, calendar.id, parseJsonBody(req.ctx));
  sendInstance(req, req.sim.store.find(req.target.id, record.id)!, 201);
}

function findInCalendar(req: UserRequest): Instance {
  const instance = req.sim.store.find(req.target.id, req.ctx.params.id);
  if (!instance) throw notFound();
  if (req.ctx.params.cid && calendarOf(req, req.ctx.params.cid).id !== instance.record.calendarId) throw notFound();
  return instance;
}

function getEvent(req: UserRequest): void {
  if (!requirePermission(req.ctx, req.caller, 'calendarsRead')) return;
  sendInstance(req, findInCalendar(req), 200);
}

function patchEvent(req: UserRequest): void {
  if (!requirePermission(req.ctx, req.caller, 'calendarsWrite')) return;
  findInCalendar(req);
  const updated = req.sim.store.update(req.target.id, req.ctx.params.id, parseJsonBody(req.ctx), headerValue(req.ctx, 'if-match'));
  sendInstance(req, updated, 200);
}

function deleteEvent(req: UserRequest): void {
  if (!requirePermission(req.ctx, req.caller, 'calendarsWrite')) return;
  findInCalendar(req);
  req.sim.store.delete(req.target.id, req.ctx.params.id, headerValue(req.ctx, 'if-match'));
  sendEmpty(req.ctx, 204);
}

function calendarView(req: UserRequest): void {
  if (!requirePermission(req.ctx, req.caller, 'calendarsRead')) return;
  const calendar = calendarOf(req, req.ctx.params.cid);
  const window = parseWindow(req.ctx);
  sendInstances(req, req.sim.store.instancesInWindow(req.target.id, calendar.id, window.startMs, window.endMs), 'calendarView');
}

function instances(req: UserRequest): void {
  if (!requirePermission(req.ctx, req.caller, 'calendarsRead')) return;
  const master = findInCalendar(req);
  if (master.type !== 'seriesMaster') throw new GraphInputError(400, 'ErrorInvalidRequest', 'The specified item is not the master of a recurring series.');
  const window = parseWindow(req.ctx);
  sendInstances(req, req.sim.store.seriesInstances(master.record, window.startMs, window.endMs), `events('${master.id}')/instances`);
}

function me(req: UserRequest): void {
  if (!requirePermission(req.ctx, req.caller, 'userRead')) return;
  const u = req.target;
  sendJson(req.ctx, 200, {
    '@odata.context': `${req.sim.url}/v1.0/$metadata#users/$entity`, id: u.id, displayName: u.displayName, mail: u.email,
    userPrincipalName: u.email, givenName: null, surname: null, jobTitle: null, businessPhones: [], mobilePhone: null,
    officeLocation: null, preferredLanguage: 'en-US',
  });
}

export function registerCalendarRoutes(routers: GraphRouters): void {
  const r = routers.user;
  r.on('GET', '', me);
  r.on('GET', 'calendars', (req) => {
    if (!requirePermission(req.ctx, req.caller, 'calendarsRead')) return;
    const value = req.sim.state.calendarsOf(req.target.id).map((c) => renderCalendar(c, req.target.email, req.target.displayName));
    sendJson(req.ctx, 200, { '@odata.context': odataContext(req.sim, req.target, 'calendars'), value });
  });
  r.on('POST', 'calendars', (req) => {
    if (!requirePermission(req.ctx, req.caller, 'calendarsWrite')) return;
    const body = parseJsonBody<{ name?: string; color?: string }>(req.ctx);
    if (!body?.name) throw new GraphInputError(400, 'ErrorInvalidRequest', "The calendar 'name' is required.");
    const calendar: SimCalendar = { id: outlookId(), userId: req.target.id, name: body.name, isDefault: false, changeKey: newChangeKey(), color: body.color ?? 'auto' };
    req.sim.state.calendars.set(calendar.id, calendar);
    sendJson(req.ctx, 201, renderCalendar(calendar, req.target.email, req.target.displayName));
  });
  for (const base of ['calendar', 'calendars/:cid']) {
    r.on('GET', base, (req) => {
      if (!requirePermission(req.ctx, req.caller, 'calendarsRead')) return;
      sendJson(req.ctx, 200, renderCalendar(calendarOf(req, req.ctx.params.cid), req.target.email, req.target.displayName));
    });
  }
  for (const base of ['', 'calendar/', 'calendars/:cid/']) {
    r.on('GET', `${base}events`, listEvents);
    r.on('POST', `${base}events`, createEvent);
    r.on('GET', `${base}events/:id`, getEvent);
    r.on('PATCH', `${base}events/:id`, patchEvent);
    r.on('DELETE', `${base}events/:id`, deleteEvent);
    r.on('GET', `${base}events/:id/instances`, instances);
    r.on('GET', `${base}calendarView`, calendarView);
  }
}
