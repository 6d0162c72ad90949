import { describeRoleMatrix } from '../../../test/security/support/security-suites';
import { eeProbes } from './support/ee-probes';
import { buildEnterpriseWorld, startEnterpriseSecurityApp } from './support/ee-world';

describeRoleMatrix('role matrix (enterprise): one declared rule per root field, admin-only ones refuse user-role keys', {
  start: startEnterpriseSecurityApp,
  world: buildEnterpriseWorld,
  probes: eeProbes,
  mustProbe: ['Mutation.configureGoogleCalendarApp', 'Query.googleCalendarApp', 'Query.teamsIntegration', 'Query.emailProviders'],
});
