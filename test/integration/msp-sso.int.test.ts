import { createHash } from 'node:crypto';
import { parseKeyRing } from '../../src/crypto/key-ring';
import { SecretBox } from '../../src/crypto/secret-box';
import { StateSigner } from '../../src/crypto/signed-state';
import { MSP_SSO_STATE_PURPOSE, createMspSsoService } from '../../src/msp-sso/msp-sso.module';
import { INVALID_NONCE_BODY, RATE_LIMITED_BODY, SSO_UNAVAILABLE_BODY } from '../../src/msp-sso/msp-sso.routes';
import type { MspSsoService } from '../../src/msp-sso/msp-sso.service';
import type { CreatedTenant } from '../../src/tenants/tenant.service';
import { startMicrosoftSimulator, type MicrosoftSimulator } from '../fakes/microsoft/microsoft-simulator';
import {
  SSO_REDIRECT_URI, addLoginDomain, addVerifiedLoginDomain, bindMspSso, createSsoTenant, insertProfile, newBrowserNonce, simulatorEnv,
} from '../support/msp-sso-fixtures';
import { TEST_SECRET_KEYS } from '../support/services';
import { startTestApp, type TestApp } from '../support/test-app';
import { queryDatabase } from '../support/test-database';

const SSO_ON = JSON.stringify({ sso: true, providers: ['microsoft'] });
const SSO_OFF = JSON.stringify({ sso: false, providers: [] });
const UNAVAILABLE = JSON.stringify(SSO_UNAVAILABLE_BODY);
const JSON_TYPE = 'application/json';
const NONCE = newBrowserNonce();

let ipCounter = 0;
/** Every test speaks from its own client IP, so rate limits never leak between tests. */
const nextIp = () => `198.51.100.${++ipCounter}`;

let sim: MicrosoftSimulator;
let t: TestApp;
let service: MspSsoService;
let owner: CreatedTenant;
let boundProfile: { id: string; clientId: string; secret: string | null };

const discover = (email: string | undefined, ip = nextIp()) =>
  t.app.inject({ method: 'GET', url: '/api/auth/msp/sso/discover', query: email === undefined ? {} : { email }, headers: { 'x-forwarded-for': ip } });
const resolve = (payload: unknown, ip = nextIp(), contentType = 'application/json') =>
  t.app.inject({
    method: 'POST', url: '/api/auth/msp/sso/resolve', headers: { 'content-type': contentType, 'x-forwarded-for': ip },
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });

beforeAll(async () => {
  sim = await startMicrosoftSimulator();
  // Behind one trusted proxy, as deployed behind a load balancer: each test request can act as its own client IP.
  t = await startTestApp({ redis: true, env: { ...simulatorEnv(sim), TRUST_PROXY: '1' } });
  service = createMspSsoService(t.runtime.deps);
  sim.control.createUser({ email: 'alice@contoso.test' });

  // Owner tenant: the bound profile is NOT the default one; the default must never be used.
  owner = await t.createTenant('Contoso Owner');
  boundProfile = await insertProfile(t.db.url, owner.tenantId);
  const defaultProfile = await insertProfile(t.db.url, owner.tenantId, { isDefault: true });
  for (const p of [boundProfile, defaultProfile]) sim.control.registerApp({ clientId: p.clientId, clientSecret: p.secret!, redirectUris: [SSO_REDIRECT_URI] });
  await bindMspSso(t.db.url, owner.tenantId, boundProfile.id);
  await addVerifiedLoginDomain(t, owner.apiKey, 'contoso.test');
  await addVerifiedLoginDomain(t, owner.apiKey, 'bücher.test');
  // Claimed but never proven over DNS: must not route, although everything else is in place.
  await addLoginDomain(t, owner.apiKey, 'pending.test');

  const unbound = await t.createTenant('Unbound');
  await insertProfile(t.db.url, unbound.tenantId, { isDefault: true });
  await addVerifiedLoginDomain(t, unbound.apiKey, 'unbound.test');
  await brokenTenant('archived.test', { isArchived: true });
  await brokenTenant('nosecret.test', { secret: null });
  await brokenTenant('badauthority.test', { tenantAuthority: 'bad/authority' });
  await createSsoTenant(t, sim, 'inactive.test');
  await queryDatabase(t.db.url, "update msp_sso_tenant_login_domains set is_active = false where domain = 'inactive.test'");
}, 30_000);
afterAll(async () => {
  await t?.close();
  await sim?.close();
});

