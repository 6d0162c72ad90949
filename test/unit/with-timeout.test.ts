import { TimeoutError, withTimeout } from '../../src/runtime/with-timeout';

describe('withTimeout', () => {
  it('passes results and errors through when the work is quick', async () => {
    await expect(withTimeout(Promise.resolve(42), 50, 'quick')).resolves.toBe(42);
    await expect(withTimeout(Promise.reject(new Error('boom')), 50, 'quick')).rejects.toThrow('boom');
  });

  it('gives up after the budget, naming what was slow', async () => {
    const never = new Promise<never>(() => undefined);
    await expect(withTimeout(never, 20, 'Microsoft token endpoint')).rejects.toEqual(new TimeoutError('Microsoft token endpoint did not answer within 20 ms'));
  });
});
