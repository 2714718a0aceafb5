import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import type { Logger } from '../logger.js';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './embedded.js';
import * as schema from './schema.js';

import type { Db } from './queryable.js';

export { dbOf, withTransaction, type Db, type Queryable } from './queryable.js';
export { isUniqueViolation } from './pg-errors.js';
export { escapeLike } from './like.js';

export interface Database {
  db: Db;
  pool: pg.Pool;
  mode: 'embedded' | 'postgres';
  ping(): Promise<void>;
  close(): Promise<void>;
}

// bigint columns (COUNT(*), identity ids) come back as strings by default; our ids stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10));

export interface DatabaseOptions {
  databaseUrl?: string;
  dataDir: string;
  logger: Logger;
  poolSize?: number;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  let embedded: EmbeddedDatabase | undefined;
  let pool: pg.Pool;
  if (options.databaseUrl) {
    pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 20 });
  } else {
    embedded = await startEmbeddedDatabase(options.dataDir);
    // ONE connection, on purpose. pglite-socket multiplexes every client onto PGlite's single session
    // and keeps a client's messages together only inside a transaction; outside one, the Parse/Bind/
    // Execute messages of two concurrent parameterised queries interleave and bind each other's
    // unnamed statements ("unnamed prepared statement does not exist", wrong parameters). PGlite
    // runs one query at a time anyway, so a single connection costs nothing. Code must therefore
    // never wait on the pool while holding a client (see test/embedded.test.ts).
    pool = new pg.Pool({ host: embedded.socketDir, port: embedded.port, user: 'postgres', database: 'postgres', max: 1 });
  }
  pool.on('error', (error) => options.logger.error({ err: error }, 'idle database client failed'));
  const db = drizzle(pool, { schema });
  return {
    db,
    pool,
    mode: embedded ? 'embedded' : 'postgres',
    async ping() {
      await pool.query('select 1');
    },
    async close() {
      await pool.end();
      await embedded?.stop();
    },
  };
}

const here = path.dirname(fileURLToPath(import.meta.url));
/** Source (tsx/vitest) and bundle (dist/main.js) sit at different depths; the build copies migrations next to the bundle. */
function migrationsFolder(): string {
  return process.env.JIMMY_MIGRATIONS_DIR ?? path.resolve(here, here.endsWith('dist') ? 'migrations' : '../../../drizzle');
}

/** An advisory lock keeps two nodes starting together from applying the same migration twice. */
export async function runMigrations(database: Database): Promise<void> {
  const client = await database.pool.connect();
  try {
    await client.query('select pg_advisory_lock(727274)');
    try {
      await migrate(drizzle(client), { migrationsFolder: migrationsFolder() });
    } finally {
      await client.query('select pg_advisory_unlock(727274)');
    }
  } finally {
    client.release();
  }
}
