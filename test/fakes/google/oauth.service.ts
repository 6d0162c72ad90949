/**
 * OAuth 2.0 for web server apps: authorization codes (with PKCE), access/refresh tokens, revocation.
 * https://developers.google.com/identity/protocols/oauth2/web-server
 */
import { createHash, createHmac } from 'node:crypto';
import { apiErrors, OAuthError } from './google-error';
import { type AccessTokenRecord, type Grant, randomToken, type SimState } from './state';

type Form = Record<string, string | undefined>;

export interface TokenResponse {
  access_token: string;
  expires_in: number;
  refresh_token?: string;
  scope: string;
  token_type: 'Bearer';
  id_token?: string;
  refresh_token_expires_in?: number;
}

/** Authorization endpoint failures that Google shows as an error page instead of redirecting. */
export class AuthPageError extends Error {
  readonly name = 'AuthPageError';
  constructor(readonly httpStatus: number, readonly error: string, message: string) {
    super(message);
  }
}

const CODE_TTL_MS = 10 * 60_000;

export class OAuthService {
  constructor(private readonly state: SimState) {}

  /** Handles GET /o/oauth2/v2/auth; returns the redirect location. */
  authorize(q: Form): string {
    const client = q.client_id ? this.state.clients.get(q.client_id) : undefined;
    if (!client) throw new AuthPageError(401, 'invalid_client', 'The OAuth client was not found.');
    const redirectUri = q.redirect_uri;
    if (!redirectUri) throw new AuthPageError(400, 'invalid_request', 'Missing required parameter: redirect_uri');
    if (client.redirectUris && !client.redirectUris.includes(redirectUri)) {
      throw new AuthPageError(400, 'redirect_uri_mismatch', `redirect_uri ${redirectUri} is not registered for this client.`);
    }
    if (!q.scope) throw new AuthPageError(400, 'invalid_request', 'Missing required parameter: scope');
    const method = q.code_challenge ? q.code_challenge_method ?? 'plain' : undefined;
    if (method && method !== 'S256' && method !== 'plain') throw new AuthPageError(400, 'invalid_request', 'Invalid code_challenge_method');
    const user = q.login_hint ? this.state.users.get(q.login_hint) : this.state.firstUser();
    if (!user) throw new AuthPageError(400, 'invalid_request', q.login_hint ? `Simulator: no user ${q.login_hint}` : 'Simulator: no user exists');
    const target = new URL(redirectUri);
    const setParam = (k: string, v: string | undefined): void => { if (v !== undefined) target.searchParams.set(k, v); };
    if (q.response_type !== 'code') {
      setParam('error', 'unsupported_response_type');
      setParam('state', q.state);
      return target.toString();
    }
    if (q.sim_deny === '1' || this.state.consentBehaviour === 'deny') {
      setParam('error', 'access_denied');
      setParam('state', q.state);
      return target.toString();
    }
    const scopes = q.scope.split(/\s+/).filter(Boolean);
    const grant = this.state.grants.get(grantKey(user.email, client.clientId));
    const prompts = (q.prompt ?? '').split(/\s+/);
    const code = randomToken('4/0A', 30);
    this.state.authCodes.set(code, {
      code, clientId: client.clientId, redirectUri, email: user.email, scopes,
      codeChallenge: q.code_challenge, codeChallengeMethod: method,
      issueRefreshToken: q.access_type === 'offline' && (!grant?.refreshTokenIssued || prompts.includes('consent')),
      expiresAt: this.state.now() + CODE_TTL_MS,
    });
    setParam('code', code);
    setParam('scope', scopes.join(' '));
    setParam('state', q.state);
    return target.toString();
  }

  /** Handles POST /token. */
  token(form: Form, authorization: string | undefined): TokenResponse {
    const clientId = this.authenticateClient(form, authorization);
    if (form.grant_type === 'authorization_code') return this.exchangeCode(form, clientId);
    if (form.grant_type === 'refresh_token') return this.refresh(form, clientId);
    throw new OAuthError(400, 'unsupported_grant_type', `Invalid grant_type: ${form.grant_type ?? ''}`);
  }

  private authenticateClient(form: Form, authorization: string | undefined): string {
    let id = form.client_id;
    let secret = form.client_secret;
    if (authorization?.startsWith('Basic ')) {
      const decoded = Buffer.from(authorization.slice(6), 'base64').toString();
      const colon = decoded.indexOf(':');
      id = decodeURIComponent(decoded.slice(0, colon));
      secret = decodeURIComponent(decoded.slice(colon + 1));
    }
    if (!id) throw new OAuthError(400, 'invalid_request', 'Could not determine client ID from request.');
    const client = this.state.clients.get(id);
    if (!client) throw new OAuthError(401, 'invalid_client', 'The OAuth client was not found.');
    if (client.clientSecret !== secret) throw new OAuthError(401, 'invalid_client', 'Unauthorized');
    return id;
  }

