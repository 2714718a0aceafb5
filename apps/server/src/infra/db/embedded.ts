import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/** Unix socket paths are limited to ~107 bytes; a deep DATA_DIR falls back to a short temp folder. */
const MAX_SOCKET_PATH = 100;
/** pglite-socket refuses connections past this; it must cover every pool in the process (app + jobs + migrations). */
const EMBEDDED_MAX_CONNECTIONS = 16;

export interface EmbeddedDatabase {
  socketDir: string;
  port: number;
  stop(): Promise<void>;
}

export class DataDirLockedError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `DATA_DIR ${dataDir} is already used by another Jimmy Chat process (pid ${pid}). ` +
        'Stop it first, or point DATA_DIR somewhere else.',
    );
    this.name = 'DataDirLockedError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** PGlite has no locking of its own: two processes on one data folder would corrupt it. */
function acquireLock(dataDir: string): () => void {
  const lockFile = path.join(dataDir, 'server.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(readFileSync(lockFile, 'utf8'), 10);
      if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder)) {
        throw new DataDirLockedError(dataDir, holder);
      }
      rmSync(lockFile, { force: true }); // left behind by a process that crashed
    }
  }
  throw new Error(`Could not lock ${lockFile}`);
}

function socketDirFor(dataDir: string): string {
  const candidate = path.join(dataDir, '.s.PGSQL.5432');
  if (Buffer.byteLength(candidate) <= MAX_SOCKET_PATH) return dataDir;
  const short = path.join(os.tmpdir(), `jimmy-${createHash('sha256').update(dataDir).digest('hex').slice(0, 12)}`);
  mkdirSync(short, { recursive: true, mode: 0o700 });
  return short;
}

export async function startEmbeddedDatabase(dataDir: string): Promise<EmbeddedDatabase> {
  mkdirSync(dataDir, { recursive: true });
  const release = acquireLock(dataDir);
  try {
    const db = await PGlite.create({ dataDir: path.join(dataDir, 'pgdata'), extensions: { pg_trgm, unaccent } });
    const socketDir = socketDirFor(dataDir);
    const socketPath = path.join(socketDir, '.s.PGSQL.5432');
    try {
      unlinkSync(socketPath); // a stale socket from a crash would make listen() fail with EADDRINUSE
    } catch {
      /* none to remove */
    }
    const server = new PGLiteSocketServer({ db, path: socketPath, maxConnections: EMBEDDED_MAX_CONNECTIONS });
    await server.start();
    return {
      socketDir,
      port: 5432,
      async stop() {
        await server.stop();
        await db.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}
