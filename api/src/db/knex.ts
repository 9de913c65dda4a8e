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
  return knexFactory({
    client: 'sqlite3',
    connection: { filename: db.connection },
    useNullAsDefault: true,
    // One connection: SQLite serialises writers anyway, and ':memory:' is per connection.
    pool: {
      min: 1,
      max: 1,
      afterCreate: (conn: SqliteConn, done: (err: Error | null, conn: SqliteConn) => void) => {
        const pragmas = ['PRAGMA foreign_keys = ON', 'PRAGMA busy_timeout = 5000'];
        if (!memory) pragmas.push('PRAGMA journal_mode = WAL', 'PRAGMA synchronous = NORMAL');
        conn.exec(pragmas.join(';'), (err) => done(err, conn));
      },
    },
  });
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
