import { randomUUID } from 'node:crypto';
import type { TestApp } from './test-app';

export const PROFILE_FIELDS = 'id displayName clientId tenantAuthority isDefault isArchived clientSecretConfigured boundConsumers createdAt updatedAt';

export const profileInput = (overrides: Record<string, unknown> = {}) => ({
  displayName: `Profile ${randomUUID().slice(0, 8)}`,
  clientId: randomUUID(),
  tenantAuthority: randomUUID(),
  clientSecret: `Sx8Q~${randomUUID().replace(/-/g, '')}`,
  ...overrides,
});

export async function createProfile(t: TestApp, apiKey: string, overrides: Record<string, unknown> = {}) {
  const input = profileInput(overrides);
  const result = await t.gql(`mutation ($input: CreateMicrosoftProfileInput!) { createMicrosoftProfile(input: $input) { ${PROFILE_FIELDS} } }`, { input }, apiKey);
  if (result.errors) throw new Error(`createMicrosoftProfile failed: ${JSON.stringify(result.errors)}`);
  return { ...result.data.createMicrosoftProfile, secret: input.clientSecret as string };
}

export async function bind(t: TestApp, apiKey: string, consumer: string, profileId: string) {
  return t.gql(
    `mutation ($consumer: MicrosoftConsumer!, $profileId: ID!) {
       setMicrosoftConsumerBinding(consumer: $consumer, profileId: $profileId) {
         binding { consumer updatedBy profile { id displayName } } warnings { code message } } }`,
    { consumer, profileId },
    apiKey,
  );
}

export const errorCode = (result: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => result.errors?.[0]?.extensions?.code;
