import type { GraphQLSchema } from 'graphql';
import { mergeAccessRules } from '../../../src/graphql/access-enforcement';
import { CE_ACCESS_RULES, ROOT_TYPES, type AccessRuleTable } from '../../../src/graphql/access-rules';
import type { TestApp } from '../../support/test-app';
import { diffRows, type SnapshotReader } from './db-snapshot';
import { brokenProbe, errorCodes } from './graphql-probe';
import { generateOperation, rootFields, type ProbeTable } from './operation-generator';
import type { TenantWorld } from './tenant-world';

/** The rules the running app enforces: the CE table plus what its edition's modules declared. */
export function declaredAccessRules(t: TestApp): AccessRuleTable {
  return mergeAccessRules([{ source: 'src/graphql/access-rules.ts', rules: CE_ACCESS_RULES }, ...t.runtime.registry.accessRules()]);
}

/** Root fields of the introspected schema without a declared rule. */
export function undeclaredFields(schema: GraphQLSchema, rules: AccessRuleTable): string[] {
  return ROOT_TYPES.flatMap((root) => rootFields(schema, root).filter((field) => !rules[root]?.[field.name]).map((field) => `${root}.${field.name}`));
}

export interface RoleMatrixContext {
  t: TestApp;
  reader: SnapshotReader;
  schema: GraphQLSchema;
  rules: AccessRuleTable;
  world: TenantWorld;
  /** Arguments aimed at the world's own rows, so a missing check would really read or write. */
  probes: ProbeTable;
}

/**
 * Every admin-only root field, called by a user-role key of the same tenant with that tenant's own ids: FORBIDDEN and
 * no row changes anywhere. The same call by the tenant's admin (one thing differs: the role) is not refused.
 */
export async function probeAdminOnlyFields(ctx: RoleMatrixContext): Promise<{ probed: string[]; problems: string[] }> {
  const probed: string[] = [];
  const problems: string[] = [];
  for (const root of ROOT_TYPES) {
    for (const field of rootFields(ctx.schema, root)) {
      if (ctx.rules[root]?.[field.name] !== 'admin') continue;
      const operation = generateOperation(root, field, ctx.probes);
      probed.push(operation.field);
      const before = await ctx.reader.snapshot(ctx.world.tenant.tenantId);
      const refused = await ctx.t.gql(operation.document, operation.variables, ctx.world.member.apiKey);
      if (!errorCodes(refused).includes('FORBIDDEN') || refused.data?.[field.name] != null) {
        problems.push(`${operation.field}: a user-role key was not refused: ${JSON.stringify(refused)}`);
      }
      const after = await ctx.reader.snapshot(ctx.world.tenant.tenantId);
      problems.push(...[...diffRows(before.owned, after.owned), ...diffRows(before.others, after.others)].map((line) => `${operation.field}: as user-role: ${line}`));
      const allowed = await ctx.t.gql(operation.document, operation.variables, ctx.world.tenant.apiKey);
      const broken = brokenProbe(allowed);
      if (broken || errorCodes(allowed).includes('FORBIDDEN')) problems.push(`${operation.field}: the admin's same call failed: ${broken ?? JSON.stringify(allowed.errors)}`);
    }
  }
  return { probed, problems };
}
