import { randomUUID } from 'node:crypto';
import { startGoogleSimulator, type GoogleSimulator } from '../../../../test/fakes/google/google-simulator';
import { bind } from '../../../../test/support/microsoft-fixtures';
import { SSO_REDIRECT_URI } from '../../../../test/support/msp-sso-fixtures';
import { queryDatabase } from '../../../../test/support/test-database';
import { startSecurityApp, type SecurityApp } from '../../../../test/security/support/security-app';
import { buildTenantWorld, type TenantWorld } from '../../../../test/security/support/tenant-world';
import { webhookSecretContext } from '../../../src/calendar/calendar-tokens-secret';
import { authorize, complete, createProvider, PUBLIC_URL, ticketFrom, type CalendarHarness } from '../../support/calendar-harness';

export interface EnterpriseSecurityApp extends SecurityApp {
  google: GoogleSimulator;
}

/** The security app in Enterprise, pointed at both simulators (as the calendar harness does). */
export async function startEnterpriseSecurityApp(): Promise<EnterpriseSecurityApp> {
  const google = await startGoogleSimulator();
  const app = await startSecurityApp('enterprise', { GOOGLE_OAUTH_URL: google.url, GOOGLE_API_URL: google.apiRootUrl }, () => google.close());
  return { ...app, google };
}

/** The CE world plus every EE kind of row: Google app, connected Google + Outlook calendars with webhooks, a pending grant, Teams, a mailbox. */
export async function buildEnterpriseWorld(app: EnterpriseSecurityApp, label: string): Promise<TenantWorld> {
  const world = await buildTenantWorld(app, label);
  const { tenant } = world;
  const h = { t: app.t, google: app.google, microsoft: app.microsoft, tenant } as unknown as CalendarHarness;
  await configureGoogleApp(app, world);
  await bindEnterpriseConsumers(app, world);
  const googleUser = `${label}@gmail.example`;
  app.google.control.createUser({ email: googleUser, name: `${label} Google` });
  // The member's own Google calendar (connected by the member), and an Outlook calendar of the admin.
  world.ids.googleProvider = await connected(h, 'GOOGLE', world.member.apiKey, googleUser);
  world.ids.microsoftProvider = await connected(h, 'MICROSOFT', tenant.apiKey, world.values.ssoEmail!);
  world.ids.doomedProvider = (await createProvider(h, 'GOOGLE', tenant.apiKey)).id;
  const pending = await createProvider(h, 'GOOGLE', tenant.apiKey);
  world.ids.pendingProvider = pending.id;
  world.values.calendarTicket = await ticketFrom(h, await authorize(h, pending.id, tenant.apiKey, googleUser));
  world.secrets.push(world.values.calendarTicket);
  await watch(app, world, 'googleProvider', 'google');
  await watch(app, world, 'microsoftProvider', 'microsoft');
  await addSyncConflict(app, world);
  world.ids.emailProvider = randomUUID();
  await queryDatabase(app.t.db.url, "insert into email_providers (id, tenant_id, provider_type, mailbox) values ($1, $2, 'microsoft', $3)", [
    world.ids.emailProvider, tenant.tenantId, `${label}-helpdesk@${world.values.verifiedDomain}`,
  ]);
  return world;
}

/** A synced entry whose event changed on both sides: a mapping in conflict and its open conflict row. */
async function addSyncConflict(app: EnterpriseSecurityApp, world: TenantWorld) {
  const mappingId = randomUUID();
  world.ids.syncConflict = randomUUID();
  await queryDatabase(
    app.t.db.url,
    `insert into calendar_event_mappings (id, tenant_id, provider_id, schedule_entry_id, external_event_id, external_version, local_version, sync_status)
     values ($1, $2, $3, $4, $5, '"v1"', 1, 'conflict')`,
    [mappingId, world.tenant.tenantId, world.ids.googleProvider, world.ids.entry, `ev-${world.label}`],
  );
  await queryDatabase(
    app.t.db.url,
    `insert into calendar_sync_conflicts (id, tenant_id, provider_id, mapping_id, schedule_entry_id, external_event_id, local_version, external_version)
     values ($1, $2, $3, $4, $5, $6, 2, '"v2"')`,
    [world.ids.syncConflict, world.tenant.tenantId, world.ids.googleProvider, mappingId, world.ids.entry, `ev-${world.label}`],
  );
  await queryDatabase(
    app.t.db.url,
    `insert into calendar_sync_log (tenant_id, provider_id, direction, action, schedule_entry_id, external_event_id, outcome)
     values ($1, $2, 'pull', 'conflict', $3, $4, 'ok')`,
    [world.tenant.tenantId, world.ids.googleProvider, world.ids.entry, `ev-${world.label}`],
  );
}

async function configureGoogleApp(app: EnterpriseSecurityApp, world: TenantWorld) {
  const googleApp = { clientId: `${world.label}-${randomUUID()}.apps.googleusercontent.com`, clientSecret: `gsecret-${randomUUID()}` };
  app.google.control.registerClient({ ...googleApp, redirectUris: [`${PUBLIC_URL}/api/auth/google/calendar/callback`] });
  const result = await app.t.gql('mutation ($input: ConfigureGoogleCalendarAppInput!) { configureGoogleCalendarApp(input: $input) { clientId } }', { input: googleApp }, world.tenant.apiKey);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  world.secrets.push(googleApp.clientSecret);
}

/** Outlook calendars, mail and Teams run on the SSO profile too: its app registration accepts every callback. */
async function bindEnterpriseConsumers(app: EnterpriseSecurityApp, world: TenantWorld) {
  app.microsoft.control.registerApp({
    clientId: world.values.ssoClientId!, clientSecret: world.values.ssoClientSecret!,
    redirectUris: [SSO_REDIRECT_URI, `${PUBLIC_URL}/api/auth/microsoft/calendar/callback`],
  });
  for (const consumer of ['CALENDAR', 'EMAIL', 'TEAMS']) {
    const bound = await bind(app.t, world.tenant.apiKey, consumer, world.ids.ssoProfile!);
    if (bound.errors) throw new Error(JSON.stringify(bound.errors));
  }
}

async function connected(h: CalendarHarness, type: 'GOOGLE' | 'MICROSOFT', apiKey: string, signInAs: string): Promise<string> {
  const provider = await createProvider(h, type, apiKey);
  const done = await complete(h, await ticketFrom(h, await authorize(h, provider.id, apiKey, signInAs)), apiKey);
  if (done.errors) throw new Error(JSON.stringify(done.errors));
  return provider.id;
}

/** A registered channel / subscription, as webhook maintenance leaves it (maintenance itself is not built yet). */
async function watch(app: EnterpriseSecurityApp, world: TenantWorld, providerKey: string, type: 'google' | 'microsoft') {
  const providerId = world.ids[providerKey]!;
  const secret = `${type}-channel-secret-${randomUUID()}`;
  const subscriptionId = randomUUID();
  await queryDatabase(
    app.t.db.url,
    `update calendar_providers set webhook_subscription_id = $2, webhook_resource_id = $3, webhook_client_state = $4,
       webhook_expires_at = now() + interval '1 day' where id = $1`,
    [providerId, subscriptionId, type === 'google' ? `res-${subscriptionId}` : null, app.t.runtime.deps.secretBox.encrypt(secret, webhookSecretContext(providerId))],
  );
  world.values[`${type}Channel`] = subscriptionId;
  world.values[`${type}ChannelSecret`] = secret;
  world.secrets.push(secret);
}
