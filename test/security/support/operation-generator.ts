import {
  getNamedType, getNullableType, isEnumType, isInputObjectType, isLeafType, isListType, isNonNullType, isObjectType, isScalarType,
  type GraphQLArgument, type GraphQLField, type GraphQLInputField, type GraphQLInputType, type GraphQLOutputType, type GraphQLSchema,
} from 'graphql';

/**
 * Builds one operation per root field from the introspected schema, so a new field is probed the day it appears.
 * Arguments come from a probe table keyed by where they sit:
 *   `Mutation.revokeApiKey.id`   one root field's argument
 *   `UpsertUserInput.email`      a field of an input object
 *   `*.assigneeIds`              any argument or input field of that name
 * An ID anywhere (required or not) with no entry fails loudly: which tenant's id belongs there is a decision.
 * Required scalars without an entry get a plausible value; other optional values are left out.
 */
export type ProbeTable = Record<string, unknown>;

export interface GeneratedOperation {
  field: string;
  document: string;
  variables: Record<string, unknown>;
}

const SCALAR_DEFAULTS: Record<string, unknown> = {
  String: 'security probe',
  Int: 1,
  Float: 1,
  Boolean: true,
  DateTime: '2026-03-02T09:00:00.000Z',
  Date: '2026-03-02',
};
/** How deep below the root field the selection goes: connections need edges → node → leaves. */
const SELECTION_DEPTH = 3;

export function rootFields(schema: GraphQLSchema, root: 'Query' | 'Mutation'): Array<GraphQLField<unknown, unknown>> {
  const type = root === 'Query' ? schema.getQueryType() : schema.getMutationType();
  return Object.values(type?.getFields() ?? {});
}

export function generateOperation(root: 'Query' | 'Mutation', field: GraphQLField<unknown, unknown>, probes: ProbeTable): GeneratedOperation {
  const variables: Record<string, unknown> = {};
  const declarations: string[] = [];
  const argumentsText: string[] = [];
  for (const argument of field.args) {
    const value = argumentValue(`${root}.${field.name}`, argument, probes);
    if (value === undefined) continue;
    variables[argument.name] = value;
    declarations.push(`$${argument.name}: ${argument.type.toString()}`);
    argumentsText.push(`${argument.name}: $${argument.name}`);
  }
  const selection = selectionOf(field.type, SELECTION_DEPTH, new Set());
  const head = declarations.length ? `(${declarations.join(', ')})` : '';
  const call = argumentsText.length ? `(${argumentsText.join(', ')})` : '';
  const keyword = root === 'Query' ? 'query' : 'mutation';
  return { field: `${root}.${field.name}`, document: `${keyword} Probe${head} { ${field.name}${call} ${selection} }`, variables };
}

function argumentValue(owner: string, argument: GraphQLArgument | GraphQLInputField, probes: ProbeTable): unknown {
  const exact = `${owner}.${argument.name}`;
  if (exact in probes) return probes[exact];
  if (`*.${argument.name}` in probes) return probes[`*.${argument.name}`];
  return generatedValue(exact, argument.type, probes);
}

function generatedValue(where: string, type: GraphQLInputType, probes: ProbeTable): unknown {
  const required = isNonNullType(type);
  const inner = getNullableType(type);
  const named = getNamedType(type);
  if (named.name === 'ID') throw new Error(`${where}: no probe value for this ID; add one to the probe table`);
  if (isInputObjectType(named)) {
    const value = inputObjectValue(named.name, Object.values(named.getFields()), probes);
    if (!required && Object.keys(value).length === 0) return undefined;
    return isListType(inner) ? [value] : value;
  }
  if (!required) return undefined;
  const scalar = isEnumType(named) ? named.getValues()[0]!.value : SCALAR_DEFAULTS[named.name];
  if (scalar === undefined && isScalarType(named)) throw new Error(`${where}: no default for scalar ${named.name}; add one`);
  return isListType(inner) ? [scalar] : scalar;
}

function inputObjectValue(typeName: string, fields: GraphQLInputField[], probes: ProbeTable): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  for (const field of fields) {
    // Defaults apply on their own; an ID (or a probe entry) is always filled in, required or not.
    if (field.defaultValue !== undefined && !hasProbe(typeName, field, probes) && getNamedType(field.type).name !== 'ID') continue;
    const fieldValue = argumentValue(typeName, field, probes);
    if (fieldValue !== undefined) value[field.name] = fieldValue;
  }
  return value;
}

function hasProbe(owner: string, field: GraphQLInputField, probes: ProbeTable): boolean {
  return `${owner}.${field.name}` in probes || `*.${field.name}` in probes;
}

/** Every leaf, and objects below it down to `depth`, skipping fields that need arguments and types already on the path. */
function selectionOf(type: GraphQLOutputType, depth: number, path: Set<string>): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  if (!isObjectType(named)) throw new Error(`selection: ${named.name} is not an object type; teach the generator about it`);
  const parts: string[] = [];
  for (const field of Object.values(named.getFields())) {
    if (field.args.some((argument) => isNonNullType(argument.type))) continue;
    const child = getNamedType(field.type);
    if (isLeafType(child)) parts.push(field.name);
    else if (depth > 1 && !path.has(child.name)) parts.push(`${field.name} ${selectionOf(field.type, depth - 1, new Set([...path, named.name]))}`);
  }
  return `{ ${parts.length ? parts.join(' ') : '__typename'} }`;
}
