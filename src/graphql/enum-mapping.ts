/**
 * GraphQL enums are UPPER_CASE; the domain and the database use lower_case (`msp_sso`, `admin`). The mapping
 * happens only here, at the resolver boundary.
 */
export const toGraphqlEnum = <T extends string>(value: T): Uppercase<T> => value.toUpperCase() as Uppercase<T>;
export const fromGraphqlEnum = <T extends string>(value: T): Lowercase<T> => value.toLowerCase() as Lowercase<T>;
