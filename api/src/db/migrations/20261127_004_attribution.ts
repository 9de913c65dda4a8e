import type { Knex } from 'knex';

/**
 * Attributions: per opportunity and partner, sourced or influenced, with its share of the amount and
 * the touches behind it. Rewritten by the attribution recompute; read by metrics and the Salesforce push.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('attributions', (t) => {
    t.string('id', 36).primary();
    t.string('workspace_id', 36).notNullable().references('workspaces.id').onDelete('CASCADE');
    t.string('opportunity_source_id', 64).notNullable();
    t.string('partner_id', 36).notNullable().references('partners.id').onDelete('CASCADE');
    t.string('type', 16).notNullable(); // sourced | influenced
    t.float('weight').notNullable(); // 0..1 share of the amount
    t.decimal('amount', 18, 2); // null when the opportunity has no amount
    t.string('currency', 3);
    t.text('touch_ids').notNullable().defaultTo('[]'); // JSON array of touch ids (overlap:<id> for evidence)
    t.text('explanation').notNullable().defaultTo('{}'); // JSON { splitModel, summary, steps }
    t.string('content_hash', 64).notNullable(); // unchanged results are not rewritten or re-announced
    t.timestamp('computed_at', { useTz: true }).notNullable();
    t.unique(['workspace_id', 'opportunity_source_id', 'partner_id']);
    t.index(['workspace_id', 'partner_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('attributions');
}
