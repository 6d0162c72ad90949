import type { ProbeTable } from './operation-generator';
import { SnapshotReader } from './db-snapshot';
import { introspectedSchema } from './graphql-probe';
import { isolationContext, probeRootFields, type IsolationContext } from './isolation-suite';
import { declaredAccessRules, probeAdminOnlyFields, undeclaredFields, type RoleMatrixContext } from './role-matrix';
import { probeRoutes, registeredRoutes, routeTableOf, type RouteCase } from './route-isolation';
import type { SecurityApp } from './security-app';
import type { TenantWorld } from './tenant-world';

/** What an edition's suite needs: its app, a way to build a tenant's world there, and the probes aimed at it. */
export interface EditionSecuritySetup<App extends SecurityApp> {
  start(): Promise<App>;
  world(app: App, label: string): Promise<TenantWorld>;
  probes(world: TenantWorld): ProbeTable;
}

/** Tenant B's admin with tenant A's ids, over every root field and REST route of the edition's schema. */
export function describeTenantIsolation<App extends SecurityApp>(
  title: string,
  setup: EditionSecuritySetup<App> & { routeCases: Record<string, RouteCase>; tenantAgnostic: Record<string, string> },
) {
  describe(title, () => {
    let app: App;
    let ctx: IsolationContext;

    beforeAll(async () => {
      app = await setup.start();
      const a = await setup.world(app, 'quokka');
      const b = await setup.world(app, 'wombat');
      ctx = await isolationContext({ app, a, b, probes: setup.probes(a), tenantAgnostic: setup.tenantAgnostic });
    });
    afterAll(async () => {
      await ctx?.reader.close();
      await app?.close();
    });

    it('queries answer tenant B without any of tenant A data (tenant A itself sees it)', async () => {
      expect(await probeRootFields(ctx, 'Query')).toEqual([]);
    });

    it('every REST route has an isolation case, and none lets tenant A be read or written', async () => {
      expect(registeredRoutes(app.t.app.printRoutes({ commonPrefix: false }))).toEqual(routeTableOf(setup.routeCases));
      expect(await probeRoutes(ctx, setup.routeCases)).toEqual([]);
    });

    it('mutations change nothing of tenant A, point nothing at it, and answer without its data', async () => {
      expect(await probeRootFields(ctx, 'Mutation')).toEqual([]);
    });
  });
}

/** One declared rule per root field; admin-only ones refuse user-role keys. `mustProbe`: fields the run must reach. */
export function describeRoleMatrix<App extends SecurityApp>(title: string, setup: EditionSecuritySetup<App> & { mustProbe: string[] }) {
  describe(title, () => {
    let app: App;
    let ctx: RoleMatrixContext;

    beforeAll(async () => {
      app = await setup.start();
      const world = await setup.world(app, 'quokka');
      const reader = await new SnapshotReader(app.t.db.url).open();
      ctx = { t: app.t, reader, world, probes: setup.probes(world), rules: declaredAccessRules(app.t), schema: await introspectedSchema(app.t, world.tenant.apiKey) };
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
      expect(probed).toEqual(expect.arrayContaining(setup.mustProbe));
    });
  });
}
