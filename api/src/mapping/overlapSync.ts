import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { MatchPair } from '../matching';
import { appendOutbox, type OutboxEvent } from './outbox';

/**
 * Writes the difference between what matching says now and what `overlaps` holds, for one pair
 * of workspaces (W, X), on every side that has an active partnership row: W's row (my record W)
 * and X's mirror row (my record X). Emits overlap.created / .changed / .ended per side.
 */

export interface Side {
  /** the workspace that owns the overlap row */
  workspaceId: string;
  /** that workspace's partner row toward the other */
  partnerId: string;
  /** true when the row's own record is W's record */
  mineIsW: boolean;
}

/** A wanted overlap in W's orientation: a = W's record id, b = X's record id. */
export interface WantedPair {
  a: number;
  b: number;
  pair: MatchPair;
}

interface ExistingRow {
  id: string;
  ended: boolean;
  method: string;
  confidence: number;
  relation: string;
}

const flip = (r: MatchPair['relation']) =>
  r === 'parent' ? 'child' : r === 'child' ? 'parent' : 'same';
const key = (a: number, b: number) => `${a}:${b}`;

/** Existing rows per side, keyed by (W record, X record); `scope` limits to W's record ids. */
async function existingRows(
  db: Knex,
  side: Side,
  scope: number[] | null,
): Promise<Map<string, ExistingRow>> {
  const out = new Map<string, ExistingRow>();
  const own = side.mineIsW ? 'record_id' : 'partner_record_id';
  const load = async (ids: number[] | null) => {
    const q = db('overlaps')
      .select(
        'id',
        'record_id',
        'partner_record_id',
        'ended_at',
        'method',
        'confidence',
        'relation',
      )
      .where({ workspace_id: side.workspaceId, partner_id: side.partnerId });
    if (ids) q.whereIn(own, ids);
    for (const r of await q) {
      const a = Number(side.mineIsW ? r.record_id : r.partner_record_id);
      const b = Number(side.mineIsW ? r.partner_record_id : r.record_id);
      out.set(key(a, b), {
        id: r.id,
        ended: Boolean(r.ended_at),
        method: r.method,
        confidence: Number(r.confidence),
        relation: r.relation,
      });
    }
  };
  if (!scope) await load(null);
  else for (let i = 0; i < scope.length; i += 500) await load(scope.slice(i, i + 500));
  return out;
}

export interface SyncResult {
  created: number;
  ended: number;
  changed: number;
}

/**
 * `scope` = W's record ids that were matched again (null = all of W). Every active row in scope
 * that is not wanted any more ends; `populationChanged` (W record ids) adds overlap.changed events.
 */
export async function syncOverlaps(
  db: Knex,
  sides: Side[],
  wanted: WantedPair[],
  scope: number[] | null,
  populationChanged: Set<number>,
  now: string,
): Promise<SyncResult> {
  const result: SyncResult = { created: 0, ended: 0, changed: 0 };
  const plans = [];
  for (const side of sides) plans.push({ side, existing: await existingRows(db, side, scope) });
  const events: OutboxEvent[] = [];
  const inserts: Record<string, unknown>[] = [];
  const updates: Array<{ id: string; values: Record<string, unknown> }> = [];

  for (const { side, existing } of plans) {
    const ev = (topic: OutboxEvent['topic'], id: string, reason?: string) =>
      events.push({
        workspaceId: side.workspaceId,
        topic,
        aggregateId: id,
        payload: { overlapId: id, partnerId: side.partnerId, ...(reason ? { reason } : {}) },
      });
    const seen = new Set<string>();
    for (const w of wanted) {
      const k = key(w.a, w.b);
      seen.add(k);
      const values = {
        method: w.pair.method,
        confidence: w.pair.confidence,
        relation: side.mineIsW ? w.pair.relation : flip(w.pair.relation),
        duplicate_count: side.mineIsW ? w.pair.duplicateCount : w.pair.mineDuplicateCount,
        last_seen: now,
        ended_at: null,
      };
      const row = existing.get(k);
      if (!row) {
        const id = randomUUID();
        inserts.push({
          id,
          workspace_id: side.workspaceId,
          partner_id: side.partnerId,
          record_id: side.mineIsW ? w.a : w.b,
          partner_record_id: side.mineIsW ? w.b : w.a,
          first_seen: now,
          ...values,
        });
        ev('overlap.created', id);
        result.created++;
        continue;
      }
      updates.push({ id: row.id, values });
      if (row.ended) {
        ev('overlap.created', row.id, 'resumed');
        result.created++;
      } else if (
        row.method !== values.method ||
        Math.abs(row.confidence - values.confidence) > 1e-9 ||
        row.relation !== values.relation
      ) {
        ev('overlap.changed', row.id, 'match');
        result.changed++;
      } else if (populationChanged.has(w.a)) {
        ev('overlap.changed', row.id, side.mineIsW ? 'my_populations' : 'partner_populations');
        result.changed++;
      }
    }
    for (const [k, row] of existing) {
      if (seen.has(k) || row.ended) continue;
      updates.push({ id: row.id, values: { ended_at: now, last_seen: now } });
      ev('overlap.ended', row.id);
      result.ended++;
    }
  }

  await db.transaction(async (trx) => {
    for (let i = 0; i < inserts.length; i += 50)
      await trx('overlaps').insert(inserts.slice(i, i + 50));
    for (const u of updates) await trx('overlaps').where('id', u.id).update(u.values);
    await appendOutbox(trx, events, now);
  });
  return result;
}

/** overlap.changed on every active row that involves a W record whose populations changed. */
export async function emitPopulationChanges(
  db: Knex,
  sides: Side[],
  recordIds: number[],
  now: string,
): Promise<number> {
  const events: OutboxEvent[] = [];
  for (const side of sides) {
    const own = side.mineIsW ? 'record_id' : 'partner_record_id';
    for (let i = 0; i < recordIds.length; i += 500) {
      const rows = await db('overlaps')
        .select('id')
        .where({ workspace_id: side.workspaceId, partner_id: side.partnerId })
        .whereNull('ended_at')
        .whereIn(own, recordIds.slice(i, i + 500));
      for (const r of rows) {
        events.push({
          workspaceId: side.workspaceId,
          topic: 'overlap.changed',
          aggregateId: r.id,
          payload: {
            overlapId: r.id,
            partnerId: side.partnerId,
            reason: side.mineIsW ? 'my_populations' : 'partner_populations',
          },
        });
      }
    }
  }
  if (events.length) await appendOutbox(db, events, now);
  return events.length;
}
