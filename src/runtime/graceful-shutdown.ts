import type { Logger } from '../observability/logger';

/**
 * Runs `shutdown` once on SIGTERM/SIGINT; the timeout forces exit so an orchestrator is never left waiting on
 * a hung dependency, and a second Ctrl-C exits at once. Repeated SIGTERMs are ignored: some dependencies
 * (signal-exit) re-raise the signal they saw, which must not cut the drain short.
 */
export function onShutdownSignal(logger: Logger, timeoutMs: number, shutdown: () => Promise<void>): void {
  let stopping = false;
  const handle = (signal: NodeJS.Signals) => {
    if (stopping) {
      if (signal === 'SIGINT') {
        logger.warn({ signal }, 'second interrupt: exiting now');
        process.exit(1);
      }
      return;
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      logger.error({ timeoutMs }, 'shutdown timed out: exiting');
      process.exit(1);
    }, timeoutMs);
    timer.unref();
    shutdown().then(
      () => {
        logger.info('shutdown complete');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  // `on`, not `once`: with no listener left, a re-raised signal would kill the process mid-drain.
  process.on('SIGTERM', handle);
  process.on('SIGINT', handle);
}
