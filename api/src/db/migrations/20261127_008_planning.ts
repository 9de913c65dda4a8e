import type { Knex } from 'knex';

/**
 * Account planning: triage state per overlap, planning criteria per partner, sessions and their
 * agenda items, quarterly targets, partner plays, the comms log and weekly digest runs. Holidays,
 * the time zone and the prep rule live in `workspaces.settings.planning`.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('overlap_triage', (t) => {
    t.string('workspace_id', 36).notNullable().references('workspaces.id').onDelete('CASCADE');
    t.string('overlap_id', 36).notNullable().references('overlaps.id').onDelete('CASCADE');
    t.string('state', 16).notNullable(); // new | to_plan | dismissed | snoozed
    t.date('snoozed_until');
    t.text('note');
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.primary(['workspace_id', 'overlap_id']);
  });

  await knex.schema.createTable('planning_criteria', (t) => {
    t.string('workspace_id', 36).notNullable().references('workspaces.id').onDelete('CASCADE');
    t.string('partner_id', 36).notNullable().references('partners.id').onDelete('CASCADE');
    t.text('criteria').notNullable(); // JSON PlanningCriteria
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.primary(['workspace_id', 'partner_id']);
  });

  await knex.schema.createTable('planning_sessions', (t) => {
    t.string('id', 36).primary();
    t.string('workspace_id', 36).notNullable().references('workspaces.id').onDelete('CASCADE');
    t.string('partner_id', 36).notNullable().references('partners.id').onDelete('CASCADE');
    t.string('title', 1000).notNullable();
    t.string('trigger', 16).notNullable(); // cadence | high_value | batch | manual | imported
    t.string('status', 16).notNullable(); // proposed | scheduled | held | cancelled
    t.string('shape', 32).notNullable(); // partner_managers | their_partner_managers | account_owner
    t.timestamp('starts_at', { useTz: true }).notNullable();
    t.integer('duration_minutes').notNullable();
    t.string('time_zone', 64).notNullable();
    t.text('attendees').notNullable().defaultTo('[]');
    t.text('recording_url');
    t.text('notes');
    t.text('trigger_reason');
    t.timestamp('agenda_loaded_at', { useTz: true });
    t.string('external_uid', 255); // UID of an imported calendar event
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.index(['workspace_id', 'partner_id', 'starts_at']);
    t.unique(['workspace_id', 'external_uid']);
  });

  await knex.schema.createTable('planning_agenda_items', (t) => {
    t.string('id', 36).primary();
    t.string('workspace_id', 36).notNullable().references('workspaces.id').onDelete('CASCADE');
    t.string('session_id', 36).notNullable().references('planning_sessions.id').onDelete('CASCADE');
    t.string('partner_id', 36).notNullable().references('partners.id').onDelete('CASCADE');
    t.string('overlap_id', 36); // kept when the overlap later ends: the plan happened
    t.string('account_source_id', 64).notNullable();
    t.string('account_name', 255).notNullable();
    t.text('partner_populations').notNullable().defaultTo('[]');
    t.string('fingerprint', 500).notNullable().defaultTo('');
    t.string('motion', 8).notNullable(); // give | ask | joint
    t.string('owner', 121);
    t.string('outcome', 24); // committed | intro_made | pipeline_created | stalled
    t.string('opportunity_source_id', 64);
    t.date('follow_up_on');
    t.float('score');
    t.text('reasons').notNullable().defaultTo('[]');
    t.string('touch_id', 36);
    t.integer('position').notNullable().defaultTo(0);
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.index(['session_id']);
    t.index(['workspace_id', 'partner_id', 'account_source_id']);
  });

  await knex.schema.createTable('planning_targets', (t) => {
    t.string('workspace_id', 36).notNullable().references('workspaces.id').onDelete('CASCADE');
    t.string('partner_id', 36).notNullable().references('partners.id').onDelete('CASCADE');
    t.string('quarter', 7).notNullable(); // 2026-Q4
    t.integer('target').notNullable(); // accounts planned against
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.primary(['workspace_id', 'partner_id', 'quarter']);
  });

  await knex.schema.createTable('partner_plays', (t) => {
    t.string('id', 36).primary();
    t.string('workspace_id', 36).notNullable().references('workspaces.id').onDelete('CASCADE');
    t.string('partner_id', 36).notNullable().references('partners.id').onDelete('CASCADE');
    t.string('kind', 24).notNullable(); // webinar | customer_offer | sdr_push | other
    t.string('title', 200).notNullable();
    t.string('their_owner', 121);
    t.string('sender', 121);
    t.date('ship_date');
    t.string('status', 16).notNullable(); // planned | in_progress | shipped | cancelled
    t.text('account_source_ids').notNullable().defaultTo('[]');
    t.text('notes');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.index(['workspace_id', 'partner_id']);
  });

  await knex.schema.createTable('partner_comms', (t) => {
    t.string('id', 36).primary();
    t.string('workspace_id', 36).notNullable().references('workspaces.id').onDelete('CASCADE');
    t.string('partner_id', 36).notNullable().references('partners.id').onDelete('CASCADE');
    t.string('persona', 121).notNullable(); // who at the partner
    t.string('purpose', 16).notNullable(); // prospecting | expansion | executive | pre_sales
    t.string('channel', 16).notNullable(); // email | call | meeting | slack | event | other
    t.timestamp('occurred_at', { useTz: true }).notNullable();
    t.text('account_source_ids').notNullable().defaultTo('[]');
    t.string('launch', 200);
    t.text('summary');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.index(['workspace_id', 'partner_id', 'occurred_at']);
  });

  await knex.schema.createTable('planning_digest_runs', (t) => {
    t.string('workspace_id', 36).notNullable().references('workspaces.id').onDelete('CASCADE');
    t.string('partner_id', 36).notNullable().references('partners.id').onDelete('CASCADE');
    t.string('week', 8).notNullable(); // 2026-W48
    t.integer('outbox_id');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.primary(['workspace_id', 'partner_id', 'week']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'planning_digest_runs',
    'partner_comms',
    'partner_plays',
    'planning_targets',
    'planning_agenda_items',
    'planning_sessions',
    'planning_criteria',
    'overlap_triage',
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
}
