import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { toIso } from './rows';
import type { StoredTouchType, Touch, TouchSource } from './types';

export interface TouchInput {
  partnerId: string;
  accountSourceId: string;
  opportunitySourceId?: string | null;
  type: StoredTouchType;
  occurredAt: string;
  source: TouchSource;
  ref?: string | null;
  note?: string | null;
}

export interface TouchFilter {
  partnerId?: string;
  accountSourceId?: string;
  opportunitySourceId?: string;
}

function fromRow(r: Record<string, unknown>): Touch {
  return {
    id: String(r.id),
    partnerId: String(r.partner_id),
    accountSourceId: String(r.account_source_id),
    opportunitySourceId: (r.opportunity_source_id as string | null) ?? null,
    type: r.type as Touch['type'],
    occurredAt: toIso(r.occurred_at),
    source: r.source as TouchSource,
    ref: (r.ref as string | null) ?? null,
    note: (r.note as string | null) ?? null,
  };
}

function toRow(workspaceId: string, input: TouchInput, now: Date) {
  return {
    id: randomUUID(),
    workspace_id: workspaceId,
    partner_id: input.partnerId,
    account_source_id: input.accountSourceId,
    opportunity_source_id: input.opportunitySourceId ?? null,
    type: input.type,
    occurred_at: new Date(input.occurredAt).toISOString(),
    source: input.source,
    ref: input.ref ?? null,
    note: input.note ?? null,
    created_at: now.toISOString(),
  };
}

/**
 * Inserts a touch; a touch with the same (type, ref) already recorded is returned instead, so a
 * client retrying a POST, or a sync replaying its source, records it once.
 */
export async function insertTouch(
  db: Knex,
  workspaceId: string,
  input: TouchInput,
  now: Date,
): Promise<{ touch: Touch; created: boolean }> {
  if (input.ref) {
    const prior = await db('touches')
      .where({ workspace_id: workspaceId, type: input.type, ref: input.ref })
      .first();
    if (prior) return { touch: fromRow(prior), created: false };
  }
  const row = toRow(workspaceId, input, now);
  await db('touches').insert(row);
  return { touch: fromRow(row), created: true };
}

/** Bulk insert for seeding and sync, ≤ 50 rows per statement for SQLite's variable limit. */
export async function insertTouches(
  db: Knex,
  workspaceId: string,
  inputs: TouchInput[],
  now: Date,
): Promise<Touch[]> {
  const rows = inputs.map((input) => toRow(workspaceId, input, now));
  for (let i = 0; i < rows.length; i += 50) await db('touches').insert(rows.slice(i, i + 50));
  return rows.map(fromRow);
}

export async function listTouches(
  db: Knex,
  workspaceId: string,
  filter: TouchFilter,
  page: { offset: number; limit: number },
): Promise<Touch[]> {
  const q = db('touches').where('workspace_id', workspaceId);
  if (filter.partnerId) q.andWhere('partner_id', filter.partnerId);
  if (filter.accountSourceId) q.andWhere('account_source_id', filter.accountSourceId);
  if (filter.opportunitySourceId) q.andWhere('opportunity_source_id', filter.opportunitySourceId);
  const rows = await q
    .orderBy([{ column: 'occurred_at' }, { column: 'id' }])
    .offset(page.offset)
    .limit(page.limit);
  return rows.map(fromRow);
}

/** Touches on any of the given accounts (the engine picks those that concern each opportunity). */
export async function touchesForAccounts(
  db: Knex,
  workspaceId: string,
  accountSourceIds: string[],
): Promise<Touch[]> {
  const out: Touch[] = [];
  for (let i = 0; i < accountSourceIds.length; i += 500) {
    const rows = await db('touches')
      .where('workspace_id', workspaceId)
      .whereIn('account_source_id', accountSourceIds.slice(i, i + 500));
    out.push(...rows.map(fromRow));
  }
  return out;
}

export async function touchesByIds(db: Knex, workspaceId: string, ids: string[]): Promise<Touch[]> {
  const out: Touch[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db('touches')
      .where('workspace_id', workspaceId)
      .whereIn('id', ids.slice(i, i + 500));
    out.push(...rows.map(fromRow));
  }
  return out;
}
