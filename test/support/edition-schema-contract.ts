import { startTestApp, type TestApp } from './test-app';

const CONSUMER_ENUM = '{ __type(name: "MicrosoftConsumer") { enumValues { name } } }';

/** Shared by the CE suite and ee/test (same contract, other edition). */
export function describeEditionSchema(edition: 'community' | 'enterprise', expectedConsumers: string[]) {
  const expectedEdition = edition.toUpperCase();
  describe(`GraphQL in the ${edition} edition`, () => {
    let t: TestApp;
    let apiKey: string;

    beforeAll(async () => {
      t = await startTestApp({ edition });
      apiKey = (await t.createTenant()).apiKey;
    });
    afterAll(() => t.close());

    it('answers which edition it runs', async () => {
      const result = await t.gql('{ edition }', {}, apiKey);
      expect(result.data).toEqual({ edition: expectedEdition });
    });

    it('exposes exactly the consumers of the edition matrix, CE values first', async () => {
      const result = await t.gql(CONSUMER_ENUM, {}, apiKey);
      expect(result.data.__type.enumValues.map((value: { name: string }) => value.name)).toEqual(expectedConsumers);
      const listed = await t.gql('{ microsoftConsumers { consumer reconnectRequiredOnRebind } }', {}, apiKey);
      expect(listed.data.microsoftConsumers.map((row: { consumer: string }) => row.consumer)).toEqual(expectedConsumers);
      expect(listed.data.microsoftConsumers[0]).toEqual({ consumer: 'MSP_SSO', reconnectRequiredOnRebind: false });
      expect(listed.data.microsoftConsumers.slice(1).every((row: { reconnectRequiredOnRebind: boolean }) => row.reconnectRequiredOnRebind)).toBe(true);
    });

    it('validates enum literals against the edition schema', async () => {
      const result = await t.gql('{ edition microsoftConsumers(only: [EMAIL]) { consumer } }', {}, apiKey);
      if (edition === 'community') {
        expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
        expect(result.errors?.[0]?.message).toMatch(/EMAIL/);
        expect(result.data).toBeUndefined();
      } else {
        expect(result.errors).toBeUndefined();
        expect(result.data).toEqual({ edition: expectedEdition, microsoftConsumers: [{ consumer: 'EMAIL' }] });
      }
    });

    it('rejects a CE-unknown enum value passed as a variable too', async () => {
      const result = await t.gql('query ($c: MicrosoftConsumer!) { microsoftConsumers(only: [$c]) { consumer } }', { c: 'TEAMS' }, apiKey);
      if (edition === 'community') {
        expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
        expect(result.errors?.[0]?.message).toMatch(/TEAMS/);
      } else expect(result.data).toEqual({ microsoftConsumers: [{ consumer: 'TEAMS' }] });
    });
  });
}

