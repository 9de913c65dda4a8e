import type { Knex } from 'knex';

/**
 * An `api_keys` counter in `cache_versions` (migration 020), moved by triggers whenever a key is
 * revoked, re-scoped, re-hashed or deleted (also by a workspace delete's cascade), so the API can
 * cache key lookups and still refuse a revoked key on its very next request, whichever process
 * revoked it. `last_used_at` updates and new keys do not move it: the cache holds only keys that
 * were valid, and a new key is simply not in it yet. Reuses 020's PostgreSQL trigger function.
 */
const NAME = 'api_keys';
const COLUMNS = ['revoked_at', 'scope', 'hash', 'workspace_id'];

export async function up(knex: Knex): Promise<void> {
  await knex('cache_versions').insert({ name: NAME, version: 1 });
  if (knex.client.config.client === 'pg') {
    await knex.raw(
      `CREATE CONSTRAINT TRIGGER api_keys_cache_version
       AFTER UPDATE OF ${COLUMNS.join(', ')} OR DELETE ON api_keys
       DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_cache_version('${NAME}')`,
    );
    return;
  }
  const bump = `UPDATE cache_versions SET version = version + 1 WHERE name = '${NAME}';`;
  await knex.raw(
    `CREATE TRIGGER api_keys_cache_version_update AFTER UPDATE OF ${COLUMNS.join(', ')}
     ON api_keys BEGIN ${bump} END`,
  );
  await knex.raw(`CREATE TRIGGER api_keys_cache_version_delete AFTER DELETE ON api_keys
     BEGIN ${bump} END`);
}

export async function down(knex: Knex): Promise<void> {
  if (knex.client.config.client === 'pg') {
    await knex.raw('DROP TRIGGER IF EXISTS api_keys_cache_version ON api_keys');
  } else {
    await knex.raw('DROP TRIGGER IF EXISTS api_keys_cache_version_update');
    await knex.raw('DROP TRIGGER IF EXISTS api_keys_cache_version_delete');
  }
  await knex('cache_versions').where({ name: NAME }).delete();
}
