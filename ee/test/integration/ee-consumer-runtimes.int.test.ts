import { randomUUID } from 'node:crypto';
import { OutlookMailboxService } from '../../src/email/outlook-mailbox.service';
import { EmailProviderRepository } from '../../src/email/email-provider.repository';
import { AppOnlyGraph } from '../../src/microsoft/app-only-graph';
import { TeamsAppCatalogService } from '../../src/teams/teams-app-catalog.service';
import { TeamsIntegrationRepository } from '../../src/teams/teams-integration.repository';
import type { CreatedTenant } from '../../../src/tenants/tenant.service';
import { startMicrosoftSimulator, type MicrosoftSimulator } from '../../../test/fakes/microsoft/microsoft-simulator';
import { zipStored } from '../../../test/fakes/microsoft/test-kit';
import { bind, createProfile } from '../../../test/support/microsoft-fixtures';
import { startTestApp, type TestApp } from '../../../test/support/test-app';
import { queryDatabase } from '../../../test/support/test-database';

/** Email and Teams runtimes get credentials only from the profile bound to their consumer. */
describe('EE consumer runtimes against the Microsoft simulator', () => {
  let sim: MicrosoftSimulator;
  let t: TestApp;
  let tenant: CreatedTenant;
  let graph: AppOnlyGraph;
  const directory = randomUUID();
  const apps = [1, 2].map(() => ({ clientId: randomUUID(), clientSecret: `secret~${randomUUID()}` }));

  beforeAll(async () => {
    sim = await startMicrosoftSimulator();
    for (const app of apps) {
      sim.control.registerApp({ ...app, tenantId: directory, applicationPermissions: ['Mail.Read', 'AppCatalog.ReadWrite.All'] });
    }
    sim.control.createUser({ email: 'helpdesk@contoso.example', tenantId: directory });
    sim.control.addMessage('helpdesk@contoso.example', { subject: 'Printer on fire' });
    t = await startTestApp({
      edition: 'enterprise',
      env: { MICROSOFT_LOGIN_URL: sim.loginUrl, MICROSOFT_AUTHORITY_HOST: sim.authorityHost, MICROSOFT_GRAPH_URL: sim.graphUrl },
    });
    tenant = await t.createTenant('Runtimes');
    graph = new AppOnlyGraph(t.runtime.deps);
  });
  afterAll(async () => {
    await t.close();
    await sim.close();
  });

  const tokenRequestsBy = () =>
    sim.control
      .requestLog()
      .filter((entry) => entry.path.endsWith('/oauth2/v2.0/token'))
      .map((entry) => entry.clientId);

  it('reads an Outlook mailbox with the EMAIL-bound profile, not the default one', async () => {
    const defaultProfile = await createProfile(t, tenant.apiKey, { ...apps[0], tenantAuthority: directory });
    const emailProfile = await createProfile(t, tenant.apiKey, { ...apps[1], tenantAuthority: directory });
    expect(defaultProfile.isDefault).toBe(true);
    await queryDatabase(t.db.url, "insert into email_providers (id, tenant_id, provider_type, mailbox) values ($1, $2, 'microsoft', 'helpdesk@contoso.example')", [
      randomUUID(),
      tenant.tenantId,
    ]);
    const mailbox = new OutlookMailboxService({ graph, providers: new EmailProviderRepository(t.runtime.deps.orm) });
    await expect(mailbox.recentMessages(tenant.tenantId, 'helpdesk@contoso.example')).rejects.toMatchObject({ details: { reason: 'not_bound' } });
    expect(sim.control.requestLog()).toEqual([]);

    await bind(t, tenant.apiKey, 'EMAIL', emailProfile.id);
    const states = await t.gql('{ emailProviders { mailbox microsoftBindingState } }', {}, tenant.apiKey);
    expect(states.data.emailProviders).toEqual([{ mailbox: 'helpdesk@contoso.example', microsoftBindingState: 'READY' }]);
    const messages = await mailbox.recentMessages(tenant.tenantId, 'helpdesk@contoso.example');
    expect(messages.map((message) => message.subject)).toEqual(['Printer on fire']);
    expect(new Set(tokenRequestsBy())).toEqual(new Set([apps[1]!.clientId]));
    await expect(mailbox.recentMessages(tenant.tenantId, 'someone-else@contoso.example')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('publishes the Teams app with the TEAMS-bound profile and records the install', async () => {
    sim.control.clearRequestLog();
    const teamsProfile = (await t.gql('{ microsoftProfiles { id clientId } }', {}, tenant.apiKey)).data.microsoftProfiles.find(
      (profile: { clientId: string }) => profile.clientId === apps[0]!.clientId,
    );
    await bind(t, tenant.apiKey, 'TEAMS', teamsProfile.id);
    const catalog = new TeamsAppCatalogService({ orm: t.runtime.deps.orm, graph, repository: new TeamsIntegrationRepository(), logger: t.runtime.deps.logger });
    const appPackage = zipStored({ 'manifest.json': JSON.stringify({ id: randomUUID(), version: '1.0.0', name: { short: 'Switchboard' } }) });
    const { appId } = await catalog.publish(tenant.tenantId, appPackage, { version: '1.0.0' });
    expect(sim.control.teamsApps()).toEqual([expect.objectContaining({ id: appId, tenantId: directory, publishedByClientId: apps[0]!.clientId })]);
    const published = sim.control.requestLog().find((entry) => entry.method === 'POST' && entry.path.endsWith('/appCatalogs/teamsApps'));
    expect(published?.clientId).toBe(apps[0]!.clientId);
    const state = await t.gql('{ teamsIntegration { status appId lastError } }', {}, tenant.apiKey);
    expect(state.data.teamsIntegration).toEqual({ status: 'ACTIVE', appId, lastError: null });

    // Publishing the same package again fails at Graph (409): the failure is recorded, not swallowed.
    await expect(catalog.publish(tenant.tenantId, appPackage)).rejects.toThrow();
    const failed = await t.gql('{ teamsIntegration { status lastError } }', {}, tenant.apiKey);
    expect(failed.data.teamsIntegration).toEqual({ status: 'ERROR', lastError: expect.stringMatching(/already exists/) });
  });
});
