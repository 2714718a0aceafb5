import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import * as schema from './schema.js';

export type Db = NodePgDatabase<typeof schema>;

/**
 * Where a repository runs its SQL: the pool (one statement, autocommit) or the client of an open
 * transaction, so that several repositories' writes can commit together.
 */
export type Queryable = pg.Pool | pg.PoolClient;

// A pool hands out the same few clients again and again: one Drizzle wrapper per client is enough.
const wrappers = new WeakMap<Queryable, Db>();

/** Drizzle over a pool or a transaction's client (same row parsing as the app's own `db`). */
export function dbOf(q: Queryable): Db {
  let db = wrappers.get(q);
  if (!db) {
    db = drizzle(q, { schema });
    wrappers.set(q, db);
  }
  return db;
}

/**
 * Runs `work` in one transaction on one client of the pool (what a job inserted with `within:`
 * needs). Never call the pool from inside `work`: in embedded mode the pool has one connection.
 */
export async function withTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const result = await work(client);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
