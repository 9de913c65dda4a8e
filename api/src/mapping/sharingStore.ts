import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { NotFoundError } from '../http/errors';
import {
  FULL_ACCESS,
  NOTHING_SHARED,
  policyFromRules,
  type SharingLevel,
  type SharingPolicy,
  type SharingRule,
} from './sharing';

/** Loads partners and sharing rules, and builds the policies sharing.ts decides with. */

export interface PartnerRow {
  id: string;
  workspaceId: string;
  partnerWorkspaceId: string | null;
  name: string;
  kind: 'workspace' | 'managed';
  status: 'invited' | 'active' | 'ended';
}

function toPartner(r: Record<string, unknown>): PartnerRow {
  return {
    id: String(r.id),
    workspaceId: String(r.workspace_id),
    partnerWorkspaceId: (r.partner_workspace_id as string | null) ?? null,
    name: String(r.name),
    kind: r.kind === 'managed' ? 'managed' : 'workspace',
    status: r.status as PartnerRow['status'],
  };
}

/** One of my partners, or 404 (another workspace's partner is indistinguishable from none). */
export async function findPartner(
  db: Knex,
  workspaceId: string,
  partnerId: string,
): Promise<PartnerRow> {
  const row = await db('partners').where({ workspace_id: workspaceId, id: partnerId }).first();
  if (!row) throw new NotFoundError(`Partner ${partnerId} not found`, 'partner_not_found');
  return toPartner(row);
}

export async function listPartners(
  db: Knex,
  workspaceId: string,
  ids?: string[],
): Promise<PartnerRow[]> {
  const q = db('partners').where('workspace_id', workspaceId);
  if (ids) q.whereIn('id', ids);
  return (await q).map(toPartner);
}

/** The partner's row pointing back at me: whose sharing rules govern what I see of them. */
export async function reverseRow(db: Knex, mine: PartnerRow): Promise<PartnerRow | null> {
  if (!mine.partnerWorkspaceId) return null;
  const row = await db('partners')
    .where({
      workspace_id: mine.partnerWorkspaceId,
      partner_workspace_id: mine.workspaceId,
      status: 'active',
    })
    .first();
  return row ? toPartner(row) : null;
}

export async function loadRules(db: Knex, partnerRowId: string): Promise<SharingRule[]> {
  const rows = await db('sharing_rules')
    .select('population_id', 'level', 'fields')
    .where('partner_id', partnerRowId);
  return rows.map((r) => ({
    populationId: r.population_id,
    level: r.level as SharingLevel,
    fields: JSON.parse(r.fields ?? '[]') as string[],
  }));
}

/** What the viewer (owner of `mine`) may see of the partner's records. */
export async function viewerPolicy(db: Knex, mine: PartnerRow): Promise<SharingPolicy> {
  // Status first: an ended partnership shows nothing, managed or not.
  if (mine.status !== 'active') return NOTHING_SHARED;
  if (mine.kind === 'managed') return FULL_ACCESS;
  const back = await reverseRow(db, mine);
  return back ? policyFromRules(await loadRules(db, back.id)) : NOTHING_SHARED;
}

/** My own rules toward the partner (for the matrix's "my side" condition). */
export async function ownPolicy(db: Knex, mine: PartnerRow): Promise<SharingPolicy> {
  if (mine.kind === 'managed') return FULL_ACCESS;
  return policyFromRules(await loadRules(db, mine.id));
}

export async function populationNames(
  db: Knex,
  workspaceId: string | null,
): Promise<Map<string, string>> {
  if (!workspaceId) return new Map();
  const rows = await db('populations')
    .select('id', 'name')
    .where('workspace_id', workspaceId)
    .orderBy('created_at');
  return new Map(rows.map((r) => [String(r.id), String(r.name)]));
}

/** Replaces the rule set of one partner row (hidden entries are stored as no row). */
export async function replaceRules(
  db: Knex,
  partnerRowId: string,
  workspaceId: string,
  rules: SharingRule[],
  now: string,
) {
  await db.transaction(async (trx) => {
    await trx('sharing_rules').where('partner_id', partnerRowId).delete();
    const rows = rules
      .filter((r) => r.level !== 'hidden')
      .map((r) => ({
        id: randomUUID(),
        workspace_id: workspaceId,
        partner_id: partnerRowId,
        population_id: r.populationId,
        level: r.level,
        fields: JSON.stringify(r.level === 'overlaps' ? r.fields : []),
        updated_at: now,
      }));
    for (let i = 0; i < rows.length; i += 50)
      await trx('sharing_rules').insert(rows.slice(i, i + 50));
  });
}

/** Memberships of records (by row id) as id → population ids. */
export async function membershipsOf(db: Knex, recordIds: number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  for (let i = 0; i < recordIds.length; i += 500) {
    const rows = await db('record_populations')
      .select('record_id', 'population_id')
      .whereIn('record_id', recordIds.slice(i, i + 500));
    for (const r of rows) {
      const id = Number(r.record_id);
      const list = out.get(id) ?? [];
      list.push(String(r.population_id));
      out.set(id, list);
    }
  }
  return out;
}
