import type { Knex } from 'knex';

export interface PullState {
  highWater: string | null;
  deletedHighWater: string | null;
  fields: string[] | null;
}

export async function getPullState(
  db: Knex,
  workspaceId: string,
  object: string,
): Promise<PullState> {
  const row = await db('sf_sync_state').where({ workspace_id: workspaceId, object }).first();
  return {
    highWater: row?.high_water ?? null,
    deletedHighWater: row?.deleted_high_water ?? null,
    fields: row?.fields ? (JSON.parse(row.fields) as string[]) : null,
  };
}

export async function setPullState(
  db: Knex,
  workspaceId: string,
  object: string,
  s: PullState,
): Promise<void> {
  await db('sf_sync_state')
    .insert({
      workspace_id: workspaceId,
      object,
      high_water: s.highWater,
      deleted_high_water: s.deletedHighWater,
      fields: s.fields ? JSON.stringify(s.fields) : null,
    })
    .onConflict(['workspace_id', 'object'])
    .merge();
}

/**
 * Soft-deletes rows of `records` or `opportunities` that Salesforce deleted; returns the source
 * ids that were live (and for opportunities their accounts, whose populations may change).
 * Lives here because recordsStore has no batch soft delete yet (records.ts deletes one by one).
 */
export async function softDelete(
  db: Knex,
  table: 'records' | 'opportunities',
  workspaceId: string,
  sourceIds: string[],
  now: string,
): Promise<{ removed: string[]; accountSourceIds: string[] }> {
  const removed: string[] = [];
  const accounts = new Set<string>();
  for (let i = 0; i < sourceIds.length; i += 500) {
    const chunk = sourceIds.slice(i, i + 500);
    const live = await db(table)
      .select(table === 'opportunities' ? ['source_id', 'account_source_id'] : ['source_id'])
      .where('workspace_id', workspaceId)
      .whereIn('source_id', chunk)
      .whereNull('deleted_at');
    if (!live.length) continue;
    await db(table)
      .where('workspace_id', workspaceId)
      .whereIn(
        'source_id',
        live.map((r) => r.source_id),
      )
      .update({ deleted_at: now, updated_at: now });
    for (const r of live) {
      removed.push(r.source_id);
      if (r.account_source_id) accounts.add(r.account_source_id);
    }
  }
  return { removed, accountSourceIds: [...accounts] };
}
