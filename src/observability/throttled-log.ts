import type { Logger } from './logger';

/**
 * For errors a client library repeats on every reconnect attempt (ioredis while Redis is down): the first one is
 * logged, then at most one per interval with the count of those suppressed.
 */
export function throttledWarn(logger: Logger, message: string, intervalMs = 30_000): (error: unknown) => void {
  let lastAt = 0;
  let suppressed = 0;
  return (error) => {
    const now = Date.now();
    if (now - lastAt < intervalMs) {
      suppressed += 1;
      return;
    }
    logger.warn({ err: error, suppressed }, message);
    lastAt = now;
    suppressed = 0;
  };
}
