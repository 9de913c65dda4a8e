import type { Knex } from 'knex';

/**
 * Account's overlap fields became roll-up summaries that Salesforce keeps, so the push no longer
 * writes Account. Its old push state would only describe rows that are never sent again.
 */
export async function up(knex: Knex): Promise<void> {
  await knex('sf_push_state').where({ object: 'Account' }).delete();
}

/** Nothing to restore: a push that wrote Account again would rebuild its state on the first run. */
export async function down(): Promise<void> {}
