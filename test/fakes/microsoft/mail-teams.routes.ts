// Mail and Teams, just enough to show which app registration's credentials a caller used: message lists and
// sendMail, the organization app catalog (publish a zip package) and per-user app installation.
import { GraphInputError } from './event-input';
import { GraphCaller, requirePermission } from './graph-auth';
import { GraphRequest, GraphRouters, UserRequest, selfLink } from './graph.routes';
import { parseJsonBody, sendEmpty, sendJson } from './http';
import { applySelect } from './event-render';
import { parseODataQuery } from './odata';
import { SimMessage, SimState, SimUser, TeamsApp, newChangeKey, newGuid, outlookId } from './state';
import { isoOffset } from './timezones';
import { readZipEntry } from './zip';

const FOLDERS: Record<string, SimMessage['folder']> = { inbox: 'inbox', sentitems: 'sentitems' };

export function renderMessage(m: SimMessage): Record<string, unknown> {
  const at = isoOffset(m.receivedMs);
  return {
    '@odata.etag': `W/"${m.changeKey}"`, id: m.id, createdDateTime: at, lastModifiedDateTime: at, changeKey: m.changeKey,
    receivedDateTime: at, sentDateTime: at, subject: m.subject, bodyPreview: m.body.content.replace(/<[^>]*>/g, '').slice(0, 255),
    importance: 'normal', parentFolderId: m.folder, isRead: m.isRead, isDraft: false, body: m.body,
    from: { emailAddress: { address: m.from, name: m.from } }, sender: { emailAddress: { address: m.from, name: m.from } },
    toRecipients: m.to.map((address) => ({ emailAddress: { address, name: address } })),
  };
}

export function storeMessage(state: SimState, user: SimUser, folder: SimMessage['folder'], input: Partial<SimMessage> & { subject: string }): SimMessage {
  const message: SimMessage = {
    id: outlookId(), userId: user.id, folder, subject: input.subject, body: input.body ?? { contentType: 'text', content: '' },
    from: input.from ?? 'sender@example.com', to: input.to ?? [user.email], receivedMs: input.receivedMs ?? state.now(),
    isRead: input.isRead ?? false, sentByClientId: input.sentByClientId, changeKey: newChangeKey(),
  };
  state.messages.push(message);
  return message;
}

function listMessages(req: UserRequest, folder?: SimMessage['folder']): void {
  if (!requirePermission(req.ctx, req.caller, 'mailRead')) return;
  const query = parseODataQuery(req.ctx.query);
  const all = req.sim.state.messages
    .filter((m) => m.userId === req.target.id && (!folder || m.folder === folder))
    .sort((a, b) => b.receivedMs - a.receivedMs);
  const size = query.top ?? 10;
  const body: Record<string, unknown> = {
    '@odata.context': `${req.sim.url}/v1.0/$metadata#users('${req.target.id}')/messages`,
    value: all.slice(query.skip, query.skip + size).map((m) => applySelect(renderMessage(m), query.select)),
  };
  if (query.skip + size < all.length) body['@odata.nextLink'] = selfLink(req.sim, req.ctx, { $top: String(size), $skip: String(query.skip + size) });
  sendJson(req.ctx, 200, body);
}

function sendMail(req: UserRequest): void {
  if (!requirePermission(req.ctx, req.caller, 'mailSend')) return;
  const body = parseJsonBody<{ message?: { subject?: string; body?: SimMessage['body']; toRecipients?: { emailAddress?: { address?: string } }[] }; saveToSentItems?: boolean }>(req.ctx);
  const message = body?.message;
  const to = (message?.toRecipients ?? []).map((r) => r.emailAddress?.address).filter((a): a is string => !!a);
  if (!message || to.length === 0) throw new GraphInputError(400, 'ErrorInvalidRecipients', 'At least one recipient is not valid., Recipient is not resolved.');
  const common = { subject: message.subject ?? '', body: message.body, from: req.target.email, to, sentByClientId: req.caller.clientId };
  if (body?.saveToSentItems !== false) storeMessage(req.sim.state, req.target, 'sentitems', { ...common, isRead: true });
  for (const address of to) {
    const recipient = req.sim.state.userByEmail(address);
    if (recipient) storeMessage(req.sim.state, recipient, 'inbox', common);
  }
  sendEmpty(req.ctx, 202);
}

function renderTeamsApp(app: TeamsApp): Record<string, unknown> {
  return { id: app.id, externalId: app.externalId, displayName: app.displayName, distributionMethod: 'organization' };
}

function tenantOf(caller: GraphCaller): string {
  return caller.token.tenantId;
}

