import { randomUUID } from 'node:crypto';
import { ApiKeyService } from '../../../src/auth/api-key.service';
import type { CreatedTenant } from '../../../src/tenants/tenant.service';
import { DEFAULT_TENANT_ID } from '../../fakes/microsoft/state';
import { bind, createProfile } from '../../support/microsoft-fixtures';
import { addLoginDomain, addVerifiedLoginDomain, newBrowserNonce, SSO_REDIRECT_URI } from '../../support/msp-sso-fixtures';
import { ENTRY_FIELDS } from '../../support/schedule-fixtures';
import { nextClientIp, type SecurityApp } from './security-app';

/**
 * One tenant's world: a row of every kind CE can hold, each free-text value carrying the tenant's marker (its label)
 * so a leak is recognisable in any answer, and every id kept by name for the operation generator.
 */
export interface TenantWorld {
  label: string;
  tenant: CreatedTenant;
  /** A user-role account of the tenant and its API key. */
  member: { id: string; email: string; externalId: string; apiKey: string };
  ids: Record<string, string>;
  values: Record<string, string>;
  /** Every secret or token this world sent in or received (the pg_dump suite looks for them). */
  secrets: string[];
}

export const SERIES_START = '2026-03-02T09:00:00.000Z';
/** The series' third weekly instance (the second one is the exception). */
export const SERIES_THIRD_INSTANCE = '2026-03-16T09:00:00.000Z';
export const SCHEDULE_RANGE = { start: '2026-03-01T00:00:00.000Z', end: '2026-04-01T00:00:00.000Z' };

async function gqlOk(app: SecurityApp, query: string, variables: Record<string, unknown>, apiKey: string) {
  const result = await app.t.gql(query, variables, apiKey);
  if (result.errors || !result.data) throw new Error(`fixture failed: ${query.slice(0, 60)}…: ${JSON.stringify(result.errors)}`);
  return Object.values(result.data)[0] as Record<string, any>;
}

export async function buildTenantWorld(app: SecurityApp, label: string): Promise<TenantWorld> {
  const tenant = await app.t.createTenant(`${label} MSP`);
  const world: TenantWorld = { label, tenant, member: undefined as never, ids: { tenant: tenant.tenantId, admin: tenant.userId }, values: {}, secrets: [tenant.apiKey] };
  await addUsersAndKeys(app, world);
  await addProfiles(app, world);
  await addLoginDomains(app, world);
  await addSsoSignIn(app, world);
  await addSchedule(app, world);
  return world;
}

async function addUsersAndKeys(app: SecurityApp, world: TenantWorld) {
  const { label, tenant } = world;
  const externalId = `${label}-psa-${randomUUID().slice(0, 8)}`;
  const user = await gqlOk(app, 'mutation ($input: UpsertUserInput!) { upsertUser(input: $input) { id email } }', {
    input: { externalId, email: `${externalId}@${label}-corp.test`, displayName: `${label} Technician`, role: 'USER' },
  }, tenant.apiKey);
  const memberKey = await new ApiKeyService(app.t.runtime.deps.orm).create(tenant.tenantId, user.id, { name: `${label} member key` });
  world.member = { id: user.id, email: user.email, externalId, apiKey: memberKey.apiKey };
  const created = await gqlOk(app, 'mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { id } secret } }', {
    input: { name: `${label} integration key` },
  }, tenant.apiKey);
  world.ids.member = user.id;
  world.ids.apiKey = created.apiKey.id;
  world.secrets.push(memberKey.apiKey, created.secret);
}

async function addProfiles(app: SecurityApp, world: TenantWorld) {
  const { label, tenant } = world;
  const sso = await createProfile(app.t, tenant.apiKey, {
    displayName: `${label} SSO profile`, tenantAuthority: 'organizations', allowedDirectoryIds: [DEFAULT_TENANT_ID],
  });
  const spare = await createProfile(app.t, tenant.apiKey, { displayName: `${label} spare profile` });
  // Archive and delete probes get their own rows: tenant A's control calls really archive and delete them.
  const archivable = await createProfile(app.t, tenant.apiKey, { displayName: `${label} archivable profile` });
  const deletable = await createProfile(app.t, tenant.apiKey, { displayName: `${label} deletable profile` });
  app.microsoft.control.registerApp({ clientId: sso.clientId, clientSecret: sso.secret, redirectUris: [SSO_REDIRECT_URI] });
  const bound = await bind(app.t, tenant.apiKey, 'MSP_SSO', sso.id);
  if (bound.errors) throw new Error(JSON.stringify(bound.errors));
  world.ids.ssoProfile = sso.id;
  world.ids.spareProfile = spare.id;
  world.ids.archivableProfile = archivable.id;
  world.ids.deletableProfile = deletable.id;
  world.values.ssoClientId = sso.clientId;
  world.values.ssoClientSecret = sso.secret;
  world.secrets.push(sso.secret, spare.secret, archivable.secret, deletable.secret);
}

