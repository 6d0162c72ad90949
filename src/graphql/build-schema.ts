import { mergeResolvers, mergeTypeDefs } from '@graphql-tools/merge';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { Kind, parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import { enforceAccessRules } from './access-enforcement';
import type { AccessRuleTable } from './access-rules';
import type { GraphqlResolvers } from './resolver-types';

/**
 * merge SDL (CE files first, then EE fragments) → restore declaration order → build → attach resolvers → enforce
 * each root field's access rule. `extend enum` / `extend type` fragments fold into their base definitions, so the
 * result has no extensions left.
 */
export function buildSchema(typeDefs: string[], resolvers: GraphqlResolvers[], accessRules: AccessRuleTable): GraphQLSchema {
  try {
    const documents = typeDefs.map((sdl) => parse(sdl));
    const schema = makeExecutableSchema({
      typeDefs: inDeclarationOrder(mergeTypeDefs(documents, { sort: false, throwOnConflict: true }), documents),
      resolvers: mergeResolvers(resolvers),
      inheritResolversFromInterfaces: true,
    });
    return enforceAccessRules(schema, accessRules);
  } catch (error) {
    throw new Error(`cannot build the GraphQL schema: ${(error as Error).message}`, { cause: error });
  }
}

/** The merge puts extension values before base values; clients expect CE values first (matrix order). */
function inDeclarationOrder(merged: DocumentNode, sources: DocumentNode[]): DocumentNode {
  const position = new Map<string, number>();
  for (const source of sources) {
    for (const definition of source.definitions) {
      if (definition.kind !== Kind.ENUM_TYPE_DEFINITION && definition.kind !== Kind.ENUM_TYPE_EXTENSION) continue;
      for (const value of definition.values ?? []) {
        const key = `${definition.name.value}.${value.name.value}`;
        if (!position.has(key)) position.set(key, position.size);
      }
    }
  }
  const rank = (enumName: string, valueName: string) => position.get(`${enumName}.${valueName}`) ?? Number.MAX_SAFE_INTEGER;
  return {
    ...merged,
    definitions: merged.definitions.map((definition) =>
      definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.values
        ? {
            ...definition,
            values: [...definition.values].sort((a, b) => rank(definition.name.value, a.name.value) - rank(definition.name.value, b.name.value)),
          }
        : definition,
    ),
  };
}
