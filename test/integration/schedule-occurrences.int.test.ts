import { describeScheduleOccurrences } from '../support/schedule-occurrences-contract';

describeScheduleOccurrences('community');
