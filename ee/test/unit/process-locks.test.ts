import { ProcessLocks } from '../../src/calendar/webhooks/process-locks';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('ProcessLocks (embedded mode)', () => {
  it('runs holders of one key one after another, other keys beside them, and survives a failing holder', async () => {
    const locks = new ProcessLocks();
    const order: string[] = [];
    let release!: () => void;
    const first = locks.withLock('a', async () => {
      order.push('a1 start');
      await new Promise<void>((resolve) => (release = resolve));
      order.push('a1 end');
      throw new Error('a1 failed');
    });
    const second = locks.withLock('a', async () => void order.push('a2'));
    const other = locks.withLock('b', async () => void order.push('b'));
    await tick();
    expect(order).toEqual(['a1 start', 'b']);
    release();
    await expect(first).rejects.toThrow('a1 failed');
    await second;
    await other;
    expect(order).toEqual(['a1 start', 'b', 'a1 end', 'a2']);
  });

  it('tryLock answers null at once while the key is held, and runs once it is free', async () => {
    const locks = new ProcessLocks();
    let release!: () => void;
    const held = locks.withLock('run', () => new Promise<void>((resolve) => (release = resolve)));
    expect(await locks.tryLock('run', async () => 'second')).toBeNull();
    await tick();
    release();
    await held;
    expect(await locks.tryLock('run', async () => 'third')).toBe('third');
  });
});