async function addLoginDomains(app: SecurityApp, world: TenantWorld) {
  const { label, tenant } = world;
  const verified = await addVerifiedLoginDomain(app.t, tenant.apiKey, `${label}-sso.test`);
  const pending = await addLoginDomain(app.t, tenant.apiKey, `${label}-pending.test`);
  world.ids.verifiedDomain = verified.id;
  world.ids.pendingDomain = pending.id;
  world.values.verifiedDomain = verified.domain;
  world.values.pendingDomain = pending.domain;
}

/** A technician's sign-in that reached the callback: an unredeemed ticket, and the browser nonce it is bound to. */
async function addSsoSignIn(app: SecurityApp, world: TenantWorld) {
  const email = `tech@${world.values.verifiedDomain}`;
  app.microsoft.control.createUser({ email, displayName: `${world.label} SSO tech` });
  const nonce = newBrowserNonce();
  const resolved = await app.t.app.inject({
    method: 'POST', url: '/api/auth/msp/sso/resolve', payload: { email, nonce }, headers: { 'x-forwarded-for': nextClientIp() },
  });
  if (resolved.statusCode !== 200) throw new Error(`resolve failed: ${resolved.body}`);
  const consent = await fetch(resolved.json().authorizationUrl, { redirect: 'manual' });
  const back = new URL(consent.headers.get('location')!);
  const done = await app.t.app.inject({ method: 'GET', url: `${back.pathname}${back.search}`, headers: { 'x-forwarded-for': nextClientIp() } });
  const ticket = new URL(done.headers.location as string).searchParams.get('ticket');
  if (!ticket) throw new Error(`sso callback gave no ticket: ${done.headers.location}`);
  world.values.ssoTicket = ticket;
  world.values.ssoNonce = nonce;
  world.values.ssoEmail = email;
  world.secrets.push(ticket, nonce);
}

async function addSchedule(app: SecurityApp, world: TenantWorld) {
  const { label, tenant, member } = world;
  const create = (input: Record<string, unknown>) =>
    gqlOk(app, `mutation ($input: CreateScheduleEntryInput!) { createScheduleEntry(input: $input) { ${ENTRY_FIELDS} } }`, { input }, tenant.apiKey);
  const base = { timeZone: 'UTC', assigneeIds: [member.id], externalRef: `${label}-ticket-42` };
  const single = await create({ ...base, title: `${label} site visit`, notes: `${label} gate code`, location: `${label} HQ`, startsAt: '2026-03-03T09:00:00.000Z', endsAt: '2026-03-03T10:00:00.000Z' });
  const hidden = await create({ ...base, title: `${label} private review`, isPrivate: true, startsAt: '2026-03-04T09:00:00.000Z', endsAt: '2026-03-04T10:00:00.000Z' });
  const series = await create({ ...base, title: `${label} weekly check`, startsAt: SERIES_START, endsAt: '2026-03-02T10:00:00.000Z', recurrence: ['RRULE:FREQ=WEEKLY;COUNT=5'] });
  const exception = await gqlOk(app, `mutation ($id: ID!, $at: DateTime!, $input: UpdateScheduleEntryInput!) {
    editScheduleOccurrence(seriesId: $id, originalStartsAt: $at, input: $input) { id version } }`, {
    id: series.id, at: '2026-03-09T09:00:00.000Z', input: { title: `${label} moved check`, startsAt: '2026-03-10T09:00:00.000Z', endsAt: '2026-03-10T10:00:00.000Z' },
  }, tenant.apiKey);
  Object.assign(world.ids, { entry: single.id, privateEntry: hidden.id, series: series.id, exception: exception.id });
  world.values.entryVersion = String(single.version);
}
