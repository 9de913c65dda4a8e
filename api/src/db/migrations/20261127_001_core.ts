import type { Knex } from 'knex';

/** Workspaces, their API keys, partnerships, and the records and opportunities they own. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('workspaces', (t) => {
    t.string('id', 36).primary();
    t.string('name', 200).notNullable();
    t.text('settings').notNullable().defaultTo('{}'); // JSON: minConfidence, attribution rules, …
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('api_keys', (t) => {
    t.string('id', 36).primary();
    t.string('workspace_id', 36).notNullable().references('workspaces.id').onDelete('CASCADE');
    t.string('name', 200).notNullable();
    t.string('prefix', 16).notNullable(); // shown in listings; the key itself is never stored
    t.string('hash', 64).notNullable().unique(); // sha256 hex of the whole key
    t.string('scope', 16).notNullable(); // admin | read
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('last_used_at', { useTz: true });
    t.timestamp('revoked_at', { useTz: true });
    t.index(['workspace_id']);
  });

  // One row per direction: A→B and B→A once an invite is accepted.
  await knex.schema.createTable('partners', (t) => {
    t.string('id', 36).primary();
    t.string('workspace_id', 36).notNullable().references('workspaces.id').onDelete('CASCADE');
    t.string('partner_workspace_id', 36).references('workspaces.id').onDelete('CASCADE');
    t.string('name', 200).notNullable();
    t.string('kind', 16).notNullable(); // workspace | managed
    t.string('status', 16).notNullable(); // invited | active | ended
    t.string('invite_token_hash', 64).unique();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('ended_at', { useTz: true });
    t.index(['workspace_id']);
    t.index(['partner_workspace_id']);
  });

  await knex.schema.createTable('records', (t) => {
    t.increments('id').primary();
    t.string('workspace_id', 36).notNullable().references('workspaces.id').onDelete('CASCADE');
    t.string('source_id', 64).notNullable(); // Salesforce Account Id or CSV id
    t.string('name', 255).notNullable();
    t.string('website', 255);
    t.string('domain', 255); // registrable domain, null for free-mail/hosting
    t.string('country', 80);
    t.string('parent_source_id', 64);
    t.string('owner_name', 121);
    t.string('owner_email', 255);
    t.string('type', 80);
    t.text('fields').notNullable().defaultTo('{}'); // JSON of extra mapped fields
    t.string('content_hash', 64).notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('deleted_at', { useTz: true });
    t.unique(['workspace_id', 'source_id']);
    t.index(['workspace_id', 'domain']);
  });

  await knex.schema.createTable('opportunities', (t) => {
    t.increments('id').primary();
    t.string('workspace_id', 36).notNullable().references('workspaces.id').onDelete('CASCADE');
    t.string('source_id', 64).notNullable();
    t.string('account_source_id', 64).notNullable();
    t.string('name', 255).notNullable();
    t.string('stage', 80).notNullable();
    t.boolean('is_closed').notNullable().defaultTo(false);
    t.boolean('is_won').notNullable().defaultTo(false);
    t.decimal('amount', 18, 2);
    t.string('currency', 3);
    t.timestamp('created_date', { useTz: true }).notNullable();
    t.date('close_date');
    t.string('owner_id', 64);
    t.string('content_hash', 64).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('deleted_at', { useTz: true });
    t.unique(['workspace_id', 'source_id']);
    t.index(['workspace_id', 'account_source_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['opportunities', 'records', 'partners', 'api_keys', 'workspaces']) {
    await knex.schema.dropTableIfExists(table);
  }
}
