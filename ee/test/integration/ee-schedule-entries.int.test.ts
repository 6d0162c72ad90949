import { describeScheduleEntries } from '../../../test/support/schedule-contract';
import { describeScheduleOccurrences } from '../../../test/support/schedule-occurrences-contract';

describeScheduleEntries('enterprise');
describeScheduleOccurrences('enterprise');
