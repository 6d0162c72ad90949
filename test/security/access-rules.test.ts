import { graphql } from 'graphql';
import type { DomainError } from '../../src/errors/domain-errors';
import { mergeAccessRules } from '../../src/graphql/access-enforcement';
import { buildSchema } from '../../src/graphql/build-schema';

const SDL = 'type Query { open: String! secret: String! } type Mutation { rotate: String! }';
const resolvers = { Query: { open: () => 'open', secret: () => 'secret' }, Mutation: { rotate: () => 'rotated' } };
const RULES = { Query: { open: 'member', secret: 'admin' }, Mutation: { rotate: 'admin' } } as const;

const run = (schema: ReturnType<typeof buildSchema>, source: string, role: 'admin' | 'user') =>
  graphql({ schema, source, contextValue: { auth: { tenantId: 't', userId: 'u', role, via: 'api_key' } } });

describe('access rules are declared for every root field and enforced where the schema is built', () => {
  it('refuses to build a schema with a root field that has no rule, naming it', () => {
    expect(() => buildSchema([SDL], [resolvers], { Query: RULES.Query, Mutation: {} })).toThrow(/Mutation\.rotate has no access rule/);
    expect(() => buildSchema([SDL], [resolvers], { Query: { open: 'member' }, Mutation: RULES.Mutation })).toThrow(/Query\.secret has no access rule/);
  });

  it('refuses a rule for a field the schema does not have (a stale or misspelt declaration)', () => {
    expect(() => buildSchema([SDL], [resolvers], { ...RULES, Mutation: { ...RULES.Mutation, rotat: 'admin' } })).toThrow(/Mutation\.rotat names no field/);
  });

  it('refuses the same field declared by two modules', () => {
    expect(() => mergeAccessRules([{ source: 'ce', rules: RULES }, { source: 'module "ee.x"', rules: { Mutation: { rotate: 'member' } } }])).toThrow(
      'the access rule for Mutation.rotate is declared twice (ce and module "ee.x")',
    );
  });

  it('answers FORBIDDEN to a non-admin on admin fields before the resolver runs; members reach member fields', async () => {
    const calls: string[] = [];
    const schema = buildSchema([SDL], [{ ...resolvers, Mutation: { rotate: () => (calls.push('rotate'), 'rotated') } }], RULES);
    const asUser = await run(schema, 'mutation { rotate }', 'user');
    expect((asUser.errors?.[0]?.originalError as DomainError).code).toBe('FORBIDDEN');
    expect(calls).toEqual([]);
    expect((await run(schema, '{ open }', 'user')).data).toEqual({ open: 'open' });
    expect((await run(schema, '{ secret }', 'user')).data).toBeNull();
    expect((await run(schema, 'mutation { rotate }', 'admin')).data).toEqual({ rotate: 'rotated' });
    expect(calls).toEqual(['rotate']);
  });
});
