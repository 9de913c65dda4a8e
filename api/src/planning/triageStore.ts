import type { Knex } from 'knex';
import { toDateOnly } from '../attribution/rows';
import type { TriageState } from './types';

export interface TriageRow {
  overlapId: string;
  state: TriageState;
  snoozedUntil: string | null;
  note: string | null;
  updatedAt: string;
}

function fromRow(r: Record<string, unknown>): TriageRow {
  return {
    overlapId: String(r.overlap_id),
    state: r.state as TriageState,
    snoozedUntil: toDateOnly(r.snoozed_until),
    note: (r.note as string | null) ?? null,
    updatedAt: new Date(String(r.updated_at)).toISOString(),
  };
}

export async function setTriage(
  db: Knex,
  workspaceId: string,
  input: {
    overlapId: string;
    state: TriageState;
    snoozedUntil: string | null;
    note: string | null;
  },
  now: Date,
): Promise<TriageRow> {
  const row = {
    workspace_id: workspaceId,
    overlap_id: input.overlapId,
    state: input.state,
    snoozed_until: input.state === 'snoozed' ? input.snoozedUntil : null,
    note: input.note,
    updated_at: now.toISOString(),
  };
  await db('overlap_triage')
    .insert(row)
    .onConflict(['workspace_id', 'overlap_id'])
    .merge(['state', 'snoozed_until', 'note', 'updated_at']);
  return fromRow(row);
}

export async function triageFor(
  db: Knex,
  workspaceId: string,
  overlapIds: string[],
): Promise<Map<string, TriageRow>> {
  const out = new Map<string, TriageRow>();
  for (let i = 0; i < overlapIds.length; i += 500) {
    const rows = await db('overlap_triage')
      .where({ workspace_id: workspaceId })
      .whereIn('overlap_id', overlapIds.slice(i, i + 500));
    for (const r of rows) out.set(String(r.overlap_id), fromRow(r));
  }
  return out;
}
