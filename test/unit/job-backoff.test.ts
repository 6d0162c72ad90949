import { backoffDelay } from '../../src/queue/job-queue';

describe('backoffDelay', () => {
  it.each([
    // [base, attempts made, random, delay]
    [1000, 1, 0, 500],
    [1000, 1, 0.999_999, 999],
    [1000, 2, 0, 1000],
    [1000, 3, 0.5, 3000],
    [100, 0, 1, 100],
  ])('base %d after %d attempts with random %d waits %d ms', (base, attempts, random, expected) => {
    expect(backoffDelay(base, attempts, () => random)).toBe(expected);
  });

  it('spreads retries of jobs that failed together', () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(1000, 4)));
    expect(delays.size).toBeGreaterThan(10);
    for (const delay of delays) expect(delay).toBeGreaterThanOrEqual(4000);
    for (const delay of delays) expect(delay).toBeLessThan(8000);
  });
});
