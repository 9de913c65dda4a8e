import { randomBytes } from 'node:crypto';
import knexFactory, { type Knex } from 'knex';
import { loadConfig, type Config, type DatabaseConfig } from '../../api/src/config';
import type { AppContext } from '../../api/src/context';
import { createDb, migrate } from '../../api/src/db/knex';
import { createLogger } from '../../api/src/logger';

export type DbKind = 'sqlite' | 'postgres';

/**
 * The databases a suite runs against: SQLite always, PostgreSQL when TEST_DATABASE_URL is set
 * (as .ci/run does). Use with `describe.each(testDatabases())`.
 */
export function testDatabases(): DbKind[] {
  return process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
}

export interface TestContext extends AppContext {
  close(): Promise<void>;
}

/**
 * A migrated, empty database and a quiet context. PostgreSQL suites each get a private schema,
 * dropped on close, so suites can run in parallel against one server.
 */
export async function createTestContext(
  kind: DbKind = 'sqlite',
  overrides: Partial<Config> = {},
): Promise<TestContext> {
  const base = loadConfig({ OVERLAP_DATA_DIR: '/tmp/overlap-test', LOG_LEVEL: 'silent' });
  let db: Knex;
  let cleanup = async () => {};
  if (kind === 'postgres') {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error('TEST_DATABASE_URL is not set');
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 1 } });
    await admin.raw('CREATE SCHEMA ??', [schema]);
    db = knexFactory({
      client: 'pg',
      connection: url,
      searchPath: [schema],
      pool: { min: 0, max: 5 },
    });
    cleanup = async () => {
      await db.destroy();
      await admin.raw('DROP SCHEMA ?? CASCADE', [schema]);
      await admin.destroy();
    };
  } else {
    const database: DatabaseConfig = { client: 'sqlite3', connection: ':memory:' };
    db = createDb(database);
    cleanup = () => db.destroy();
  }
  await migrate(db);
  const config: Config = {
    ...base,
    database:
      kind === 'postgres'
        ? { client: 'pg', connection: 'test' }
        : { client: 'sqlite3', connection: ':memory:' },
    seedDemo: false,
    ...overrides,
  };
  return { db, config, logger: createLogger('silent'), now: () => new Date(), close: cleanup };
}
