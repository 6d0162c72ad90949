import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, UnsecuredJWT, type JWTPayload, type KeyLike } from 'jose';
import type { CreatedTenant } from '../../src/tenants/tenant.service';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Every refused token below is the accepted one of its suite with exactly one thing changed: same existing
 * tenant, same existing user, same role. A verifier that skipped the signature, the algorithm or a claim check
 * would accept it, so each case fails when its check is gone.
 */
const JWT_SECRET = 'jwt-verification-test-secret-0123456789';
const ISSUER = 'https://psa.example';
const AUDIENCE = 'switchboard';
const VIEWER = '{ viewer { tenantId userId role } }';

type Claims = JWTPayload & Record<string, unknown>;

const now = () => Math.floor(Date.now() / 1000);
const bytes = (text: string) => new TextEncoder().encode(text);
const without = (claims: Claims, name: string): Claims => Object.fromEntries(Object.entries(claims).filter(([key]) => key !== name));
const hs = (claims: Claims, secret = JWT_SECRET, alg = 'HS256') => new SignJWT(claims).setProtectedHeader({ alg }).sign(bytes(secret));
/** Same header and payload as `token`, signature taken from another token: only the signature is wrong. */
const withSignatureOf = (token: string, other: string) => `${token.split('.').slice(0, 2).join('.')}.${other.split('.')[2]}`;

async function expectAccepted(t: TestApp, tenant: CreatedTenant, token: string) {
  const result = await t.gql(VIEWER, {}, token);
  expect(result.status).toBe(200);
  expect(result.data.viewer).toEqual({ tenantId: tenant.tenantId, userId: tenant.userId, role: 'ADMIN' });
}

async function expectRefused(t: TestApp, token: string) {
  const result = await t.gql(VIEWER, {}, token);
  expect(result.status).toBe(401);
  expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  expect(result.data).toBeUndefined();
}

describe('host-PSA JWTs with a shared secret, issuer and audience configured', () => {
  let t: TestApp;
  let tenant: CreatedTenant;
  const valid = (at = now()): Claims => ({ tid: tenant.tenantId, sub: tenant.userId, role: 'admin', iss: ISSUER, aud: AUDIENCE, iat: at, exp: at + 300 });

  beforeAll(async () => {
    t = await startTestApp({ env: { JWT_SECRET, JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE } });
    tenant = await t.createTenant('JWT tenant');
  });
  afterAll(() => t.close());

  it('accepts the valid token every refusal below is derived from', async () => {
    await expectAccepted(t, tenant, await hs(valid()));
  });

  it('accepts a lifetime of exactly the 24 h default cap, and a token without iat expiring within it', async () => {
    const at = now();
    await expectAccepted(t, tenant, await hs({ ...valid(at), exp: at + 86_400 }));
    await expectAccepted(t, tenant, await hs(without(valid(), 'iat')));
  });

  it.each<[string, () => Promise<string>]>([
    ['signed with another secret', async () => withSignatureOf(await hs(valid()), await hs(valid(), 'another-secret-that-is-long-enough-0123'))],
    ['whose payload was changed after signing', async () => withSignatureOf(await hs(valid()), await hs({ ...valid(), role: 'user' }))],
    ['with alg none', async () => new UnsecuredJWT(valid()).encode()],
    ['signed with HS512 and the right secret', async () => hs(valid(), JWT_SECRET, 'HS512')],
    ['signed with RS256 (asymmetric algorithm where a secret is configured)', async () => {
      const { privateKey } = await generateKeyPair('RS256');
      return new SignJWT(valid()).setProtectedHeader({ alg: 'RS256' }).sign(privateKey);
    }],
    ['that has expired', async () => hs({ ...valid(), iat: now() - 600, exp: now() - 60 })],
    ['without exp', async () => hs(without(valid(), 'exp'))],
    ['living longer than the 24 h cap', async () => hs({ ...valid(), exp: now() + 86_400 + 60 })],
    ['without iat expiring beyond the cap', async () => hs({ ...without(valid(), 'iat'), exp: now() + 86_400 + 60 })],
    ['whose future iat would stretch the cap', async () => hs({ ...valid(), iat: now() + 86_400, exp: now() + 86_400 + 300 })],
    ['not valid before a future nbf', async () => hs({ ...valid(), nbf: now() + 3600 })],
    ['from another issuer', async () => hs({ ...valid(), iss: `${ISSUER}/` })],
    ['without iss', async () => hs(without(valid(), 'iss'))],
    ['for another audience', async () => hs({ ...valid(), aud: `${AUDIENCE}-staging` })],
    ['without aud', async () => hs(without(valid(), 'aud'))],
    ['for a tenant that does not exist', async () => hs({ ...valid(), tid: '00000000-0000-4000-8000-000000000000' })],
    ['with a role claim outside admin|user', async () => hs({ ...valid(), role: 'root' })],
  ])('refuses a token %s', async (_label, makeToken) => {
    await expectRefused(t, await makeToken());
  });
});

describe('host-PSA JWTs verified against a JWKS, lifetime cap configured', () => {
  let t: TestApp;
  let tenant: CreatedTenant;
  let jwks: Server;
  let privateKey: KeyLike;
  let publicPem: string;
  const KID = 'psa-key-1';
  const valid = (): Claims => ({ tid: tenant.tenantId, sub: tenant.userId, role: 'admin', iat: now(), exp: now() + 300 });
  const rs = (claims: Claims, key: KeyLike = privateKey) => new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: KID }).sign(key);

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    publicPem = await exportSPKI(pair.publicKey);
    const body = JSON.stringify({ keys: [{ ...(await exportJWK(pair.publicKey)), kid: KID, alg: 'RS256', use: 'sig' }] });
    jwks = createServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(body));
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`;
    t = await startTestApp({ env: { JWT_JWKS_URL: jwksUrl, JWT_MAX_LIFETIME_SECONDS: '3600' } });
    tenant = await t.createTenant('JWKS tenant');
  });
  afterAll(async () => {
    await t.close();
    await new Promise((resolve) => jwks.close(resolve));
  });

  it('accepts the valid RS256 token every refusal below is derived from', async () => {
    await expectAccepted(t, tenant, await rs(valid()));
  });

  it.each<[string, () => Promise<string>]>([
    ['signed as HS256 with the public key bytes as the secret', async () =>
      new SignJWT(valid()).setProtectedHeader({ alg: 'HS256', kid: KID }).sign(bytes(publicPem))],
    ['signed by another private key under the same kid', async () => rs(valid(), (await generateKeyPair('RS256')).privateKey)],
    ['with alg none', async () => new UnsecuredJWT(valid()).encode()],
    ['without exp', async () => rs(without(valid(), 'exp'))],
    ['living longer than the configured 1 h cap', async () => rs({ ...valid(), exp: now() + 7200 })],
  ])('refuses a token %s', async (_label, makeToken) => {
    await expectRefused(t, await makeToken());
  });
});