function publishTeamsApp(req: GraphRequest): void {
  if (!requirePermission(req.ctx, req.caller, 'appCatalogWrite')) return;
  const manifestRaw = readZipEntry(req.ctx.body, 'manifest.json');
  if (!manifestRaw) throw new GraphInputError(400, 'BadRequest', 'The app package is not a valid zip file with a manifest.json at its root.');
  let manifest: { id?: string; version?: string; name?: { short?: string } };
  try {
    manifest = JSON.parse(manifestRaw.toString('utf8'));
  } catch {
    throw new GraphInputError(400, 'BadRequest', 'manifest.json is not valid JSON.');
  }
  if (!manifest.id || !manifest.name?.short) throw new GraphInputError(400, 'BadRequest', 'manifest.json needs id and name.short.');
  const tenantId = tenantOf(req.caller);
  if (req.sim.state.teamsApps.some((a) => a.tenantId === tenantId && a.externalId === manifest.id)) {
    throw new GraphInputError(409, 'Conflict', `An app with the same external id '${manifest.id}' already exists in the tenant app catalog.`);
  }
  const app: TeamsApp = {
    id: newGuid(), externalId: manifest.id, displayName: manifest.name.short, version: manifest.version ?? '1.0.0', tenantId,
    publishedByClientId: req.caller.clientId, createdMs: req.sim.state.now(),
  };
  req.sim.state.teamsApps.push(app);
  sendJson(req.ctx, 201, { '@odata.context': `${req.sim.url}/v1.0/$metadata#appCatalogs/teamsApps/$entity`, ...renderTeamsApp(app) });
}

function listTeamsApps(req: GraphRequest): void {
  if (!requirePermission(req.ctx, req.caller, 'appCatalogRead')) return;
  const query = parseODataQuery(req.ctx.query);
  const value = req.sim.state.teamsApps
    .filter((a) => a.tenantId === tenantOf(req.caller))
    .map(renderTeamsApp)
    .filter((rendered) => !query.filter || query.filter({ rendered, extendedProperties: [] }));
  sendJson(req.ctx, 200, { '@odata.context': `${req.sim.url}/v1.0/$metadata#appCatalogs/teamsApps`, value });
}

function installTeamsApp(req: UserRequest): void {
  if (!requirePermission(req.ctx, req.caller, 'teamsInstall')) return;
  const bind = String(parseJsonBody<Record<string, unknown>>(req.ctx)?.['teamsApp@odata.bind'] ?? '');
  const appId = /teamsApps(?:\/|\(')([^/')]+)/i.exec(bind)?.[1];
  const app = req.sim.state.teamsApps.find((a) => a.id === appId && a.tenantId === req.target.tenantId);
  if (!app) throw new GraphInputError(404, 'NotFound', `The teamsApp '${appId ?? bind}' was not found in the app catalog.`);
  if (req.sim.state.teamsInstalls.some((i) => i.userId === req.target.id && i.teamsAppId === app.id)) {
    throw new GraphInputError(409, 'Conflict', 'The app is already installed for this user.');
  }
  req.sim.state.teamsInstalls.push({
    id: Buffer.from(`${req.target.id}##${app.id}`).toString('base64url'), userId: req.target.id, userEmail: req.target.email,
    teamsAppId: app.id, installedByClientId: req.caller.clientId, installedAt: req.sim.state.nowIso(),
  });
  sendEmpty(req.ctx, 201);
}

function listInstalledApps(req: UserRequest): void {
  if (!requirePermission(req.ctx, req.caller, 'teamsInstall')) return;
  const value = req.sim.state.teamsInstalls.filter((i) => i.userId === req.target.id).map((i) => {
    const app = req.sim.state.teamsApps.find((a) => a.id === i.teamsAppId);
    return { id: i.id, teamsApp: app ? renderTeamsApp(app) : null };
  });
  sendJson(req.ctx, 200, { value });
}

export function registerMailTeamsRoutes(routers: GraphRouters): void {
  routers.user.on('GET', 'messages', (req) => listMessages(req));
  routers.user.on('GET', 'mailFolders/:folder/messages', (req) => {
    const folder = FOLDERS[req.ctx.params.folder.replace(/^\('|'\)$/g, '').toLowerCase()];
    if (!folder) throw new GraphInputError(404, 'ErrorItemNotFound', 'The specified folder could not be found in the store.');
    listMessages(req, folder);
  });
  routers.user.on('POST', 'sendMail', sendMail);
  routers.user.on('GET', 'teamwork/installedApps', listInstalledApps);
  routers.user.on('POST', 'teamwork/installedApps', installTeamsApp);
  routers.top.on('GET', 'appCatalogs/teamsApps', listTeamsApps);
  routers.top.on('POST', 'appCatalogs/teamsApps', publishTeamsApp);
}
