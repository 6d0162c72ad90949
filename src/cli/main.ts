import { parseArgs } from 'node:util';
import { loadConfig } from '../config/config';
import { DomainError } from '../errors/domain-errors';
import { createLogger } from '../observability/logger';
import { createRuntime } from '../runtime/runtime';
import { CLI_OPTIONS, COMMANDS, UsageError, type Flags } from './commands';

const HELP = `Usage:\n${Object.values(COMMANDS).map((command) => `  ${command.usage}`).join('\n')}\n`;

/** Prints one JSON document on stdout (scriptable); logs and errors go to stderr. */
async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, strict: false, options: CLI_OPTIONS });
  const name = [positionals.slice(0, 2).join(' '), positionals[0] ?? ''].find((candidate) => candidate in COMMANDS);
  if (!name || values.help) {
    process.stderr.write(HELP);
    return name ? 0 : 2;
  }
  const config = loadConfig();
  const logger = createLogger(process.env.LOG_LEVEL ?? 'warn', process.stderr);
  const runtime = await createRuntime(config, { migrate: true, logger, shareEmbeddedDatabase: true });
  try {
    const result = await COMMANDS[name]!.run(runtime, values as Flags);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return 0;
  } finally {
    await runtime.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known = error instanceof UsageError || error instanceof DomainError || (error as Error).name === 'ConfigError';
    process.stderr.write(`error: ${known ? (error as Error).message : ((error as Error).stack ?? String(error))}\n`);
    if (error instanceof UsageError) process.stderr.write(HELP);
    process.exit(known ? 2 : 1);
  },
);
