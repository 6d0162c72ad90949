/**
 * The registry carries resolver maps from both editions, whose generated types differ (EE extends enums);
 * each module types its own map with its generated `Resolvers` and the registry only sees this shape.
 */
export type GraphqlResolvers = Record<string, any>;
