import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';

/**
 * Hot reads (one per API request: the key check, the Account page) as statements prepared once
 * per SQLite connection. The sqlite3 driver runs every call on libuv's threadpool, and an
 * unprepared query costs two trips there (prepare, then step) plus knex compiling the same SQL
 * again; a prepared one costs one trip and no compile. The SQL is still built by knex, with
 * bindings: `build` gets a placeholder per parameter and the bindings knex produces are mapped
 * back onto the real arguments per call (so `build` must not feed a parameter to `limit()` or
 * other places knex inspects). PostgreSQL and transactions run the built query through knex.
 */

interface Statement {
  all(params: unknown[], cb: (err: Error | null, rows: Record<string, unknown>[]) => void): void;
}
interface Connection {
  prepare(sql: string, cb: (err: Error | null) => void): Statement;
}
interface Pool {
  acquireConnection(): Promise<Connection>;
  releaseConnection(conn: Connection): Promise<unknown>;
}

// Placeholder values no caller could pass by accident.
const TOKEN = `\u2039param:${randomUUID()}:`;
const placeholders = (n: number) => Array.from({ length: n }, (_, i) => `${TOKEN}${i}`);

export type Row = Record<string, unknown>;

export function preparedSelect<A extends unknown[]>(
  arity: A['length'],
  build: (db: Knex, ...args: A) => Knex.QueryBuilder,
): (db: Knex, ...args: A) => Promise<Row[]> {
  const compiled = new WeakMap<Knex, { sql: string; bindings: unknown[] }>();
  const statements = new WeakMap<Connection, Map<string, Statement>>();

  const prepare = (conn: Connection, sql: string): Promise<Statement> => {
    let byConn = statements.get(conn);
    if (!byConn) statements.set(conn, (byConn = new Map()));
    const ready = byConn.get(sql);
    if (ready) return Promise.resolve(ready);
    return new Promise((resolve, reject) => {
      const stmt = conn.prepare(sql, (err) => {
        if (err) return reject(err);
        byConn.set(sql, stmt);
        resolve(stmt);
      });
    });
  };

  return async (db: Knex, ...args: A): Promise<Row[]> => {
    if (db.client.config.client !== 'sqlite3' || db.isTransaction)
      return (await build(db, ...args)) as Row[];
    let query = compiled.get(db);
    if (!query) {
      const { sql, bindings } = build(db, ...(placeholders(arity) as A)).toSQL();
      compiled.set(db, (query = { sql, bindings: [...bindings] }));
    }
    const params = query.bindings.map((b) =>
      typeof b === 'string' && b.startsWith(TOKEN) ? args[Number(b.slice(TOKEN.length))] : b,
    );
    const pool = db.client as unknown as Pool;
    const conn = await pool.acquireConnection();
    try {
      const stmt = await prepare(conn, query.sql);
      return await new Promise<Row[]>((resolve, reject) =>
        stmt.all(params, (err, rows) => (err ? reject(err) : resolve(rows))),
      );
    } finally {
      await pool.releaseConnection(conn);
    }
  };
}
