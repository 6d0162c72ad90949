import { SnapshotReader } from '../../../test/security/support/db-snapshot';
import { introspectedSchema } from '../../../test/security/support/graphql-probe';
import { declaredAccessRules, probeAdminOnlyFields, undeclaredFields, type RoleMatrixContext } from '../../../test/security/support/role-matrix';
import { eeProbes } from './support/ee-probes';
import { buildEnterpriseWorld, startEnterpriseSecurityApp, type EnterpriseSecurityApp } from './support/ee-world';

describe('role matrix (enterprise): one declared rule per root field, admin-only ones refuse user-role keys', () => {
  let app: EnterpriseSecurityApp;
  let ctx: RoleMatrixContext;

  beforeAll(async () => {
    app = await startEnterpriseSecurityApp();
    const world = await buildEnterpriseWorld(app, 'quokka');
    const reader = await new SnapshotReader(app.t.db.url).open();
    ctx = { t: app.t, reader, world, probes: eeProbes(world), rules: declaredAccessRules(app.t), schema: await introspectedSchema(app.t, world.tenant.apiKey) };
  });
  afterAll(async () => {
    await ctx?.reader.close();
    await app?.close();
  });

  it('every Query and Mutation field of the served schema declares its access rule', () => {
    expect(undeclaredFields(ctx.schema, ctx.rules)).toEqual([]);
  });

  it('a user-role key gets FORBIDDEN from every admin-only field and changes nothing; the admin is let through', async () => {
    const { probed, problems } = await probeAdminOnlyFields(ctx);
    expect(problems).toEqual([]);
    expect(probed).toEqual(expect.arrayContaining(['Mutation.configureGoogleCalendarApp', 'Query.googleCalendarApp', 'Query.teamsIntegration', 'Query.emailProviders']));
  });
});
