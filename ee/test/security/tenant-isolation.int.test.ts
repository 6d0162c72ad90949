import { CE_TENANT_AGNOSTIC } from '../../../test/security/support/ce-probes';
import { isolationContext, probeRootFields, type IsolationContext } from '../../../test/security/support/isolation-suite';
import { probeRoutes, registeredRoutes, routeTableOf } from '../../../test/security/support/route-isolation';
import { EE_ROUTE_CASES, eeProbes } from './support/ee-probes';
import { buildEnterpriseWorld, startEnterpriseSecurityApp, type EnterpriseSecurityApp } from './support/ee-world';

// The Enterprise schema has every field (CE is a subset): the same probes as test/security, plus calendars.
describe('tenant isolation (enterprise): every root field and route, tenant B admin with tenant A ids', () => {
  let app: EnterpriseSecurityApp;
  let ctx: IsolationContext;

  beforeAll(async () => {
    app = await startEnterpriseSecurityApp();
    const a = await buildEnterpriseWorld(app, 'quokka');
    const b = await buildEnterpriseWorld(app, 'wombat');
    ctx = await isolationContext({ app, a, b, probes: eeProbes(a), tenantAgnostic: CE_TENANT_AGNOSTIC });
  });
  afterAll(async () => {
    await ctx?.reader.close();
    await app?.close();
  });

  it('queries answer tenant B without any of tenant A data (tenant A itself sees it)', async () => {
    expect(await probeRootFields(ctx, 'Query')).toEqual([]);
  });

  it('every REST route has an isolation case, and none lets tenant A be read or written', async () => {
    expect(registeredRoutes(app.t.app.printRoutes({ commonPrefix: false }))).toEqual(routeTableOf(EE_ROUTE_CASES));
    expect(await probeRoutes(ctx, EE_ROUTE_CASES)).toEqual([]);
  });

  it('mutations change nothing of tenant A, point nothing at it, and answer without its data', async () => {
    expect(await probeRootFields(ctx, 'Mutation')).toEqual([]);
  });
});
