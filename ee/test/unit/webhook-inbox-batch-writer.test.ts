import { BatchWriter } from '../../src/calendar/webhooks/webhook-inbox.batch-writer';

/** A write the test settles by hand; records the rows of each statement. */
function controlledWrites() {
  const statements: Array<{ rows: string[]; settle: (written?: string[], error?: Error) => void }> = [];
  const write = (rows: string[]) =>
    new Promise<ReadonlySet<string>>((resolve, reject) => {
      statements.push({ rows, settle: (written = rows, error) => (error ? reject(error) : resolve(new Set(written))) });
    });
  return { statements, write };
}
const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('BatchWriter (group commit of inbox rows)', () => {
  it('writes a lone caller at once, and callers arriving meanwhile together in the next statement', async () => {
    const writes = controlledWrites();
    const writer = new BatchWriter({ write: writes.write, maxInFlight: 1, maxRows: 100 });
    const first = writer.write(['a']);
    expect(writes.statements.map((s) => s.rows)).toEqual([['a']]);
    const waiting = [writer.write(['b', 'c']), writer.write(['d'])];
    await flush();
    expect(writes.statements).toHaveLength(1);
    writes.statements[0]!.settle();
    await expect(first).resolves.toEqual(['a']);
    await flush();
    expect(writes.statements.map((s) => s.rows)).toEqual([['a'], ['b', 'c', 'd']]);
    // Each caller learns which of its own rows were written (the rest were duplicates).
    writes.statements[1]!.settle(['c', 'd']);
    await expect(Promise.all(waiting)).resolves.toEqual([['c'], ['d']]);
  });

  it('keeps maxInFlight statements running, never splits a caller, and fails every caller of a failed statement', async () => {
    const writes = controlledWrites();
    const writer = new BatchWriter({ write: writes.write, maxInFlight: 2, maxRows: 3 });
    const results = [writer.write(['a']), writer.write(['b']), writer.write(['c', 'd']), writer.write(['e', 'f']), writer.write(['g'])].map((p) =>
      p.then(
        (rows) => ({ rows }),
        (error: Error) => ({ error: error.message }),
      ),
    );
    expect(writes.statements.map((s) => s.rows)).toEqual([['a'], ['b']]);
    writes.statements[1]!.settle(undefined, new Error('database down'));
    await flush();
    // Three rows at most: c+d fit beside nothing else, e+f would not; the next takes e+f and g.
    expect(writes.statements.map((s) => s.rows)).toEqual([['a'], ['b'], ['c', 'd']]);
    writes.statements[0]!.settle();
    await flush();
    expect(writes.statements.map((s) => s.rows)).toEqual([['a'], ['b'], ['c', 'd'], ['e', 'f', 'g']]);
    writes.statements[2]!.settle();
    writes.statements[3]!.settle(undefined, new Error('statement timeout'));
    await expect(Promise.all(results)).resolves.toEqual([
      { rows: ['a'] },
      { error: 'database down' },
      { rows: ['c', 'd'] },
      { error: 'statement timeout' },
      { error: 'statement timeout' },
    ]);
  });
});