  private exchangeCode(form: Form, clientId: string): TokenResponse {
    if (!form.code) throw new OAuthError(400, 'invalid_request', 'Missing required parameter: code');
    const code = this.state.authCodes.get(form.code);
    if (!code) throw new OAuthError(400, 'invalid_grant', 'Malformed auth code.');
    this.state.authCodes.delete(form.code);
    if (code.clientId !== clientId || code.expiresAt <= this.state.now()) throw new OAuthError(400, 'invalid_grant', 'Bad Request');
    if (form.redirect_uri !== code.redirectUri) throw new OAuthError(400, 'redirect_uri_mismatch', 'Bad Request');
    if (code.codeChallenge) {
      if (!form.code_verifier) throw new OAuthError(400, 'invalid_grant', 'Missing code verifier.');
      const expected = code.codeChallengeMethod === 'S256'
        ? createHash('sha256').update(form.code_verifier).digest('base64url')
        : form.code_verifier;
      if (expected !== code.codeChallenge) throw new OAuthError(400, 'invalid_grant', 'Invalid code verifier.');
    }
    const grant = this.upsertGrant(code.email, clientId, code.scopes);
    const response = this.issueAccessToken(code.email, clientId, code.scopes, grant.key);
    if (code.issueRefreshToken) {
      const token = randomToken('1//0', 40);
      this.state.refreshTokens.set(token, { token, email: code.email, clientId, scopes: code.scopes, grantKey: grant.key, revoked: false });
      grant.refreshTokenIssued = true;
      response.refresh_token = token;
    }
    return response;
  }

  private refresh(form: Form, clientId: string): TokenResponse {
    if (!form.refresh_token) throw new OAuthError(400, 'invalid_request', 'Missing required parameter: refresh_token');
    const record = this.state.refreshTokens.get(form.refresh_token);
    if (!record || record.revoked || !this.state.grants.has(record.grantKey)) {
      throw new OAuthError(400, 'invalid_grant', 'Token has been expired or revoked.');
    }
    if (record.clientId !== clientId) throw new OAuthError(401, 'unauthorized_client', 'Unauthorized');
    return this.issueAccessToken(record.email, clientId, record.scopes, record.grantKey);
  }

  private upsertGrant(email: string, clientId: string, scopes: string[]): Grant {
    const key = grantKey(email, clientId);
    const grant = this.state.grants.get(key) ?? { key, email, clientId, scopes: new Set<string>(), refreshTokenIssued: false };
    for (const s of scopes) grant.scopes.add(s);
    this.state.grants.set(key, grant);
    return grant;
  }

  private issueAccessToken(email: string, clientId: string, scopes: string[], key: string): TokenResponse {
    const token = randomToken('ya29.', 48);
    const ttl = this.state.accessTokenTtlSeconds;
    this.state.accessTokens.set(token, { token, email, clientId, scopes, grantKey: key, expiresAt: this.state.now() + ttl * 1000 });
    const response: TokenResponse = { access_token: token, expires_in: ttl, scope: scopes.join(' '), token_type: 'Bearer' };
    if (scopes.includes('openid')) response.id_token = this.idToken(email, clientId);
    return response;
  }

  /** An HS256 id_token signed with the client secret (Google signs RS256; clients here do not verify it). */
  private idToken(email: string, clientId: string): string {
    const user = this.state.users.get(email)!;
    const now = Math.floor(this.state.now() / 1000);
    const enc = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
    const body = `${enc({ alg: 'HS256', typ: 'JWT' })}.${enc({
      iss: 'https://accounts.google.com', azp: clientId, aud: clientId, sub: user.id, email, email_verified: true,
      name: user.name, iat: now, exp: now + 3600,
    })}`;
    const secret = this.state.clients.get(clientId)?.clientSecret ?? '';
    return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
  }

  /** Revokes the grant behind an access or refresh token: every token of that grant dies. */
  revoke(token: string | undefined): void {
    const key = token ? (this.state.accessTokens.get(token) ?? this.state.refreshTokens.get(token))?.grantKey : undefined;
    if (!key || !this.state.grants.has(key)) throw new OAuthError(400, 'invalid_token', 'Token expired or revoked');
    this.revokeGrant(key);
  }

  revokeGrant(key: string): void {
    this.state.grants.delete(key);
    for (const rt of this.state.refreshTokens.values()) if (rt.grantKey === key) rt.revoked = true;
    for (const [t, at] of this.state.accessTokens) if (at.grantKey === key) this.state.accessTokens.delete(t);
  }

  /** The access token record behind a Bearer header; 401 in Google's API error shape otherwise. */
  authenticate(authorization: string | undefined): AccessTokenRecord {
    const match = /^Bearer\s+(.+)$/i.exec(authorization ?? '');
    if (!match) throw apiErrors.unauthenticated(true);
    const record = this.validAccessToken(match[1].trim());
    if (!record) throw apiErrors.unauthenticated(false);
    return record;
  }

  validAccessToken(token: string): AccessTokenRecord | undefined {
    const record = this.state.accessTokens.get(token);
    return record && record.expiresAt > this.state.now() && this.state.grants.has(record.grantKey) ? record : undefined;
  }
}

export function grantKey(email: string, clientId: string): string {
  return `${email}|${clientId}`;
}
