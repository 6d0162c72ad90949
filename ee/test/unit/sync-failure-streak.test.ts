import { streakError } from '../../src/calendar/sync/sync-failure-streak';

describe('streakError', () => {
  it.each([
    [[], null],
    [['failed', 'failed', 'failed', 'failed'], null],
    [['failed', 'failed', 'succeeded', 'failed', 'failed', 'failed'], null],
    [['succeeded', 'failed', 'failed', 'failed', 'failed', 'failed'], null],
    [['failed', 'failed', 'failed', 'failed', 'failed'], 'Calendar sync keeps failing (5 runs in a row): 503'],
    [['failed', 'failed', 'failed', 'failed', 'failed', 'succeeded'], 'Calendar sync keeps failing (5 runs in a row): 503'],
  ])('runs %j (newest first) → %s', (statuses, expected) => {
    expect(streakError(statuses, '503')).toBe(expected);
  });
});
