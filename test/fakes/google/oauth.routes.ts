/**
 * OAuth HTTP endpoints at the paths google-auth-library is configured with through `endpoints`.
 * https://developers.google.com/identity/protocols/oauth2/web-server
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { OAuthError } from './google-error';
import { AuthPageError, type OAuthService } from './oauth.service';
import type { SimState } from './state';

type Form = Record<string, string | undefined>;

export const OAUTH_PATHS = {
  auth: '/o/oauth2/v2/auth',
  token: '/token',
  revoke: '/revoke',
  tokenInfo: '/tokeninfo',
  userInfo: '/oauth2/v3/userinfo',
};

const EMAIL_SCOPES = ['email', 'https://www.googleapis.com/auth/userinfo.email'];
const PROFILE_SCOPES = ['profile', 'https://www.googleapis.com/auth/userinfo.profile'];

function formOf(req: FastifyRequest): Form {
  const fromQuery = (req.query ?? {}) as Form;
  const fromBody = req.body && typeof req.body === 'object' ? (req.body as Form) : {};
  return { ...fromQuery, ...fromBody };
}

function sendOAuthError(reply: FastifyReply, err: unknown): FastifyReply {
  if (err instanceof OAuthError) return reply.code(err.httpStatus).send(err.toBody());
  throw err;
}

function bearer(req: FastifyRequest): string | undefined {
  return /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim();
}

export function registerOAuthRoutes(app: FastifyInstance, oauth: OAuthService, state: SimState): void {
  app.get(OAUTH_PATHS.auth, async (req, reply) => {
    try {
      return reply.redirect(oauth.authorize(req.query as Form), 302);
    } catch (err) {
      if (!(err instanceof AuthPageError)) throw err;
      return reply
        .code(err.httpStatus)
        .type('text/html; charset=utf-8')
        .send(`<!doctype html><title>Error ${err.httpStatus}: ${err.error}</title><h1>Error ${err.httpStatus}: ${err.error}</h1><p>${escapeHtml(err.message)}</p>`);
    }
  });

  app.post(OAUTH_PATHS.token, async (req, reply) => {
    try {
      return reply.send(oauth.token(formOf(req), req.headers.authorization));
    } catch (err) {
      return sendOAuthError(reply, err);
    }
  });

  const revoke = async (req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    try {
      oauth.revoke(formOf(req).token);
      return reply.send({});
    } catch (err) {
      return sendOAuthError(reply, err);
    }
  };
  app.post(OAUTH_PATHS.revoke, revoke);
  app.get(OAUTH_PATHS.revoke, revoke);

  const tokenInfo = async (req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const token = formOf(req).access_token ?? bearer(req);
    const record = token ? oauth.validAccessToken(token) : undefined;
    if (!record) return reply.code(400).send({ error: 'invalid_token', error_description: 'Invalid Value' });
    const user = state.users.get(record.email)!;
    const info: Record<string, string> = {
      azp: record.clientId,
      aud: record.clientId,
      sub: user.id,
      scope: record.scopes.join(' '),
      exp: String(Math.floor(record.expiresAt / 1000)),
      expires_in: String(Math.max(0, Math.floor((record.expiresAt - state.now()) / 1000))),
      access_type: [...state.refreshTokens.values()].some((r) => r.grantKey === record.grantKey && !r.revoked) ? 'offline' : 'online',
    };
    if (record.scopes.some((s) => EMAIL_SCOPES.includes(s))) Object.assign(info, { email: user.email, email_verified: 'true' });
    return reply.send(info);
  };
  app.get(OAUTH_PATHS.tokenInfo, tokenInfo);
  app.post(OAUTH_PATHS.tokenInfo, tokenInfo);

  app.get(OAUTH_PATHS.userInfo, async (req, reply) => {
    const token = bearer(req);
    const record = token ? oauth.validAccessToken(token) : undefined;
    if (!record) return reply.code(401).send({ error: 'invalid_request', error_description: 'Invalid Credentials' });
    const user = state.users.get(record.email)!;
    const info: Record<string, unknown> = { sub: user.id };
    if (record.scopes.some((s) => PROFILE_SCOPES.includes(s))) Object.assign(info, { name: user.name, given_name: user.name.split(' ')[0] });
    if (record.scopes.some((s) => EMAIL_SCOPES.includes(s))) Object.assign(info, { email: user.email, email_verified: true });
    return reply.send(info);
  });
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}
