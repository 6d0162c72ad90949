import type { ServiceDeps } from '../runtime/service-deps';
import { OutboxRelay } from './outbox-relay';

/** The relay as the API process (RUN_WORKERS) and the worker process run it, configured from OUTBOX_* settings. */
export function createOutboxRelay(deps: Pick<ServiceDeps, 'config' | 'orm' | 'hooks' | 'logger'>): OutboxRelay {
  const { outbox, database } = deps.config;
  return new OutboxRelay({
    orm: deps.orm,
    hooks: deps.hooks,
    logger: deps.logger.child({ module: 'outbox' }),
    // Embedded PGlite: pglite-socket accepts LISTEN but never forwards a NOTIFY to another connection (checked
    // with pglite-socket 0.2.17), so without DATABASE_URL the relay relies on polling alone.
    listenUrl: database.url,
    options: {
      pollIntervalMs: outbox.pollIntervalMs,
      leaseMs: outbox.leaseSeconds * 1000,
      deliveryTimeoutMs: (outbox.leaseSeconds * 1000) / 2,
      retryMaxMs: outbox.retryMaxSeconds * 1000,
      retentionHours: outbox.retentionHours,
    },
  });
}
