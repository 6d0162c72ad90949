import { describeEditionSchema } from '../../../test/support/edition-schema-contract';

describeEditionSchema('enterprise', ['MSP_SSO', 'EMAIL', 'CALENDAR', 'TEAMS']);
