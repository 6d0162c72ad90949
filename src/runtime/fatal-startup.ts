import { ConfigError } from '../config/config';

/** Startup failures print one clear line (config errors name the variable) and exit non-zero. */
export function exitOnStartupFailure(what: string) {
  return (error: unknown): never => {
    if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
    else process.stderr.write(`${what} failed to start: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  };
}
