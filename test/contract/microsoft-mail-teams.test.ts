// Contract: mail and Teams endpoints of the Microsoft simulator record which app registration's credentials
// each call used (the point of per-consumer Microsoft profiles), plus the /__control HTTP face.
import { ConfidentialClientApplication } from '@azure/msal-node';
import { GraphError, ResponseType } from '@microsoft/microsoft-graph-client';
import { simulatedMsalConfig } from '../fakes/microsoft/client-config';
import { MicrosoftSimulator, startMicrosoftSimulator } from '../fakes/microsoft/microsoft-simulator';
import { DEFAULT_TENANT_ID } from '../fakes/microsoft/state';
import { graphClient, signInWithAuthCode, zipStored } from '../fakes/microsoft/test-kit';

const EMAIL_APP = { clientId: '55555555-aaaa-4bbb-8ccc-00000000000e', clientSecret: 'email~secret' };
const TEAMS_APP = { clientId: '66666666-aaaa-4bbb-8ccc-00000000000f', clientSecret: 'teams~secret' };
const REDIRECT = 'http://localhost/cb';
const ALICE = 'alice@contoso.test';
const BOB = 'bob@contoso.test';

let sim: MicrosoftSimulator;

beforeAll(async () => {
  sim = await startMicrosoftSimulator();
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.control.reset();
  sim.control.registerApp({ ...EMAIL_APP, redirectUris: [REDIRECT] });
  sim.control.registerApp({ ...TEAMS_APP });
  sim.control.createUser({ email: ALICE });
  sim.control.createUser({ email: BOB });
});

async function delegatedClient(scopes: string[]) {
  const { result } = await signInWithAuthCode({
    loginUrl: sim.loginUrl, authorityHost: sim.authorityHost, ...EMAIL_APP, redirectUri: REDIRECT, scopes: [...scopes, 'offline_access'], loginHint: ALICE,
  });
  return graphClient(sim.graphUrl, async () => result.accessToken);
}

function appOnlyClient() {
  const msal = new ConfidentialClientApplication(simulatedMsalConfig(sim, { ...TEAMS_APP, tenant: DEFAULT_TENANT_ID }));
  return graphClient(sim.graphUrl, async () => (await msal.acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] }))!.accessToken);
}

describe('mail', () => {
  it('lists messages (/me/messages, /me/mailFolders/inbox/messages) and logs the calling app registration', async () => {
    sim.control.addMessage(ALICE, { subject: 'Ticket #1', from: 'customer@example.com' });
    sim.control.addMessage(ALICE, { subject: 'Ticket #2', from: 'customer@example.com' });
    const client = await delegatedClient(['Mail.Read']);
    sim.control.clearRequestLog();
    const all = await client.api('/me/messages').get();
    const inbox = await client.api('/me/mailFolders/inbox/messages').top(1).get();
    expect(all.value.map((m: { subject: string }) => m.subject).sort()).toEqual(['Ticket #1', 'Ticket #2']);
    expect(inbox.value).toHaveLength(1);
    expect(inbox['@odata.nextLink']).toBeDefined();
    expect(sim.control.requestLog().map((e) => [e.path, e.clientId])).toEqual([
      ['/v1.0/me/messages', EMAIL_APP.clientId], ['/v1.0/me/mailFolders/inbox/messages', EMAIL_APP.clientId],
    ]);
  });

  it('sends mail as the signed-in user (202, no body) and refuses without Mail.Send (403)', async () => {
    const client = await delegatedClient(['Mail.Read', 'Mail.Send']);
    const raw: Response = await client.api('/me/sendMail').responseType(ResponseType.RAW).post({
      message: { subject: 'Hello Bob', body: { contentType: 'text', content: 'hi' }, toRecipients: [{ emailAddress: { address: BOB } }] },
    });
    expect(raw.status).toBe(202);
    expect(sim.control.mailbox(BOB).inbox.map((m) => m.subject)).toEqual(['Hello Bob']);
    expect(sim.control.mailbox(ALICE).sentByClientIds).toEqual([EMAIL_APP.clientId]);
    sim.control.revokeConsent(ALICE); // the next sign-in consents to Mail.Read only
    const stillNoSend = await delegatedClient(['Mail.Read']);
    const err: GraphError = await stillNoSend.api('/me/sendMail').post({ message: { toRecipients: [{ emailAddress: { address: BOB } }] } }).catch((e: GraphError) => e);
    expect([err.statusCode, err.code]).toEqual([403, 'ErrorAccessDenied']);
  });
});

