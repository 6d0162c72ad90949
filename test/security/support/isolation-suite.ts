import type { GraphQLSchema } from 'graphql';
import { diffRows, rowsMentioning, SnapshotReader, uuidsIn, type DatabaseSnapshot } from './db-snapshot';
import { brokenProbe, echoedStrings, errorCodes, identifiersIn, introspectedSchema } from './graphql-probe';
import { generateOperation, rootFields, type GeneratedOperation, type ProbeTable } from './operation-generator';
import type { SecurityApp } from './security-app';
import type { TenantWorld } from './tenant-world';

export interface IsolationWorld {
  app: SecurityApp;
  /** The victim: every kind of row, ids handed to the attacker. */
  a: TenantWorld;
  /** The attacker: an admin of another tenant. */
  b: TenantWorld;
  /** Arguments aimed at tenant A's rows (operation-generator.ts). */
  probes: ProbeTable;
  /** Query fields that carry no tenant data at all, each with its reason (they skip the "A sees A" check). */
  tenantAgnostic: Record<string, string>;
}

export interface IsolationContext extends IsolationWorld {
  reader: SnapshotReader;
  schema: GraphQLSchema;
  /** Tenant A's rows as they are now (tenant A's own calls move it on). */
  baseline: DatabaseSnapshot;
  /** What identifies tenant A: its UUIDs (none shared with another tenant), secrets and marker, lower-case. */
  identifiers: Set<string>;
  /** UUIDs another tenant's rows held before any probe (a simulator directory id), or that the probes made up: not tenant A's. */
  shared: Set<string>;
}

export async function isolationContext(world: IsolationWorld): Promise<IsolationContext> {
  const reader = await new SnapshotReader(world.app.t.db.url).open();
  const schema = await introspectedSchema(world.app.t, world.b.tenant.apiKey);
  const start = await reader.snapshot(world.a.tenant.tenantId);
  const shared = uuidsIn(start.others);
  // Values the probes make up (a client id, a directory id) end up in both tenants' rows once each has run them.
  const owned = uuidsIn(start.owned);
  for (const id of uuidsIn(world.probes)) if (!owned.has(id)) shared.add(id);
  const ctx: IsolationContext = { ...world, reader, schema, baseline: undefined as never, identifiers: new Set(), shared };
  await rebaseline(ctx);
  return ctx;
}

async function rebaseline(ctx: IsolationContext): Promise<void> {
  ctx.baseline = await ctx.reader.snapshot(ctx.a.tenant.tenantId);
  // Fixed before the probes: a reference planted by one probe must not turn A's id into a "shared" one.
  ctx.identifiers = new Set([...uuidsIn(ctx.baseline.owned)].filter((id) => !ctx.shared.has(id)));
  for (const secret of ctx.a.secrets) ctx.identifiers.add(secret.toLowerCase());
  ctx.identifiers.add(ctx.a.label.toLowerCase());
}

/**
 * Runs every root field of `root` as tenant B's admin with tenant A's ids. Returns one line per problem: a field
 * the generator cannot build, a broken probe, tenant-A data in the answer, a change to tenant A's rows, or another
 * tenant's row now pointing at tenant A. Then the same operation runs as tenant A's admin, proving the probe aims at
 * real rows: a query must see A's data (unless tenant-agnostic), a mutation must not be NOT_FOUND.
 */
export async function probeRootFields(ctx: IsolationContext, root: 'Query' | 'Mutation'): Promise<string[]> {
  const problems: string[] = [];
  for (const field of rootFields(ctx.schema, root)) {
    const name = `${root}.${field.name}`;
    let operation: GeneratedOperation;
    try {
      operation = generateOperation(root, field, ctx.probes);
    } catch (error) {
      problems.push(`${name}: cannot generate a probe: ${(error as Error).message}`);
      continue;
    }
    problems.push(...(await probeAsTenantB(ctx, operation)));
    problems.push(...(await controlAsTenantA(ctx, operation)));
  }
  return problems;
}

async function probeAsTenantB(ctx: IsolationContext, operation: GeneratedOperation): Promise<string[]> {
  const problems: string[] = [];
  const name = operation.field;
  const result = await ctx.app.t.gql(operation.document, operation.variables, ctx.b.tenant.apiKey);
  const broken = brokenProbe(result);
  if (broken) problems.push(`${name}: broken probe ${broken}`);
  const leaked = identifiersIn({ data: result.data, errors: result.errors }, ctx.identifiers, echoedStrings(operation));
  if (leaked.length) problems.push(`${name}: tenant B saw tenant A's ${leaked.join(', ')} in ${JSON.stringify(result)}`);
  const after = await ctx.reader.snapshot(ctx.a.tenant.tenantId);
  problems.push(...diffRows(ctx.baseline.owned, after.owned).map((line) => `${name}: changed tenant A's rows: ${line}`));
  const uuids = new Set([...ctx.identifiers].filter((value) => /^[0-9a-f-]{36}$/.test(value)));
  problems.push(...rowsMentioning(after.others, uuids).map((line) => `${name}: ${line}`));
  return problems;
}

async function controlAsTenantA(ctx: IsolationContext, operation: GeneratedOperation): Promise<string[]> {
  const name = operation.field;
  const own = await ctx.app.t.gql(operation.document, operation.variables, ctx.a.tenant.apiKey);
  if (name.startsWith('Mutation.')) {
    await rebaseline(ctx);
    return errorCodes(own).includes('NOT_FOUND') ? [`${name}: even tenant A gets NOT_FOUND (${JSON.stringify(own.errors)}): aim the probe at A's rows`] : [];
  }
  if (name in ctx.tenantAgnostic || identifiersIn(own.data, ctx.identifiers, echoedStrings(operation)).length > 0) return [];
  return [`${name}: the probe sees no tenant-A data even as tenant A (${JSON.stringify(own)}): aim it at A's rows or declare the field tenant-agnostic`];
}
