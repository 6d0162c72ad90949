import { CE_TENANT_AGNOSTIC, ceProbes } from './support/ce-probes';
import { CE_ROUTE_CASES } from './support/route-isolation';
import { startSecurityApp } from './support/security-app';
import { describeTenantIsolation } from './support/security-suites';
import { buildTenantWorld } from './support/tenant-world';

// Community edition; ee/test/security runs the same probes over the Enterprise schema.
describeTenantIsolation('tenant isolation (community): every root field, tenant B admin with tenant A ids', {
  start: () => startSecurityApp('community'),
  world: buildTenantWorld,
  probes: ceProbes,
  routeCases: CE_ROUTE_CASES,
  tenantAgnostic: CE_TENANT_AGNOSTIC,
});
