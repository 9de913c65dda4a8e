import type { Knex } from 'knex';

/** An event for the Salesforce push and notifications; consumers read the outbox by cursor. */
export interface OutboxEvent {
  workspaceId: string;
  topic:
    | 'overlap.created'
    | 'overlap.changed'
    | 'overlap.ended'
    | 'intro_request.created'
    | 'intro_request.updated'
    | 'partner.ended'
    | 'attribution.changed';
  aggregateId: string;
  payload: Record<string, unknown>;
}

/** Appends events in bulk (inside the caller's transaction when given one). */
export async function appendOutbox(
  db: Knex | Knex.Transaction,
  events: OutboxEvent[],
  now: string,
): Promise<void> {
  const rows = events.map((e) => ({
    workspace_id: e.workspaceId,
    topic: e.topic,
    aggregate_id: e.aggregateId,
    payload: JSON.stringify(e.payload),
    created_at: now,
  }));
  for (let i = 0; i < rows.length; i += 200) await db('outbox').insert(rows.slice(i, i + 200));
}