async function brokenTenant(domain: string, profile: Parameters<typeof insertProfile>[2]) {
  const tenant = await t.createTenant(domain);
  const { id } = await insertProfile(t.db.url, tenant.tenantId, profile);
  await bindMspSso(t.db.url, tenant.tenantId, id);
  await addVerifiedLoginDomain(t, tenant.apiKey, domain);
}

async function resolvedUrl(email = 'alice@contoso.test', nonce = NONCE): Promise<URL> {
  const response = await resolve({ email, nonce });
  expect(response.statusCode).toBe(200);
  return new URL(response.json().authorizationUrl);
}

describe('GET /api/auth/msp/sso/discover', () => {
  it.each(['alice@contoso.test', 'Alice@CONTOSO.Test', '  alice@contoso.test.  ', 'bob@BÜCHER.test', 'bob@xn--bcher-kva.test'])(
    'offers Microsoft for %j (active domain, bound profile)',
    async (email) => {
      const response = await discover(email);
      expect(response.statusCode).toBe(200);
      expect(response.body).toBe(SSO_ON);
    },
  );

  it.each([
    ['unknown domain', 'alice@nowhere.test'],
    ['pending (unverified) domain', 'alice@pending.test'],
    ['unbound tenant (default profile ignored)', 'alice@unbound.test'],
    ['archived bound profile', 'alice@archived.test'],
    ['bound profile without secret', 'alice@nosecret.test'],
    ['inactive domain', 'alice@inactive.test'],
    ['malformed email', 'not-an-email'],
    ['a domain only', 'contoso.test'],
    ['missing email', undefined],
  ])('answers the identical "no" for %s', async (_label, email) => {
    const response = await discover(email);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.body).toBe(SSO_OFF);
  });

  it('answers "no" for a repeated email parameter', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/auth/msp/sso/discover?email=a@contoso.test&email=b@contoso.test', headers: { 'x-forwarded-for': nextIp() } });
    expect(response.body).toBe(SSO_OFF);
  });
});

