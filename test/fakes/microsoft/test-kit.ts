// Helpers for tests that drive the Microsoft simulator through the real client libraries: a Graph client whose
// own auth middleware adds the bearer token (Client.init sends none to an http base URL), webhook receivers on
// loopback, and a tiny zip writer for Teams app packages.
import { AuthenticationResult, ConfidentialClientApplication, CryptoProvider } from '@azure/msal-node';
import { Client, HTTPMessageHandler } from '@microsoft/microsoft-graph-client';
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32 } from 'node:zlib';
import { simulatedMsalConfig } from './client-config';
import type { MicrosoftSimulatorControl } from './control';

class BearerMiddleware implements Middleware {
  private next?: Middleware;

  constructor(private readonly getToken: () => Promise<string>) {}

  async execute(context: Context): Promise<void> {
    const token = await this.getToken();
    context.options = context.options ?? {};
    const headers = context.options.headers;
    if (headers instanceof Headers) headers.set('Authorization', `Bearer ${token}`);
    else context.options.headers = { ...(headers as Record<string, string> | undefined), Authorization: `Bearer ${token}` };
    await this.next!.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

/** Graph client for `${graphUrl}/v1.0`; extra middleware (e.g. a RetryHandler) goes between auth and transport. */
export function graphClient(graphUrl: string, getToken: () => Promise<string>, extra: Middleware[] = []): Client {
  return Client.initWithMiddleware({
    baseUrl: graphUrl, defaultVersion: 'v1.0', middleware: [new BearerMiddleware(getToken), ...extra, new HTTPMessageHandler()],
  });
}

export interface ReceivedRequest { method: string; path: string; query: URLSearchParams; headers: http.IncomingHttpHeaders; body: string; json?: { value?: Record<string, unknown>[] } }
export interface ReceiverReply { status: number; body?: string; contentType?: string; delayMs?: number }
export interface Receiver {
  url: string;
  requests: ReceivedRequest[];
  /** Notification POSTs (validation handshakes excluded). */
  notifications(): ReceivedRequest[];
  close(): Promise<void>;
}

/** Answers validation handshakes by echoing the token as text/plain and notifications with 202, unless `reply` says otherwise. */
export async function startReceiver(reply?: (req: ReceivedRequest) => ReceiverReply | undefined): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://receiver');
      const body = Buffer.concat(chunks).toString('utf8');
      let json: ReceivedRequest['json'];
      try {
        json = body ? JSON.parse(body) : undefined;
      } catch {
        json = undefined;
      }
      const received: ReceivedRequest = { method: req.method ?? '', path: url.pathname, query: url.searchParams, headers: req.headers, body, json };
      requests.push(received);
      const token = url.searchParams.get('validationToken');
      const answer = reply?.(received) ?? (token !== null ? { status: 200, body: token, contentType: 'text/plain' } : { status: 202 });
      const send = (): void => {
        res.writeHead(answer.status, answer.contentType ? { 'content-type': answer.contentType } : {});
        res.end(answer.body ?? '');
      };
      if (answer.delayMs) setTimeout(send, answer.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    requests,
    notifications: () => requests.filter((r) => !r.query.has('validationToken')),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** A zip archive with stored (uncompressed) entries. */
export function zipStored(files: Record<string, string | Buffer>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content);
    const nameBuf = Buffer.from(name);
    const crc = crc32(data) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, data);
    centrals.push(central, nameBuf);
    offset += local.length + nameBuf.length + data.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

export interface SignInOptions {
  loginUrl: string;
  authorityHost: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  scopes: string[];
  loginHint?: string;
  tenant?: string;
}

/** The interactive authorization-code flow with PKCE, the browser step replaced by one manual-redirect fetch. */
export async function signInWithAuthCode(options: SignInOptions): Promise<{ msal: ConfidentialClientApplication; result: AuthenticationResult; redirect: URL }> {
  const msal = new ConfidentialClientApplication(simulatedMsalConfig(options, { clientId: options.clientId, clientSecret: options.clientSecret, tenant: options.tenant }));
  const pkce = await new CryptoProvider().generatePkceCodes();
  const url = await msal.getAuthCodeUrl({
    scopes: options.scopes, redirectUri: options.redirectUri, loginHint: options.loginHint, state: 'state-123',
    codeChallenge: pkce.challenge, codeChallengeMethod: 'S256',
  });
  const response = await fetch(url, { redirect: 'manual' });
  const location = response.headers.get('location');
  if (response.status !== 302 || !location) throw new Error(`authorize answered ${response.status}: ${await response.text()}`);
  const redirect = new URL(location);
  const code = redirect.searchParams.get('code');
  if (!code) throw new Error(`authorize redirected without a code: ${location}`);
  const result = await msal.acquireTokenByCode({ code, scopes: options.scopes, redirectUri: options.redirectUri, codeVerifier: pkce.verifier });
  return { msal, result, redirect };
}

/**
 * The setup most calendar tests share: a reset simulator with one app registration and one user, signed in
 * through the real authorization-code flow. Returns the user's delegated access token.
 */
export async function freshCalendarUser(
  sim: { control: MicrosoftSimulatorControl; loginUrl: string; authorityHost: string },
  app: { clientId: string; clientSecret: string; redirectUri: string },
  email: string,
): Promise<string> {
  sim.control.reset();
  sim.control.registerApp({ clientId: app.clientId, clientSecret: app.clientSecret, redirectUris: [app.redirectUri] });
  sim.control.createUser({ email });
  const { result } = await signInWithAuthCode({
    loginUrl: sim.loginUrl,
    authorityHost: sim.authorityHost,
    ...app,
    scopes: ['Calendars.ReadWrite', 'offline_access'],
    loginHint: email,
  });
  return result.accessToken;
}
