import { createLogger } from '../../src/observability/logger';
import { throttledWarn } from '../../src/observability/throttled-log';

describe('throttledWarn', () => {
  it('logs the first error, then at most one per interval with the count it swallowed', () => {
    const lines: Array<{ msg: string; suppressed: number }> = [];
    const warn = throttledWarn(createLogger('warn', { write: (line: string) => void lines.push(JSON.parse(line)) }), 'redis connection error', 10_000);
    const now = jest.spyOn(Date, 'now');
    try {
      now.mockReturnValue(1_000_000);
      for (let i = 0; i < 5; i++) warn(new Error('ECONNREFUSED'));
      now.mockReturnValue(1_011_000);
      warn(new Error('ECONNREFUSED'));
    } finally {
      now.mockRestore();
    }
    expect(lines.map((line) => [line.msg, line.suppressed])).toEqual([
      ['redis connection error', 0],
      ['redis connection error', 4],
    ]);
  });
});
