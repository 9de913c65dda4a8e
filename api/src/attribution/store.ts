import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { contentHash } from '../mapping/recordsStore';
import { toDateOnly, toIso, toNumberOrNull } from './rows';
import type { AttributableOpportunity, Attribution } from './types';

export interface StoredAttribution extends Attribution {
  id: string;
  computedAt: string;
}

export interface AttributionFilter {
  opportunitySourceId?: string;
  partnerId?: string;
  type?: 'sourced' | 'influenced';
}

function fromRow(r: Record<string, unknown>): StoredAttribution {
  return {
    id: String(r.id),
    opportunitySourceId: String(r.opportunity_source_id),
    partnerId: String(r.partner_id),
    type: r.type as Attribution['type'],
    weight: Number(r.weight),
    amount: toNumberOrNull(r.amount),
    currency: (r.currency as string | null) ?? null,
    touchIds: JSON.parse(String(r.touch_ids)) as string[],
    explanation: JSON.parse(String(r.explanation)) as Attribution['explanation'],
    computedAt: toIso(r.computed_at),
  };
}

export function opportunityFromRow(
  r: Record<string, unknown>,
): AttributableOpportunity & { name: string } {
  return {
    sourceId: String(r.source_id),
    accountSourceId: String(r.account_source_id),
    name: String(r.name),
    amount: toNumberOrNull(r.amount),
    currency: (r.currency as string | null) ?? null,
    createdDate: toIso(r.created_date),
    closeDate: toDateOnly(r.close_date),
    isClosed: Boolean(r.is_closed),
    isWon: Boolean(r.is_won),
    deleted: r.deleted_at !== null && r.deleted_at !== undefined,
  };
}

/** Opportunities of a workspace, deleted ones included (their attributions must go); all when ids is omitted. */
export async function loadOpportunities(db: Knex, workspaceId: string, sourceIds?: string[]) {
  if (!sourceIds) {
    const rows = await db('opportunities').where('workspace_id', workspaceId).orderBy('source_id');
    return rows.map(opportunityFromRow);
  }
  const out: ReturnType<typeof opportunityFromRow>[] = [];
  for (let i = 0; i < sourceIds.length; i += 500) {
    const rows = await db('opportunities')
      .where('workspace_id', workspaceId)
      .whereIn('source_id', sourceIds.slice(i, i + 500));
    out.push(...rows.map(opportunityFromRow));
  }
  return out;
}

/** Partner id → name for labelling attributions (ended partners included: history keeps them). */
export async function partnerNames(db: Knex, workspaceId: string): Promise<Map<string, string>> {
  const rows = await db('partners').select('id', 'name').where('workspace_id', workspaceId);
  return new Map(rows.map((r) => [String(r.id), String(r.name)]));
}

export async function listAttributions(
  db: Knex,
  workspaceId: string,
  filter: AttributionFilter = {},
) {
  const q = db('attributions').where('workspace_id', workspaceId);
  if (filter.opportunitySourceId) q.andWhere('opportunity_source_id', filter.opportunitySourceId);
  if (filter.partnerId) q.andWhere('partner_id', filter.partnerId);
  if (filter.type) q.andWhere('type', filter.type);
  const rows = await q.orderBy([{ column: 'opportunity_source_id' }, { column: 'partner_id' }]);
  return rows.map(fromRow);
}

const hashOf = (a: Attribution) =>
  contentHash({
    type: a.type,
    weight: a.weight,
    amount: a.amount,
    currency: a.currency,
    touchIds: a.touchIds,
    explanation: a.explanation,
  });

export interface ReplaceResult {
  /** opportunities whose attributions were inserted, changed or removed */
  changedOpportunities: string[];
  written: number;
  removed: number;
}

/**
 * Makes the stored attributions of the given opportunities equal `next`, writing only what
 * differs (by content hash), so a recompute that changes nothing writes nothing.
 */
export async function replaceAttributions(
  trx: Knex,
  workspaceId: string,
  opportunitySourceIds: string[],
  next: Attribution[],
  now: Date,
): Promise<ReplaceResult> {
  const result: ReplaceResult = { changedOpportunities: [], written: 0, removed: 0 };
  const changed = new Set<string>();
  const prior = new Map<string, { id: string; hash: string }>();
  for (let i = 0; i < opportunitySourceIds.length; i += 500) {
    const rows = await trx('attributions')
      .select('id', 'opportunity_source_id', 'partner_id', 'content_hash')
      .where('workspace_id', workspaceId)
      .whereIn('opportunity_source_id', opportunitySourceIds.slice(i, i + 500));
    for (const r of rows)
      prior.set(`${r.opportunity_source_id}|${r.partner_id}`, { id: r.id, hash: r.content_hash });
  }
  const inserts: Record<string, unknown>[] = [];
  for (const a of next) {
    const key = `${a.opportunitySourceId}|${a.partnerId}`;
    const hash = hashOf(a);
    const old = prior.get(key);
    prior.delete(key);
    if (old && old.hash === hash) continue;
    const row = {
      workspace_id: workspaceId,
      opportunity_source_id: a.opportunitySourceId,
      partner_id: a.partnerId,
      type: a.type,
      weight: a.weight,
      amount: a.amount,
      currency: a.currency,
      touch_ids: JSON.stringify(a.touchIds),
      explanation: JSON.stringify(a.explanation),
      content_hash: hash,
      computed_at: now.toISOString(),
    };
    if (old) await trx('attributions').where('id', old.id).update(row);
    else inserts.push({ id: randomUUID(), ...row });
    changed.add(a.opportunitySourceId);
    result.written++;
  }
  for (let i = 0; i < inserts.length; i += 50)
    await trx('attributions').insert(inserts.slice(i, i + 50));
  const gone = [...prior.entries()];
  for (let i = 0; i < gone.length; i += 500) {
    await trx('attributions')
      .whereIn(
        'id',
        gone.slice(i, i + 500).map(([, v]) => v.id),
      )
      .delete();
  }
  for (const [key] of gone) changed.add(key.split('|')[0]);
  result.removed = gone.length;
  result.changedOpportunities = [...changed].sort();
  return result;
}
