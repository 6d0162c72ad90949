import { describeServerBoot } from '../../../test/support/server-boot-contract';

jest.setTimeout(90_000);

describeServerBoot('enterprise');
