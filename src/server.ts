import { buildApp } from './app';
import { loadConfig } from './config/config';
import { createOutboxRelay } from './events';
import { exitOnStartupFailure } from './runtime/fatal-startup';
import { onShutdownSignal } from './runtime/graceful-shutdown';
import { createRuntime } from './runtime/runtime';

async function main(): Promise<void> {
  const config = loadConfig();
  const runtime = await createRuntime(config, { migrate: true });
  const { logger, queue } = runtime.deps;
  const app = await buildApp(runtime);
  const outboxRelay = config.runWorkers ? createOutboxRelay(runtime.deps) : undefined;
  if (config.runWorkers) await queue.startWorkers(runtime.registry.jobProcessors(runtime.deps));
  await outboxRelay?.start();
  onShutdownSignal(logger, config.shutdownTimeoutMs, async () => {
    await app.close(); // stops accepting, drains in-flight requests (Apollo drain plugin)
    await outboxRelay?.stop(); // finishes the deliveries in flight while the ORM is still open
    await runtime.close(); // workers finish their jobs, then DB and Redis close
  });
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info({ edition: config.edition, port, queue: queue.driver, workers: config.runWorkers }, 'switchboard listening');
  process.stdout.write(
    `\nSwitchboard (${config.edition}) is up.\n` +
      `  GraphQL:  http://localhost:${port}/graphql\n` +
      `  Health:   http://localhost:${port}/readyz\n` +
      `  Create a tenant and its admin API key:\n` +
      `    npx switchboard tenant create --name "Acme MSP" --admin-email admin@acme.example\n\n`,
  );
}

main().catch(exitOnStartupFailure('switchboard'));
