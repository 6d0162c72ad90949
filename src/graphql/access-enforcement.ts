import { defaultFieldResolver, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { ROOT_TYPES, type AccessRuleTable } from './access-rules';
import type { GraphqlContext } from './graphql-context';
import { requireAdmin } from './guards';

export interface DeclaredAccessRules {
  /** Where the declaration lives, named in startup errors. */
  source: string;
  rules: AccessRuleTable;
}

/** One table from several modules' declarations; a field declared twice is a startup error, not a silent override. */
export function mergeAccessRules(tables: DeclaredAccessRules[]): AccessRuleTable {
  const merged: Required<AccessRuleTable> = { Query: {}, Mutation: {} };
  const declaredBy = new Map<string, string>();
  for (const { source, rules } of tables) {
    for (const typeName of ROOT_TYPES) {
      for (const [field, rule] of Object.entries(rules[typeName] ?? {})) {
        const key = `${typeName}.${field}`;
        const previous = declaredBy.get(key);
        if (previous) throw new Error(`the access rule for ${key} is declared twice (${previous} and ${source})`);
        declaredBy.set(key, source);
        merged[typeName][field] = rule;
      }
    }
  }
  return merged;
}

/**
 * Wraps every `admin` root field so a non-admin caller is refused before its resolver runs, and refuses the schema
 * while any root field lacks a rule (or a rule names a field that does not exist): forgetting one fails startup.
 */
export function enforceAccessRules(schema: GraphQLSchema, rules: AccessRuleTable): GraphQLSchema {
  const problems: string[] = [];
  if (schema.getSubscriptionType()) problems.push('Subscription fields cannot be given access rules yet');
  for (const typeName of ROOT_TYPES) {
    const fields = (typeName === 'Query' ? schema.getQueryType() : schema.getMutationType())?.getFields() ?? {};
    const declared = rules[typeName] ?? {};
    for (const [name, field] of Object.entries(fields)) {
      const rule = declared[name];
      if (rule === 'admin') field.resolve = adminOnly(field.resolve ?? defaultFieldResolver);
      else if (rule !== 'member') problems.push(`${typeName}.${name} has no access rule`);
    }
    for (const name of Object.keys(declared)) if (!fields[name]) problems.push(`the access rule for ${typeName}.${name} names no field`);
  }
  if (problems.length > 0) {
    throw new Error(`${problems.join('; ')}: declare each in src/graphql/access-rules.ts (CE) or in the accessRules of the module that adds it`);
  }
  return schema;
}

function adminOnly(resolve: GraphQLFieldResolver<unknown, GraphqlContext>): GraphQLFieldResolver<unknown, GraphqlContext> {
  return (source, args, context, info) => {
    requireAdmin(context.auth);
    return resolve(source, args, context, info);
  };
}