describe('teams apps', () => {
  const manifest = { id: 'a1b2c3d4-0000-4000-8000-000000000abc', version: '1.0.0', name: { short: 'Switchboard' } };

  it('publishes an app package and installs it for a user with app-only credentials of the Teams registration', async () => {
    const client = appOnlyClient();
    const published = await client.api('/appCatalogs/teamsApps').header('Content-Type', 'application/zip').post(zipStored({ 'manifest.json': JSON.stringify(manifest), 'color.png': 'png' }));
    expect(published).toMatchObject({ externalId: manifest.id, displayName: 'Switchboard', distributionMethod: 'organization' });
    const carol = sim.control.createUser({ email: 'carol@contoso.test' });
    await client.api(`/users/${carol.id}/teamwork/installedApps`).post({ 'teamsApp@odata.bind': `https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/${published.id}` });
    expect(sim.control.installedTeamsApps()).toEqual([expect.objectContaining({ userId: carol.id, teamsAppId: published.id, installedByClientId: TEAMS_APP.clientId })]);
    const listed = await client.api('/appCatalogs/teamsApps').filter(`externalId eq '${manifest.id}'`).get();
    expect(listed.value.map((a: { id: string }) => a.id)).toEqual([published.id]);
    const again: GraphError = await client.api('/appCatalogs/teamsApps').header('Content-Type', 'application/zip').post(zipStored({ 'manifest.json': JSON.stringify(manifest) })).catch((e: GraphError) => e);
    expect(again.statusCode).toBe(409);
    const publishLog = sim.control.requestLog().filter((e) => e.path === '/v1.0/appCatalogs/teamsApps' && e.method === 'POST');
    expect(publishLog.map((e) => e.clientId)).toEqual([TEAMS_APP.clientId, TEAMS_APP.clientId]);
  });

  it('refuses a delegated token without Teams permissions (403 Forbidden)', async () => {
    const client = await delegatedClient(['Mail.Read']);
    const err: GraphError = await client.api('/me/teamwork/installedApps').get().catch((e: GraphError) => e);
    expect([err.statusCode, err.code]).toEqual([403, 'Forbidden']);
  });
});

describe('control over HTTP', () => {
  it('runs control operations under /__control and keeps them out of the request log', async () => {
    type Answer = { result?: unknown; error?: string };
    const post = (op: string, args: unknown[]): Promise<Answer> => fetch(`${sim.url}/__control/${op}`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(args),
    }).then((r) => r.json() as Promise<Answer>);
    const user = await post('createUser', [{ email: 'dave@contoso.test' }]);
    expect((user.result as { email: string }).email).toBe('dave@contoso.test');
    await post('seedEvent', ['dave@contoso.test', null, { subject: 'Via HTTP', start: { dateTime: '2030-01-01T10:00:00', timeZone: 'UTC' }, end: { dateTime: '2030-01-01T11:00:00', timeZone: 'UTC' } }]);
    const events = await fetch(`${sim.url}/__control/events?arg=dave%40contoso.test`).then((r) => r.json() as Promise<Answer>);
    expect((events.result as { subject: string }[]).map((e) => e.subject)).toEqual(['Via HTTP']);
    expect((await post('noSuchOperation', [])).error).toContain('unknown control operation');
    expect(sim.control.requestLog()).toEqual([]);
  });
});
