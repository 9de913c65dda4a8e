import type { Knex } from 'knex';

/**
 * A version counter that moves whenever partners, sharing rules or populations change, so the
 * API can cache what sharing decides with (policies, population names) and still see every write
 * on its next request: triggers bump it, so no writer (route, sync, test, another process) can
 * forget. PostgreSQL bumps it at commit (deferred constraint triggers): the new version becomes
 * visible with the data, and the counter row is locked only at the very end of a transaction.
 */
const WATCHED = ['partners', 'sharing_rules', 'populations'] as const;
const NAME = 'sharing';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('cache_versions', (t) => {
    t.string('name', 32).primary();
    t.bigInteger('version').notNullable().defaultTo(0);
  });
  await knex('cache_versions').insert({ name: NAME, version: 1 });
  if (knex.client.config.client === 'pg') {
    await knex.raw(`CREATE FUNCTION bump_cache_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE cache_versions SET version = version + 1 WHERE name = TG_ARGV[0];
        RETURN NULL;
      END $$`);
    for (const table of WATCHED) {
      await knex.raw(
        `CREATE CONSTRAINT TRIGGER ?? AFTER INSERT OR UPDATE OR DELETE ON ??
         DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_cache_version('${NAME}')`,
        [`${table}_cache_version`, table],
      );
    }
    return;
  }
  for (const table of WATCHED) {
    for (const op of ['INSERT', 'UPDATE', 'DELETE']) {
      await knex.raw(
        `CREATE TRIGGER ?? AFTER ${op} ON ?? BEGIN
           UPDATE cache_versions SET version = version + 1 WHERE name = '${NAME}';
         END`,
        [`${table}_cache_version_${op.toLowerCase()}`, table],
      );
    }
  }
}

export async function down(knex: Knex): Promise<void> {
  const pg = knex.client.config.client === 'pg';
  for (const table of WATCHED) {
    if (pg) await knex.raw('DROP TRIGGER IF EXISTS ?? ON ??', [`${table}_cache_version`, table]);
    else
      for (const op of ['insert', 'update', 'delete'])
        await knex.raw('DROP TRIGGER IF EXISTS ??', [`${table}_cache_version_${op}`]);
  }
  if (pg) await knex.raw('DROP FUNCTION IF EXISTS bump_cache_version()');
  await knex.schema.dropTableIfExists('cache_versions');
}
