/**
 * Google simulator: OAuth 2.0 + Calendar API v3 + push notifications on loopback, for the real googleapis client.
 * Usage:
 *   const sim = await startGoogleSimulator();
 *   const auth = new google.auth.OAuth2({ clientId, clientSecret, redirectUri, endpoints: sim.oauthEndpoints });
 *   const calendar = google.calendar({ version: 'v3', auth, rootUrl: sim.apiRootUrl });
 */
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { registerCalendarRoutes } from './calendar.routes';
import { SimulatorControl } from './control';
import { registerControlRoutes } from './control.routes';
import { EventQuery } from './event-query';
import { EventStore } from './event-store';
import { FaultInjector } from './faults';
import { GoogleApiError } from './google-error';
import { OAUTH_PATHS, registerOAuthRoutes } from './oauth.routes';
import { OAuthService } from './oauth.service';
import { PushNotifier } from './push';
import { SimState } from './state';
import type { GoogleSimulator, GoogleSimulatorOptions } from './types';

export type * from './types';

function registerParsers(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    if (!body) return done(null, undefined);
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(new GoogleApiError(400, 'parseError', 'Parse Error'), undefined);
    }
  });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
}

function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | GoogleApiError, _req, reply) => {
    if (err instanceof GoogleApiError) return reply.code(err.code).headers(err.headers).send(err.toBody());
    const status = 'statusCode' in err && err.statusCode && err.statusCode < 500 ? err.statusCode : 500;
    const mapped = status < 500 ? new GoogleApiError(status, 'badRequest', err.message) : new GoogleApiError(500, 'backendError', 'Backend Error');
    return reply.code(mapped.code).send(mapped.toBody());
  });
  app.setNotFoundHandler((_req, reply) => {
    const err = new GoogleApiError(404, 'notFound', 'Not Found');
    return reply.code(404).send(err.toBody());
  });
}

export async function startGoogleSimulator(options: GoogleSimulatorOptions = {}): Promise<GoogleSimulator> {
  const host = options.host ?? '127.0.0.1';
  const state = new SimState(options.accessTokenTtlSeconds ?? 3600);
  let url = '';
  const push = new PushNotifier(state, () => url, options.notificationRetryDelaysMs ?? [200, 400, 800]);
  const store = new EventStore(state, (calendarId) => push.onCalendarChange(calendarId));
  const oauth = new OAuthService(state);
  const faults = new FaultInjector(state);
  const control = new SimulatorControl({ state, store, push, faults, oauth });

  const app = Fastify({ logger: false });
  registerParsers(app);
  registerErrorHandling(app);
  faults.register(app);
  registerOAuthRoutes(app, oauth, state);
  registerCalendarRoutes(app, { state, oauth, store, query: new EventQuery(state), push });
  registerControlRoutes(app, control);

  await app.listen({ port: options.port ?? 0, host });
  const { port } = app.server.address() as AddressInfo;
  url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url,
    apiRootUrl: `${url}/`,
    oauthEndpoints: {
      oauth2AuthBaseUrl: `${url}${OAUTH_PATHS.auth}`,
      oauth2TokenUrl: `${url}${OAUTH_PATHS.token}`,
      oauth2RevokeUrl: `${url}${OAUTH_PATHS.revoke}`,
      tokenInfoUrl: `${url}${OAUTH_PATHS.tokenInfo}`,
    },
    control,
    async close(): Promise<void> {
      push.reset();
      await app.close();
    },
  };
}
