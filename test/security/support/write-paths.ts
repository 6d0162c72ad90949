import { randomUUID } from 'node:crypto';
import type { SecurityApp } from './security-app';
import type { TenantWorld } from './tenant-world';

async function gqlOk(app: SecurityApp, query: string, variables: Record<string, unknown>, apiKey: string): Promise<void> {
  const result = await app.t.gql(query, variables, apiKey);
  if (result.errors) throw new Error(`${query.slice(0, 60)}…: ${JSON.stringify(result.errors)}`);
}

/**
 * The CE writes that take or hand out a secret, beyond building the world (which created keys, profiles with
 * secrets and an SSO ticket): rotating a profile secret, redeeming the SSO ticket, revoking a key.
 */
export async function exerciseCeSecretWrites(app: SecurityApp, world: TenantWorld): Promise<void> {
  const rotated = `Rotated~${randomUUID()}`;
  await gqlOk(app, 'mutation ($id: ID!, $input: UpdateMicrosoftProfileInput!) { updateMicrosoftProfile(id: $id, input: $input) { id } }', {
    id: world.ids.spareProfile, input: { clientSecret: rotated },
  }, world.tenant.apiKey);
  world.secrets.push(rotated);
  await gqlOk(app, 'mutation ($t: String!, $n: String!) { redeemMspSsoTicket(ticket: $t, nonce: $n) { oid } }', {
    t: world.values.ssoTicket, n: world.values.ssoNonce,
  }, world.tenant.apiKey);
  await gqlOk(app, 'mutation ($id: ID!) { revokeApiKey(id: $id) { id } }', { id: world.ids.apiKey }, world.tenant.apiKey);
}
