import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import type { Logger } from '../observability/logger';

/**
 * The embedded default when DATABASE_URL is unset: PGlite persisted under DATA_DIR, served on a loopback
 * socket so the regular Postgres driver path (MikroORM + pg) is used unchanged. Only one process may own the
 * data directory; it records its socket in a lock file so the CLI can reach the running instance instead of
 * opening the directory a second time.
 */
export interface EmbeddedPostgres {
  url: string;
  close(): Promise<void>;
}

interface LockFile {
  pid: number;
  port: number;
}

/** Must be ≥ the pool max plus CLI connections: extra sockets are dropped by pglite-socket. */
const MAX_SOCKET_CONNECTIONS = 32;

const lockPath = (dataDir: string) => path.join(dataDir, 'pglite.lock.json');
const urlFor = (port: number) => `postgres://postgres@127.0.0.1:${port}/postgres`;

export async function findRunningEmbeddedPostgres(dataDir: string): Promise<string | undefined> {
  const lock = await readLock(dataDir);
  if (!lock || !isProcessAlive(lock.pid) || !(await portAnswers(lock.port))) return undefined;
  return urlFor(lock.port);
}

export async function startEmbeddedPostgres(dataDir: string, logger: Logger): Promise<EmbeddedPostgres> {
  const running = await readLock(dataDir);
  if (running && running.pid !== process.pid && isProcessAlive(running.pid)) {
    throw new Error(
      `The embedded database in ${dataDir} is in use by process ${running.pid}. ` +
        'Stop it, or set DATABASE_URL to share a PostgreSQL server between processes.',
    );
  }
  await mkdir(dataDir, { recursive: true });
  const started = Date.now();
  const db = await PGlite.create(path.join(dataDir, 'pglite'));
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: MAX_SOCKET_CONNECTIONS });
  await server.start();
  const port = Number(server.getServerConn().split(':').pop());
  await writeFile(lockPath(dataDir), JSON.stringify({ pid: process.pid, port } satisfies LockFile));
  logger.warn({ dataDir, port, ms: Date.now() - started }, 'using embedded PGlite database (set DATABASE_URL for production)');
  return {
    url: urlFor(port),
    async close() {
      await server.stop();
      await db.close();
      await rm(lockPath(dataDir), { force: true });
    },
  };
}

async function readLock(dataDir: string): Promise<LockFile | undefined> {
  try {
    return JSON.parse(await readFile(lockPath(dataDir), 'utf8')) as LockFile;
  } catch {
    return undefined;
  }
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
