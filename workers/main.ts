import { loadConfig } from '../src/config/config';
import { createOutboxRelay } from '../src/events';
import { exitOnStartupFailure } from '../src/runtime/fatal-startup';
import { onShutdownSignal } from '../src/runtime/graceful-shutdown';
import { createRuntime } from '../src/runtime/runtime';

/** Worker process: consumes the queues of every processor the edition registered. Scale by running more. */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.redis) {
    throw new Error('npm run workers needs REDIS_URL: without Redis, the API process runs the jobs itself (embedded mode).');
  }
  const runtime = await createRuntime(config);
  const processors = runtime.registry.jobProcessors(runtime.deps);
  await runtime.deps.queue.startWorkers(processors);
  const outboxRelay = createOutboxRelay(runtime.deps);
  await outboxRelay.start();
  onShutdownSignal(runtime.deps.logger, config.shutdownTimeoutMs, async () => {
    await outboxRelay.stop(); // before the ORM closes
    await runtime.close();
  });
  runtime.deps.logger.info({ edition: config.edition, queues: processors.map((processor) => processor.queue) }, 'workers started');
}

main().catch(exitOnStartupFailure('workers'));
