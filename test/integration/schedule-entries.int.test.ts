import { describeScheduleEntries } from '../support/schedule-contract';

describeScheduleEntries('community');
