import { buildClientSchema, getIntrospectionQuery, type GraphQLSchema, type IntrospectionQuery } from 'graphql';
import type { GraphqlResult, TestApp } from '../../support/test-app';
import type { GeneratedOperation } from './operation-generator';

/** The schema exactly as clients see it (introspection), not the server's internal object. */
export async function introspectedSchema(t: TestApp, apiKey: string): Promise<GraphQLSchema> {
  const result = await t.gql(getIntrospectionQuery(), {}, apiKey);
  if (result.errors) throw new Error(`introspection failed: ${JSON.stringify(result.errors)}`);
  return buildClientSchema(result.data as IntrospectionQuery);
}

/** Answers that mean the probe itself is broken (or the server failed), never an acceptable refusal. */
const BROKEN_PROBE_CODES = new Set(['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_REQUEST', 'INTERNAL_SERVER_ERROR']);

export function brokenProbe(result: GraphqlResult): string | null {
  const codes = (result.errors ?? []).map((error) => String(error.extensions?.code));
  const broken = codes.find((code) => BROKEN_PROBE_CODES.has(code));
  if (broken || (result.status !== 200 && result.status !== 429)) return `HTTP ${result.status} ${JSON.stringify(result.errors)}`;
  return null;
}

export const errorCodes = (result: GraphqlResult) => (result.errors ?? []).map((error) => String(error.extensions?.code));

/** Every string the caller put into the operation: an answer may echo these without leaking anything. */
export function echoedStrings(operation: GeneratedOperation): string[] {
  const found: string[] = [];
  const walk = (value: unknown) => {
    if (typeof value === 'string' && value.length >= 4) found.push(value.toLowerCase());
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(operation.variables);
  return found.sort((a, b) => b.length - a.length);
}

/** Which of `identifiers` (lower-case) appear in the answer once the caller's own inputs are blanked out. */
export function identifiersIn(answer: unknown, identifiers: Set<string>, echoed: string[] = []): string[] {
  let text = JSON.stringify(answer).toLowerCase();
  for (const value of echoed) text = text.split(value).join('<echo>');
  return [...identifiers].filter((identifier) => text.includes(identifier));
}
