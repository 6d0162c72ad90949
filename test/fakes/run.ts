import { startGoogleSimulator } from './google/google-simulator';
import { startMicrosoftSimulator } from './microsoft/microsoft-simulator';

/**
 * `npm run simulators`: both provider simulators on fixed loopback ports, seeded with one demo OAuth app and
 * user each, printing the environment that points Switchboard at them. Ctrl-C stops them.
 */
const GOOGLE_PORT = Number(process.env.GOOGLE_SIMULATOR_PORT ?? 4101);
const MICROSOFT_PORT = Number(process.env.MICROSOFT_SIMULATOR_PORT ?? 4102);
const SWITCHBOARD_URL = (process.env.PUBLIC_URL ?? 'http://localhost:4000').replace(/\/+$/, '');

const DEMO = {
  google: { clientId: 'demo-google-client.apps.googleusercontent.com', clientSecret: 'demo-google-secret', user: 'demo@gmail.example' },
  microsoft: {
    clientId: '11111111-2222-4333-8444-555555555555',
    clientSecret: 'demo-microsoft-secret',
    tenantId: '99999999-8888-4777-8666-555555555555',
    user: 'demo@contoso.example',
  },
};

async function main(): Promise<void> {
  const google = await startGoogleSimulator({ port: GOOGLE_PORT });
  const microsoft = await startMicrosoftSimulator({ port: MICROSOFT_PORT });
  google.control.registerClient({ clientId: DEMO.google.clientId, clientSecret: DEMO.google.clientSecret });
  google.control.createUser({ email: DEMO.google.user, name: 'Demo User' });
  microsoft.control.registerApp({
    clientId: DEMO.microsoft.clientId,
    clientSecret: DEMO.microsoft.clientSecret,
    tenantId: DEMO.microsoft.tenantId,
    redirectUris: [`${SWITCHBOARD_URL}/api/auth/microsoft/calendar/callback`, `${SWITCHBOARD_URL}/api/auth/msp/sso/callback`],
  });
  microsoft.control.createUser({ email: DEMO.microsoft.user, displayName: 'Demo User', tenantId: DEMO.microsoft.tenantId });

  process.stdout.write(
    [
      'Provider simulators are running. Point Switchboard at them with:',
      '',
      `  export GOOGLE_OAUTH_URL=${google.url}`,
      `  export GOOGLE_API_URL=${google.apiRootUrl}`,
      `  export MICROSOFT_LOGIN_URL=${microsoft.loginUrl}`,
      `  export MICROSOFT_AUTHORITY_HOST=${microsoft.authorityHost}`,
      `  export MICROSOFT_GRAPH_URL=${microsoft.graphUrl}`,
      '',
      'Seeded demo credentials (enter them as a Google Calendar app / Microsoft profile in Switchboard):',
      `  Google:    client id ${DEMO.google.clientId}, secret ${DEMO.google.clientSecret}, user ${DEMO.google.user}`,
      `  Microsoft: client id ${DEMO.microsoft.clientId}, secret ${DEMO.microsoft.clientSecret},`,
      `             directory ${DEMO.microsoft.tenantId}, user ${DEMO.microsoft.user}`,
      '',
      `Control APIs: ${google.url}/__control/*  and  ${microsoft.url}/__control/*  (see test/fakes/README.md)`,
      '',
    ].join('\n'),
  );

  const stop = async () => {
    await Promise.allSettled([google.close(), microsoft.close()]);
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`simulators failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});
