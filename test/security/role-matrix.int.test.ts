import { SnapshotReader } from './support/db-snapshot';
import { ceProbes } from './support/ce-probes';
import { introspectedSchema } from './support/graphql-probe';
import { declaredAccessRules, probeAdminOnlyFields, undeclaredFields, type RoleMatrixContext } from './support/role-matrix';
import { startSecurityApp, type SecurityApp } from './support/security-app';
import { buildTenantWorld } from './support/tenant-world';

// Community edition; ee/test/security/role-matrix.int.test.ts runs the same over the Enterprise schema.
describe('role matrix (community): one declared rule per root field, admin-only ones refuse user-role keys', () => {
  let app: SecurityApp;
  let ctx: RoleMatrixContext;

  beforeAll(async () => {
    app = await startSecurityApp('community');
    const world = await buildTenantWorld(app, 'quokka');
    const reader = await new SnapshotReader(app.t.db.url).open();
    ctx = { t: app.t, reader, world, probes: ceProbes(world), rules: declaredAccessRules(app.t), schema: await introspectedSchema(app.t, world.tenant.apiKey) };
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
    expect(probed).toEqual(expect.arrayContaining(['Mutation.createApiKey', 'Mutation.upsertUser', 'Query.apiKeys', 'Mutation.redeemMspSsoTicket']));
  });
});
