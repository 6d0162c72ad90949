import { CE_TENANT_AGNOSTIC } from '../../../test/security/support/ce-probes';
import { describeTenantIsolation } from '../../../test/security/support/security-suites';
import { EE_ROUTE_CASES, eeProbes } from './support/ee-probes';
import { buildEnterpriseWorld, startEnterpriseSecurityApp } from './support/ee-world';

// The Enterprise schema has every field (CE is a subset): the same probes as test/security, plus calendars.
describeTenantIsolation('tenant isolation (enterprise): every root field and route, tenant B admin with tenant A ids', {
  start: startEnterpriseSecurityApp,
  world: buildEnterpriseWorld,
  probes: eeProbes,
  routeCases: EE_ROUTE_CASES,
  tenantAgnostic: CE_TENANT_AGNOSTIC,
});
