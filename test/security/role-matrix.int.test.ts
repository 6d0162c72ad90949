import { ceProbes } from './support/ce-probes';
import { startSecurityApp } from './support/security-app';
import { describeRoleMatrix } from './support/security-suites';
import { buildTenantWorld } from './support/tenant-world';

// Community edition; ee/test/security/role-matrix.int.test.ts runs the same over the Enterprise schema.
describeRoleMatrix('role matrix (community): one declared rule per root field, admin-only ones refuse user-role keys', {
  start: () => startSecurityApp('community'),
  world: buildTenantWorld,
  probes: ceProbes,
  mustProbe: ['Mutation.createApiKey', 'Mutation.upsertUser', 'Query.apiKeys', 'Mutation.redeemMspSsoTicket'],
});