describe('POST /api/auth/msp/sso/resolve', () => {
  it("builds the simulator's authorize URL from the BOUND profile, with a stored single-use state", async () => {
    const browserNonce = newBrowserNonce();
    const url = await resolvedUrl('alice@Contoso.TEST', browserNonce);
    expect(`${url.origin}${url.pathname}`).toBe(`${sim.loginUrl}/organizations/oauth2/v2.0/authorize`);
    expect(url.searchParams.get('client_id')).toBe(boundProfile.clientId);
    expect(url.searchParams.get('redirect_uri')).toBe(SSO_REDIRECT_URI);
    expect(url.searchParams.get('scope')!.split(' ')).toEqual(expect.arrayContaining(['openid', 'profile', 'email', 'User.Read']));
    expect(url.searchParams.get('login_hint')).toBe('alice@contoso.test');
    // MSAL drops login_hint when prompt=select_account (Entra refuses the pair): the hint wins.
    expect(url.searchParams.get('prompt')).toBeNull();
    const state = url.searchParams.get('state')!;
    expect(state).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    const nonce = JSON.parse(Buffer.from(state.split('.')[0]!, 'base64url').toString()).data.n;
    const [row] = await queryDatabase<Record<string, unknown> & { code_verifier: string }>(
      t.db.url,
      'select tenant_id, profile_id, login_hint, browser_nonce_hash, code_verifier, expires_at - created_at as ttl from msp_sso_login_states where nonce = $1',
      [nonce],
    );
    expect(row).toMatchObject({ tenant_id: owner.tenantId, profile_id: boundProfile.id, login_hint: 'alice@contoso.test', ttl: { minutes: 10 } });
    // The browser nonce is stored only as a hash; the PKCE verifier stays server-side, encrypted, and matches the challenge.
    expect(row!.browser_nonce_hash).toBe(createHash('sha256').update(browserNonce).digest('hex'));
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    const verifier = new SecretBox(parseKeyRing(TEST_SECRET_KEYS)).decrypt(row!.code_verifier, `msp_sso_login_states.code_verifier:${nonce}`);
    expect(url.searchParams.get('code_challenge')).toBe(createHash('sha256').update(verifier).digest('base64url'));
    expect(url.toString()).not.toContain(verifier);
    expect(url.toString()).not.toContain(browserNonce);
  });

  it('round-trips at the simulator: code + same state; the state is consumed once, then replayed', async () => {
    const url = await resolvedUrl();
    const redirect = await fetch(url, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    const location = new URL(redirect.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(SSO_REDIRECT_URI);
    expect(location.searchParams.get('code')).toBeTruthy();
    const state = location.searchParams.get('state')!;
    expect(state).toBe(url.searchParams.get('state'));

    const [first, second] = [await service.consumeLoginState(state), await service.consumeLoginState(state)];
    expect(first).toEqual({
      ok: true,
      tenantId: owner.tenantId,
      profileId: boundProfile.id,
      loginHint: 'alice@contoso.test',
      browserNonceHash: createHash('sha256').update(NONCE).digest('hex'),
      codeVerifier: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    expect(second).toEqual({ ok: false, reason: 'replayed' });
  });

  it('lets exactly one of several concurrent consumers win', async () => {
    const state = (await resolvedUrl()).searchParams.get('state')!;
    const results = await Promise.all(Array.from({ length: 5 }, () => service.consumeLoginState(state)));
    expect(results.filter((result) => result.ok)).toHaveLength(1);
  });

  it('refuses tampered, forged, unknown and expired states', async () => {
    const state = (await resolvedUrl()).searchParams.get('state')!;
    const [body, sig] = state.split('.') as [string, string];
    const tampered = `${body}.${sig.startsWith('A') ? 'B' : 'A'}${sig.slice(1)}`;
    expect(await service.consumeLoginState(tampered)).toEqual({ ok: false, reason: 'invalid' });
    expect(await service.consumeLoginState('garbage')).toEqual({ ok: false, reason: 'invalid' });
    expect(await service.consumeLoginState(undefined)).toEqual({ ok: false, reason: 'invalid' });

    const { n: nonce, t: tenantId } = JSON.parse(Buffer.from(body, 'base64url').toString()).data;
    const signer = (now = Date.now) => new StateSigner(parseKeyRing(TEST_SECRET_KEYS), { purpose: MSP_SSO_STATE_PURPOSE, now });
    expect(await service.consumeLoginState(signer().signState({ n: 'never-issued', t: tenantId }, 600))).toEqual({ ok: false, reason: 'invalid' });
    expect(await service.consumeLoginState(signer().signState({ n: nonce, t: '00000000-0000-4000-8000-000000000000' }, 600))).toEqual({ ok: false, reason: 'invalid' });
    const signedLongAgo = signer(() => Date.now() - 11 * 60_000).signState({ n: nonce, t: tenantId }, 600);
    expect(await service.consumeLoginState(signedLongAgo)).toEqual({ ok: false, reason: 'expired' });

    await queryDatabase(t.db.url, "update msp_sso_login_states set expires_at = now() - interval '1 second' where nonce = $1", [nonce]);
    expect(await service.consumeLoginState(state)).toEqual({ ok: false, reason: 'expired' });
  });

  it.each([
    ['unknown domain', { email: 'alice@nowhere.test', nonce: NONCE }, JSON_TYPE],
    ['pending (unverified) domain', { email: 'alice@pending.test', nonce: NONCE }, JSON_TYPE],
    ['inactive domain', { email: 'alice@inactive.test', nonce: NONCE }, JSON_TYPE],
    ['unbound tenant', { email: 'alice@unbound.test', nonce: NONCE }, JSON_TYPE],
    ['archived profile', { email: 'alice@archived.test', nonce: NONCE }, JSON_TYPE],
    ['missing credentials', { email: 'alice@nosecret.test', nonce: NONCE }, JSON_TYPE],
    ['internal error (unusable tenant authority)', { email: 'alice@badauthority.test', nonce: NONCE }, JSON_TYPE],
    ['bad email', { email: 'alice', nonce: NONCE }, JSON_TYPE],
    ['email of the wrong type', { email: ['alice@contoso.test'], nonce: NONCE }, JSON_TYPE],
    ['no email', { nonce: NONCE }, JSON_TYPE],
    ['malformed JSON', '{"email":', JSON_TYPE],
    ['a non-JSON content type', 'email=alice@contoso.test', 'application/x-www-form-urlencoded'],
    ['no body', '', JSON_TYPE],
  ])('answers the one identical 409 for %s', async (_label, payload, contentType) => {
    const response = await resolve(payload, nextIp(), contentType);
    expect(response.statusCode).toBe(409);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.body).toBe(UNAVAILABLE);
  });

  it.each([
    ['no nonce', { email: 'alice@contoso.test' }],
    ['a short nonce', { email: 'alice@contoso.test', nonce: 'a'.repeat(15) }],
    ['a long nonce', { email: 'alice@contoso.test', nonce: 'a'.repeat(129) }],
    ['a nonce with other characters', { email: 'alice@contoso.test', nonce: `${'a'.repeat(20)}/+=` }],
    ['a nonce of the wrong type', { email: 'alice@contoso.test', nonce: 12345678901234567890 }],
    ['a JSON array', [1]],
    ['JSON null', 'null'],
  ])('answers 400 INVALID_NONCE, storing nothing, for %s', async (_label, payload) => {
    const before = (await queryDatabase(t.db.url, 'select 1 from msp_sso_login_states')).length;
    const response = await resolve(payload);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual(INVALID_NONCE_BODY);
    expect((await queryDatabase(t.db.url, 'select 1 from msp_sso_login_states')).length).toBe(before);
  });

  it('refuses an oversized body with a JSON 413', async () => {
    const response = await resolve({ email: `${'a'.repeat(5000)}@contoso.test`, nonce: NONCE });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toEqual({ error: expect.any(String), code: 'PAYLOAD_TOO_LARGE' });
  });
});

describe('rate limits (per client IP, shared through Redis)', () => {
  it('answers the 13th discover within a minute with 429 + Retry-After, and only for that IP', async () => {
    const ip = nextIp();
    for (let i = 0; i < 12; i += 1) expect((await discover('alice@contoso.test', ip)).statusCode).toBe(200);
    const limited = await discover('alice@contoso.test', ip);
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body).toBe(JSON.stringify(RATE_LIMITED_BODY));
    expect((await discover('alice@contoso.test', nextIp())).body).toBe(SSO_ON);
    const keys = await t.runtime.deps.redis!.keys(`${t.config.redis!.prefix}:msp-sso:rate-limit:*`);
    expect(keys.length).toBeGreaterThan(0);
  });

  it('answers the 9th resolve with 429, counted apart from discover', async () => {
    const ip = nextIp();
    expect((await discover('alice@contoso.test', ip)).statusCode).toBe(200);
    for (let i = 0; i < 8; i += 1) expect((await resolve({ email: 'alice@nowhere.test', nonce: NONCE }, ip)).statusCode).toBe(409);
    const limited = await resolve({ email: 'alice@contoso.test', nonce: NONCE }, ip);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
    expect(limited.json()).toEqual(RATE_LIMITED_BODY);
  });
});
