import { describeEditionSchema } from '../support/edition-schema-contract';

describeEditionSchema('community', ['MSP_SSO']);
