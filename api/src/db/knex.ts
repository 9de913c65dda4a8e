import fs from 'node:fs';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import type { DatabaseConfig } from '../config';
import { migrationSource } from './migrations';

export type Db = Knex;

/** Opens the database through knex; SQLite gets WAL, foreign keys and a busy timeout. */
export function createDb(db: DatabaseConfig): Knex {
  if (db.client === 'pg') {
    return knexFactory({ client: 'pg', connection: db.connection, pool: { min: 0, max: 10 } });
  }
  const memory = db.connection === ':memory:';
  if (!memory) fs.mkdirSync(path.dirname(path.resolve(db.connection)), { recursive: true });
  // One connection: SQLite serialises writers anyway, and ':memory:' is per connection.
  const main = sqlite(db.connection, 1, memory ? [] : WAL);
  if (memory) return main;
  // A file in WAL mode lets readers run beside the writer and each other: hot read paths take
  // `readDb(db)`, a small pool of query-only connections that see every committed write.
  const readers = sqlite(db.connection, READ_POOL_SIZE, ['PRAGMA query_only = ON']);
  readPools.set(main, readers);
  // `db.destroy()` closes the readers too (knex's own destroy is read-only; its client's is not).
  const client = main.client as { destroy(cb?: unknown): Promise<void> };
  const destroy = client.destroy.bind(client);
  client.destroy = async (cb?: unknown) => {
    await readers.destroy();
    return destroy(cb);
  };
  return main;
}

const WAL = ['PRAGMA journal_mode = WAL', 'PRAGMA synchronous = NORMAL'];
const READ_POOL_SIZE = 4;
const readPools = new WeakMap<Knex, Knex>();

function sqlite(filename: string, max: number, extra: string[]): Knex {
  return knexFactory({
    client: 'sqlite3',
    connection: { filename },
    useNullAsDefault: true,
    pool: {
      min: max === 1 ? 1 : 0,
      max,
      afterCreate: (conn: SqliteConn, done: (err: Error | null, conn: SqliteConn) => void) => {
        const pragmas = ['PRAGMA foreign_keys = ON', 'PRAGMA busy_timeout = 5000', ...extra];
        conn.exec(pragmas.join(';'), (err) => done(err, conn));
      },
    },
  });
}

/**
 * Where to run a read that needs no transaction: the read pool of a SQLite file, else `db` itself
 * (PostgreSQL pools already, ':memory:' is one connection, and a transaction must read its own
 * writes).
 */
export function readDb(db: Knex): Knex {
  return readPools.get(db) ?? db;
}

interface SqliteConn {
  exec(sql: string, cb: (err: Error | null) => void): void;
}

/** Brings the schema up to date; migrations are the schema's only source. */
export async function migrate(db: Knex): Promise<string[]> {
  const [, applied] = await db.migrate.latest({ migrationSource });
  return applied as string[];
}

export function isPostgres(db: Knex): boolean {
  return db.client.config.client === 'pg';
}
