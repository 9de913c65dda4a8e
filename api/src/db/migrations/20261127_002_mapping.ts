import type { Knex } from 'knex';

/**
 * Populations, sharing rules, overlaps, the outbox, intro requests and touches: the mapping core
 * that every later part (sync push, attribution, alerts, planning) reads from.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('populations', (t) => {
    t.string('id', 36).primary();
    t.string('workspace_id', 36).notNullable().references('workspaces.id').onDelete('CASCADE');
    t.string('name', 120).notNullable();
    t.string('kind', 16).notNullable(); // standard | custom
    t.string('standard_key', 32); // customers | open_opportunities | prospects | leads
    t.text('filter'); // JSON filter expression for custom populations
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['workspace_id', 'name']);
  });

  // Materialised membership, recomputed for the records and populations that change.
  await knex.schema.createTable('record_populations', (t) => {
    t.integer('record_id').notNullable().references('records.id').onDelete('CASCADE');
    t.string('population_id', 36).notNullable().references('populations.id').onDelete('CASCADE');
    t.primary(['record_id', 'population_id']);
    t.index(['population_id']);
  });

  // The owner's rule for what one partner may see of one population. No row = hidden.
  await knex.schema.createTable('sharing_rules', (t) => {
    t.string('id', 36).primary();
    t.string('workspace_id', 36).notNullable().references('workspaces.id').onDelete('CASCADE');
    t.string('partner_id', 36).notNullable().references('partners.id').onDelete('CASCADE');
    t.string('population_id', 36).notNullable().references('populations.id').onDelete('CASCADE');
    t.string('level', 16).notNullable(); // hidden | counts | overlaps
    t.text('fields').notNullable().defaultTo('[]'); // JSON array of extra record fields shared
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['partner_id', 'population_id']);
  });

  // One row per direction: my record ↔ the partner's record, as seen from my workspace.
  await knex.schema.createTable('overlaps', (t) => {
    t.string('id', 36).primary();
    t.string('workspace_id', 36).notNullable().references('workspaces.id').onDelete('CASCADE');
    t.string('partner_id', 36).notNullable().references('partners.id').onDelete('CASCADE');
    t.integer('record_id').notNullable().references('records.id').onDelete('CASCADE');
    t.integer('partner_record_id').notNullable().references('records.id').onDelete('CASCADE');
    t.string('method', 16).notNullable(); // domain | name | fuzzy | hierarchy
    t.string('relation', 8).notNullable().defaultTo('same'); // same | parent | child
    t.float('confidence').notNullable();
    t.integer('duplicate_count').notNullable().defaultTo(1);
    t.timestamp('first_seen', { useTz: true }).notNullable();
    t.timestamp('last_seen', { useTz: true }).notNullable();
    t.timestamp('ended_at', { useTz: true }); // null while the overlap holds
    t.unique(['workspace_id', 'record_id', 'partner_record_id']);
    t.index(['workspace_id', 'partner_id', 'ended_at']);
    t.index(['partner_record_id']);
  });

  // Events for the Salesforce push and notifications; consumers keep their own cursor.
  await knex.schema.createTable('outbox', (t) => {
    t.increments('id').primary();
    t.string('workspace_id', 36).notNullable().references('workspaces.id').onDelete('CASCADE');
    t.string('topic', 64).notNullable(); // overlap.created | overlap.changed | overlap.ended | …
    t.string('aggregate_id', 64).notNullable();
    t.text('payload').notNullable().defaultTo('{}');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['workspace_id', 'id']);
  });

  await knex.schema.createTable('outbox_cursors', (t) => {
    t.string('consumer', 64).notNullable();
    t.string('workspace_id', 36).notNullable().references('workspaces.id').onDelete('CASCADE');
    t.integer('last_id').notNullable().defaultTo(0);
    t.primary(['consumer', 'workspace_id']);
  });

  await knex.schema.createTable('intro_requests', (t) => {
    t.string('id', 36).primary();
    t.string('workspace_id', 36).notNullable().references('workspaces.id').onDelete('CASCADE');
    t.string('partner_id', 36).notNullable().references('partners.id').onDelete('CASCADE');
    t.string('overlap_id', 36).notNullable().references('overlaps.id').onDelete('CASCADE');
    t.text('message').notNullable();
    t.string('status', 16).notNullable(); // requested | accepted | declined | intro_made
    t.string('requester_name', 121);
    t.string('requester_email', 255);
    t.text('history').notNullable().defaultTo('[]'); // JSON [{status, at, by}]
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['workspace_id']);
    t.index(['partner_id']);
  });

  // A touch ties a partner to an account (and maybe an opportunity): attribution's evidence.
  await knex.schema.createTable('touches', (t) => {
    t.string('id', 36).primary();
    t.string('workspace_id', 36).notNullable().references('workspaces.id').onDelete('CASCADE');
    t.string('partner_id', 36).notNullable().references('partners.id').onDelete('CASCADE');
    t.string('account_source_id', 64).notNullable();
    t.string('opportunity_source_id', 64);
    t.string('type', 32).notNullable(); // intro_requested | intro_made | co_sell_meeting | referral | customer_overlap
    t.timestamp('occurred_at', { useTz: true }).notNullable();
    t.string('source', 16).notNullable(); // api | lwc | sync | planning
    t.string('ref', 64); // the intro request / agenda item it came from, for idempotency
    t.text('note');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['workspace_id', 'account_source_id']);
    t.index(['workspace_id', 'opportunity_source_id']);
    t.unique(['workspace_id', 'type', 'ref']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'touches',
    'intro_requests',
    'outbox_cursors',
    'outbox',
    'overlaps',
    'sharing_rules',
    'record_populations',
    'populations',
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
}
