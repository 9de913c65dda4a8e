import type { Knex } from 'knex';

/**
 * Salesforce sync: one connected org per workspace (secrets encrypted), pull high-water marks,
 * what Salesforce holds of each pushed row (hash), and the record of every sync run.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('sf_connections', (t) => {
    t.string('workspace_id', 36).primary().references('workspaces.id').onDelete('CASCADE');
    t.string('method', 24).notNullable(); // token | client_credentials | jwt
    t.string('instance_url', 255).notNullable();
    t.string('login_url', 255);
    t.string('org_id', 18);
    t.string('user_id', 18);
    t.text('secrets').notNullable(); // AES-256-GCM envelope of the credentials and tokens
    t.timestamp('connected_at', { useTz: true }).notNullable();
    t.timestamp('last_sync_at', { useTz: true });
  });

  // Per object: the SystemModstamp high-water marks of the last pull, for delta pulls.
  await knex.schema.createTable('sf_sync_state', (t) => {
    t.string('workspace_id', 36).notNullable().references('workspaces.id').onDelete('CASCADE');
    t.string('object', 64).notNullable();
    t.string('high_water', 40); // changed records
    t.string('deleted_high_water', 40); // deleted records
    t.text('fields'); // JSON: the field list chosen by the first (full) pull
    t.primary(['workspace_id', 'object']);
  });

  // What Salesforce holds of each row we push: the hash is written only after Salesforce confirms.
  await knex.schema.createTable('sf_push_state', (t) => {
    t.string('workspace_id', 36).notNullable().references('workspaces.id').onDelete('CASCADE');
    t.string('object', 64).notNullable();
    t.string('external_key', 128).notNullable();
    t.string('hash', 64); // null until a push of this row succeeded
    t.string('sf_id', 18);
    t.text('last_error');
    t.integer('attempts').notNullable().defaultTo(0);
    t.timestamp('pushed_at', { useTz: true });
    t.primary(['workspace_id', 'object', 'external_key']);
  });

  await knex.schema.createTable('sync_runs', (t) => {
    t.string('id', 36).primary();
    t.string('workspace_id', 36).notNullable().references('workspaces.id').onDelete('CASCADE');
    t.string('trigger', 16).notNullable(); // manual | schedule | api
    t.string('status', 16).notNullable(); // queued | running | succeeded | failed | partial
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('started_at', { useTz: true });
    t.timestamp('finished_at', { useTz: true });
    t.text('counts').notNullable().defaultTo('{}');
    t.text('errors').notNullable().defaultTo('[]');
    t.index(['workspace_id', 'created_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['sync_runs', 'sf_push_state', 'sf_sync_state', 'sf_connections']) {
    await knex.schema.dropTableIfExists(table);
  }
}
