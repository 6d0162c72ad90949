import { BindingMaterializationService } from '../../../src/microsoft/binding-materialization.service';
import { LegacySignals } from '../../../test/support/legacy-signals';
import { startTestApp, type TestApp } from '../../../test/support/test-app';

describe('legacy binding materialization (enterprise)', () => {
  let t: TestApp;
  let seed: LegacySignals;
  let service: BindingMaterializationService;
  const run = async (tenantId: string) => (await service.materialize({ tenantId })).tenants[0]!;

  beforeAll(async () => {
    t = await startTestApp({ edition: 'enterprise' });
    const { orm, secretBox, logger, config } = t.runtime.deps;
    seed = new LegacySignals(t.db.url, secretBox);
    service = new BindingMaterializationService({ orm, secretBox, logger, edition: config.edition, sources: t.runtime.registry.bindingEvidence() });
  });
  afterAll(() => t.close());

  it('registers the calendar source from ee/ next to the CE sources; nothing proves teams', () => {
    expect(t.runtime.registry.bindingEvidence().map((source) => source.consumer).sort()).toEqual(['calendar', 'email', 'msp_sso']);
  });

  it('creates email and calendar bindings from Microsoft email and calendar providers', async () => {
    const tenantId = await seed.tenant();
    const profileId = await seed.profile(tenantId);
    const domain = await seed.loginDomain(tenantId);
    const mailbox = await seed.emailProvider(tenantId, 'microsoft');
    const calendar = await seed.calendarProvider(tenantId, 'microsoft');
    const report = await run(tenantId);
    expect(report.created).toEqual(
      expect.arrayContaining([
        { consumer: 'msp_sso', profileId, evidence: `msp_sso_tenant_login_domains:${domain}` },
        { consumer: 'email', profileId, evidence: `email_providers:${mailbox}` },
        { consumer: 'calendar', profileId, evidence: `calendar_providers:${calendar}` },
      ]),
    );
    expect(report.created).toHaveLength(3);
    expect((await seed.bindings(tenantId)).map((row) => [row.consumer, row.created_by])).toEqual([
      ['calendar', 'materialization'],
      ['email', 'materialization'],
      ['msp_sso', 'materialization'],
    ]);
  });

  it('treats Google (or SMTP) providers as no proof', async () => {
    const tenantId = await seed.tenant();
    await seed.profile(tenantId);
    await seed.emailProvider(tenantId, 'google');
    await seed.emailProvider(tenantId, 'smtp');
    await seed.calendarProvider(tenantId, 'google');
    expect(await run(tenantId)).toEqual({ tenantId, created: [], skipped: [], unresolved: [] });
    expect(await seed.bindings(tenantId)).toEqual([]);
  });

  it('skips a bound consumer, binds the others, and fails all of them closed together when ambiguous', async () => {
    const tenantId = await seed.tenant();
    const admins = await seed.profile(tenantId);
    await seed.bind(tenantId, 'calendar', admins);
    await seed.calendarProvider(tenantId, 'microsoft');
    await seed.emailProvider(tenantId, 'microsoft');
    const report = await run(tenantId);
    expect(report.skipped).toEqual([{ consumer: 'calendar', reason: 'already_bound' }]);
    expect(report.created).toEqual([expect.objectContaining({ consumer: 'email', profileId: admins })]);

    const ambiguous = await seed.tenant();
    await seed.profile(ambiguous);
    await seed.profile(ambiguous);
    await seed.calendarProvider(ambiguous, 'microsoft');
    await seed.emailProvider(ambiguous, 'microsoft');
    const reason = 'ambiguous: 2 active profiles and no credential match';
    expect((await run(ambiguous)).unresolved).toEqual(expect.arrayContaining([{ consumer: 'email', reason }, { consumer: 'calendar', reason }]));
    expect(await seed.bindings(ambiguous)).toEqual([]);
  });
});
