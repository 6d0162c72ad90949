import path from 'node:path';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/observability/logger';
import { createRuntime } from '../../src/runtime/runtime';

/**
 * Boots the app in this process as `npm start` would, serves a calendar URL, and prints which modules under
 * ee/ the process loaded (JSON on stdout). Run as a child process by test/e2e/edition-module-registry.test.ts.
 */
async function main(): Promise<void> {
  const runtime = await createRuntime(loadConfig(), { migrate: true, logger: createLogger('silent') });
  const app = await buildApp(runtime);
  const response = await app.inject({ method: 'GET', url: '/api/auth/google/calendar/callback?code=x&state=y' });
  const eeRoot = `${path.resolve(__dirname, '../../ee')}${path.sep}`;
  const loaded = Object.keys(require.cache).filter((file) => file.startsWith(eeRoot)).map((file) => path.relative(eeRoot, file));
  process.stdout.write(`${JSON.stringify({ status: response.statusCode, eeModules: loaded.sort() })}\n`);
  await app.close();
  await runtime.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
