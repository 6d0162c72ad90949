import { Client, HTTPMessageHandler, type Context, type Middleware } from '@microsoft/microsoft-graph-client';

/**
 * Attaches the bearer token itself. The SDK's own auth provider only adds the header for https Graph hosts or
 * configured customHosts, which would make the loopback simulator and production take different paths.
 */
class BearerTokenMiddleware implements Middleware {
  private next: Middleware | undefined;

  constructor(
    private readonly getAccessToken: () => Promise<string>,
    private readonly graphOrigin: string,
  ) {}

  async execute(context: Context): Promise<void> {
    // Links come back from responses and stored cursors (nextLink, deltaLink): never send the token elsewhere.
    const target = typeof context.request === 'string' ? context.request : context.request.url;
    if (new URL(target).origin !== this.graphOrigin) throw new Error(`refusing to send a Graph token to ${new URL(target).origin}`);
    const token = await this.getAccessToken();
    const headers = new Headers(context.options?.headers as ConstructorParameters<typeof Headers>[0]);
    headers.set('Authorization', `Bearer ${token}`);
    context.options = { ...context.options, headers };
    await this.next!.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

/** A Graph client for one credential: `baseUrl` is MICROSOFT_GRAPH_URL (real Graph or the simulator). */
export function createGraphClient(baseUrl: string, getAccessToken: () => Promise<string>): Client {
  const auth = new BearerTokenMiddleware(getAccessToken, new URL(baseUrl).origin);
  auth.setNext(new HTTPMessageHandler());
  return Client.initWithMiddleware({ baseUrl: `${baseUrl}/`, defaultVersion: 'v1.0', middleware: auth });
}
