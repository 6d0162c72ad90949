import { CE_TENANT_AGNOSTIC, ceProbes } from './support/ce-probes';
import { CE_ROUTE_CASES, probeRoutes, registeredRoutes, routeTableOf } from './support/route-isolation';
import { isolationContext, probeRootFields, type IsolationContext } from './support/isolation-suite';
import { startSecurityApp, type SecurityApp } from './support/security-app';
import { buildTenantWorld } from './support/tenant-world';

// Community edition; ee/test/security runs the same probes over the Enterprise schema.
describe('tenant isolation (community): every root field, tenant B admin with tenant A ids', () => {
  let app: SecurityApp;
  let ctx: IsolationContext;

  beforeAll(async () => {
    app = await startSecurityApp('community');
    const a = await buildTenantWorld(app, 'quokka');
    const b = await buildTenantWorld(app, 'wombat');
    ctx = await isolationContext({ app, a, b, probes: ceProbes(a), tenantAgnostic: CE_TENANT_AGNOSTIC });
  });
  afterAll(async () => {
    await ctx?.reader.close();
    await app?.close();
  });

  it('queries answer tenant B without any of tenant A data (tenant A itself sees it)', async () => {
    expect(await probeRootFields(ctx, 'Query')).toEqual([]);
  });

  it('every REST route has an isolation case, and none lets tenant A be read or written', async () => {
    expect(registeredRoutes(app.t.app.printRoutes({ commonPrefix: false }))).toEqual(routeTableOf(CE_ROUTE_CASES));
    expect(await probeRoutes(ctx, CE_ROUTE_CASES)).toEqual([]);
  });

  it('mutations change nothing of tenant A, point nothing at it, and answer without its data', async () => {
    expect(await probeRootFields(ctx, 'Mutation')).toEqual([]);
  });
});
