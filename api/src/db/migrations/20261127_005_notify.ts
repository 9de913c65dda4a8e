import type { Knex } from 'knex';

/** Alert channels (Slack or signed webhooks) and one delivery row per (channel, outbox event). */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('alert_channels', (t) => {
    t.string('id', 36).primary();
    t.string('workspace_id', 36).notNullable().references('workspaces.id').onDelete('CASCADE');
    t.string('partner_id', 36).references('partners.id').onDelete('CASCADE'); // null = every partner
    t.string('kind', 16).notNullable(); // slack | webhook
    t.string('name', 120).notNullable();
    t.text('target').notNullable(); // encrypted {url, secret?}: a Slack webhook URL is itself a secret
    t.string('url_hint', 120).notNullable(); // scheme://host/… shown in listings
    t.text('topics').notNullable().defaultTo('["overlap.created","overlap.changed"]');
    t.boolean('enabled').notNullable().defaultTo(true);
    t.text('disabled_reason');
    t.integer('consecutive_failures').notNullable().defaultTo(0);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['workspace_id']);
  });

  await knex.schema.createTable('alert_deliveries', (t) => {
    t.increments('id').primary();
    t.string('channel_id', 36).notNullable().references('alert_channels.id').onDelete('CASCADE');
    t.string('workspace_id', 36).notNullable().references('workspaces.id').onDelete('CASCADE');
    t.integer('outbox_id').notNullable();
    t.string('idempotency_key', 80).notNullable().unique();
    t.string('status', 16).notNullable(); // pending | sending | delivered | dead
    t.integer('attempts').notNullable().defaultTo(0);
    t.timestamp('next_attempt_at', { useTz: true }).notNullable();
    t.timestamp('lease_until', { useTz: true });
    t.text('last_error');
    t.text('payload').notNullable(); // the alert as built when the event was read
    t.timestamp('delivered_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['channel_id', 'outbox_id']);
    t.index(['status', 'next_attempt_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('alert_deliveries');
  await knex.schema.dropTableIfExists('alert_channels');
}
