import { randomUUID } from 'node:crypto';
import { parseKeyRing } from '../../src/crypto/key-ring';
import { SecretBox } from '../../src/crypto/secret-box';
import { BindingMaterializationService } from '../../src/microsoft/binding-materialization.service';
import { LegacySignals } from '../support/legacy-signals';
import { runCli } from '../support/server-boot-contract';
import { TEST_SECRET_KEYS } from '../support/services';
import { startTestApp, type TestApp } from '../support/test-app';
import { queryDatabase } from '../support/test-database';
import { waitFor } from '../support/wait-for';

jest.setTimeout(60_000);

describe('legacy binding materialization (community)', () => {
  let t: TestApp;
  let seed: LegacySignals;
  let service: BindingMaterializationService;
  const run = async (tenantId: string, dryRun = false) => (await service.materialize({ tenantId, dryRun })).tenants[0]!;

  beforeAll(async () => {
    t = await startTestApp();
    const { orm, secretBox, logger, config } = t.runtime.deps;
    seed = new LegacySignals(t.db.url, secretBox);
    service = new BindingMaterializationService({ orm, secretBox, logger, edition: config.edition, sources: t.runtime.registry.bindingEvidence() });
  });
  afterAll(() => t.close());

  it('fails closed with no_active_profile when the tenant has no profile', async () => {
    const tenantId = await seed.tenant();
    await seed.loginDomain(tenantId);
    expect(await run(tenantId)).toEqual({ tenantId, created: [], skipped: [], unresolved: [{ consumer: 'msp_sso', reason: 'no_active_profile' }] });
    expect(await seed.bindings(tenantId)).toEqual([]);
  });

  it('binds msp_sso to the only active profile on an active login domain, and resolver caches drop', async () => {
    const tenantId = await seed.tenant();
    const profileId = await seed.profile(tenantId);
    await seed.profile(tenantId, { archived: true });
    const domain = await seed.loginDomain(tenantId);
    const resolver = t.runtime.deps.microsoftCredentials;
    expect(await resolver.resolveMicrosoftConsumerProfile(tenantId, 'msp_sso')).toMatchObject({ ok: false, reason: 'not_bound' });

    expect(await run(tenantId)).toEqual({
      tenantId,
      created: [{ consumer: 'msp_sso', profileId, evidence: `msp_sso_tenant_login_domains:${domain}` }],
      skipped: [],
      unresolved: [],
    });
    expect(await seed.bindings(tenantId)).toEqual([{ consumer: 'msp_sso', profile_id: profileId, created_by: 'materialization', updated_by: 'materialization' }]);
    // The cached not_bound answer is dropped by the NOTIFY sent in the materialization transaction.
    await waitFor(async () => (await resolver.resolveMicrosoftConsumerProfile(tenantId, 'msp_sso')).ok, 'resolver to see the new binding');
  });

  it('creates nothing without proof: an inactive login domain is not evidence', async () => {
    const tenantId = await seed.tenant();
    await seed.profile(tenantId);
    await seed.loginDomain(tenantId, { active: false });
    expect(await run(tenantId)).toEqual({ tenantId, created: [], skipped: [], unresolved: [] });
    expect((await service.materialize({ dryRun: true })).tenants.map((tenant) => tenant.tenantId)).not.toContain(tenantId);
  });

  it.each([
    ['plaintext', false],
    ['a secret-box envelope', true],
  ])('picks the active profile matching the legacy client id stored as %s', async (_label, encrypted) => {
    const tenantId = await seed.tenant();
    const clientId = randomUUID();
    await seed.profile(tenantId);
    const matching = await seed.profile(tenantId, { clientId: clientId.toUpperCase() });
    await seed.profile(tenantId);
    await seed.tenantSecret(tenantId, 'microsoft_client_id', clientId, { encrypted });
    await seed.tenantSecret(tenantId, 'microsoft_client_secret', 'legacy-secret-value', { encrypted });
    await seed.loginDomain(tenantId);
    const report = await run(tenantId);
    expect(report.created).toEqual([expect.objectContaining({ consumer: 'msp_sso', profileId: matching })]);
    expect(JSON.stringify(report)).not.toContain('legacy-secret-value');
    expect((await seed.bindings(tenantId)).map((row) => row.profile_id)).toEqual([matching]);
  });

  it.each([
    ['no legacy credentials', undefined],
    ['legacy credentials matching no profile', randomUUID()],
  ])('fails closed with several active profiles and %s', async (_label, legacyClientId) => {
    const tenantId = await seed.tenant();
    await seed.profile(tenantId);
    await seed.profile(tenantId);
    if (legacyClientId) await seed.tenantSecret(tenantId, 'microsoft_client_id', legacyClientId);
    await seed.loginDomain(tenantId);
    expect((await run(tenantId)).unresolved).toEqual([{ consumer: 'msp_sso', reason: 'ambiguous: 2 active profiles and no credential match' }]);
    expect(await seed.bindings(tenantId)).toEqual([]);
  });

  it('fails closed when only archived profiles exist, and when the credential match is archived', async () => {
    const archivedOnly = await seed.tenant();
    await seed.profile(archivedOnly, { archived: true });
    await seed.loginDomain(archivedOnly);
    expect((await run(archivedOnly)).unresolved).toEqual([{ consumer: 'msp_sso', reason: 'no_active_profile' }]);

    const archivedMatch = await seed.tenant();
    const clientId = randomUUID();
    await seed.profile(archivedMatch, { clientId, archived: true });
    await seed.profile(archivedMatch);
    await seed.tenantSecret(archivedMatch, 'microsoft_client_id', clientId);
    await seed.loginDomain(archivedMatch);
    expect((await run(archivedMatch)).unresolved).toEqual([{ consumer: 'msp_sso', reason: 'credential_match_archived' }]);
    expect([...(await seed.bindings(archivedOnly)), ...(await seed.bindings(archivedMatch))]).toEqual([]);
  });

  it('fails closed when the legacy client id envelope does not decrypt', async () => {
    const tenantId = await seed.tenant();
    await seed.profile(tenantId);
    const foreignBox = new SecretBox(parseKeyRing(`gone:${Buffer.alloc(32, 9).toString('base64')}`));
    const envelope = foreignBox.encrypt(randomUUID(), `tenant_secrets:${tenantId}:microsoft_client_id`);
    await queryDatabase(t.db.url, "insert into tenant_secrets (tenant_id, name, value) values ($1, 'microsoft_client_id', $2)", [tenantId, envelope]);
    await seed.loginDomain(tenantId);
    expect((await run(tenantId)).unresolved).toEqual([{ consumer: 'msp_sso', reason: 'legacy_client_id_undecryptable' }]);
    expect(await seed.bindings(tenantId)).toEqual([]);
  });

  it('never overwrites an existing binding, and a second run creates nothing', async () => {
    const tenantId = await seed.tenant();
    const chosenByAdmin = await seed.profile(tenantId);
    await seed.bind(tenantId, 'msp_sso', chosenByAdmin);
    await seed.profile(tenantId, { archived: true });
    await seed.loginDomain(tenantId);
    const expected = { tenantId, created: [], skipped: [{ consumer: 'msp_sso', reason: 'already_bound' }], unresolved: [] };
    expect(await run(tenantId)).toEqual(expected);
    expect(await run(tenantId)).toEqual(expected);
    expect(await seed.bindings(tenantId)).toEqual([{ consumer: 'msp_sso', profile_id: chosenByAdmin, created_by: 'admin-user', updated_by: 'admin-user' }]);
  });

  it('is idempotent: the second run reports the binding it created as already bound', async () => {
    const tenantId = await seed.tenant();
    const profileId = await seed.profile(tenantId);
    await seed.loginDomain(tenantId);
    expect((await run(tenantId)).created).toEqual([expect.objectContaining({ consumer: 'msp_sso', profileId })]);
    expect(await run(tenantId)).toEqual({ tenantId, created: [], skipped: [{ consumer: 'msp_sso', reason: 'already_bound' }], unresolved: [] });
    expect(await seed.bindings(tenantId)).toHaveLength(1);
  });

  it('dry run reports what it would create and writes nothing', async () => {
    const tenantId = await seed.tenant();
    const profileId = await seed.profile(tenantId);
    await seed.loginDomain(tenantId);
    const preview = await service.materialize({ tenantId, dryRun: true });
    expect(preview.dryRun).toBe(true);
    expect(preview.tenants[0]!.created).toEqual([expect.objectContaining({ consumer: 'msp_sso', profileId })]);
    expect(await seed.bindings(tenantId)).toEqual([]);
    expect((await run(tenantId)).created).toEqual(preview.tenants[0]!.created);
  });

  it('in community creates nothing for email or calendar and never reads the EE calendar table', async () => {
    const [calendarTable] = await queryDatabase<{ oid: string | null }>(t.db.url, "select to_regclass('calendar_providers')::text as oid");
    expect(calendarTable).toEqual({ oid: null });
    expect(t.runtime.registry.bindingEvidence().map((source) => source.consumer)).toEqual(['msp_sso', 'email']);
    const tenantId = await seed.tenant();
    const profileId = await seed.profile(tenantId);
    await seed.loginDomain(tenantId);
    await seed.emailProvider(tenantId, 'microsoft');
    // A run over all tenants would fail outright if any query touched the missing EE table.
    const report = await service.materialize();
    expect(report.tenants.find((tenant) => tenant.tenantId === tenantId)).toEqual({
      tenantId,
      created: [expect.objectContaining({ consumer: 'msp_sso', profileId })],
      skipped: [],
      unresolved: [],
    });
    expect((await seed.bindings(tenantId)).map((row) => row.consumer)).toEqual(['msp_sso']);
  });

  it('runs as `switchboard microsoft materialize-bindings` with JSON on stdout', async () => {
    const tenantId = await seed.tenant();
    const profileId = await seed.profile(tenantId);
    await seed.loginDomain(tenantId);
    const env = { EDITION: 'community', DATABASE_URL: t.db.url, SECRET_KEYS: TEST_SECRET_KEYS };
    const lastLine = (output: string) => JSON.parse(output.trim().split('\n').pop()!);

    const dry = await runCli(env, 'microsoft', 'materialize-bindings', '--tenant', tenantId, '--dry-run');
    expect(dry.code).toBe(0);
    expect(lastLine(dry.output)).toMatchObject({ dryRun: true, tenants: [{ tenantId, created: [{ consumer: 'msp_sso', profileId }] }] });
    expect(await seed.bindings(tenantId)).toEqual([]);

    const real = await runCli(env, 'microsoft', 'materialize-bindings', '--tenant', tenantId);
    expect(lastLine(real.output)).toMatchObject({ dryRun: false, tenants: [{ tenantId, created: [{ consumer: 'msp_sso', profileId }] }] });
    expect(await seed.bindings(tenantId)).toHaveLength(1);

    const bad = await runCli(env, 'microsoft', 'materialize-bindings', '--tenant', 'not-a-uuid');
    expect(bad.code).toBe(2);
    expect(bad.output).toMatch(/--tenant must be a tenant id/);
  });
});
