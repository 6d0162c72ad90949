import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { openSync, readFileSync, closeSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

export const PROJECT_ROOT = path.resolve(__dirname, '../..');

export interface ServerProcess {
  baseUrl: string;
  /** Milliseconds from spawn to the first 200 from /readyz. */
  readyMs: number;
  stop(): Promise<void>;
}

/** A free loopback port (the OS picks it; released before the server binds it). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface Command {
  argv: string[];
  env: NodeJS.ProcessEnv;
}

/**
 * What an npm script runs (`[VAR=value …] node …` scripts only), so the bench times exactly what `npm run <name>`
 * starts, without npm's own startup.
 */
export function scriptCommand(name: string): Command {
  const scripts = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')).scripts as Record<string, string>;
  const words = scripts[name]?.split(/\s+/).filter(Boolean) ?? [];
  const env: NodeJS.ProcessEnv = {};
  while (words[0] && /^[A-Z_]+=/.test(words[0])) {
    const [key, ...value] = words.shift()!.split('=');
    env[key!] = value.join('=');
  }
  if (words[0] !== 'node') throw new Error(`npm script ${name} is not a plain "node …" command: ${scripts[name]}`);
  return { argv: [process.execPath, ...words.slice(1)], env };
}

/**
 * Spawns a server and polls its /readyz every 10 ms until it answers 200. Its stdout (one log line per request
 * at info) goes to /dev/null so the bench does not pay for reading it; stderr is kept in a file for failures.
 */
export async function startServerProcess({ argv, env: commandEnv }: Command, env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<ServerProcess> {
  const port = await freePort();
  const errorFile = path.join(tmpdir(), `switchboard-bench-${process.pid}-${port}.stderr`);
  const stderr = openSync(errorFile, 'w');
  const started = performance.now();
  const child = spawn(argv[0]!, argv.slice(1), {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), HOST: '127.0.0.1', ...commandEnv, ...env },
    stdio: ['ignore', 'ignore', stderr],
  });
  closeSync(stderr);
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await untilReady(child, baseUrl, started + timeoutMs);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${argv.slice(1).join(' ')}: ${(error as Error).message}\n${readFileSync(errorFile, 'utf8').slice(-4000)}`);
  }
  const readyMs = performance.now() - started;
  return { baseUrl, readyMs, stop: () => stopChild(child) };
}

async function untilReady(child: ChildProcess, baseUrl: string, deadline: number): Promise<void> {
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode} before /readyz answered 200`);
    const status = await fetch(`${baseUrl}/readyz`).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('/readyz did not answer 200 in time');
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/** `npm run build`, for benches that measure the compiled app; BENCH_SKIP_BUILD=1 keeps the dist/ already there. */
export function buildForBench(): void {
  if (process.env.BENCH_SKIP_BUILD === '1') return;
  const result = spawnSync('npm', ['run', 'build'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`npm run build failed:\n${result.stdout}\n${result.stderr}`);
}
