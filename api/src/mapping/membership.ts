import type { Knex } from 'knex';
import { evaluateFilter, parseFilter, type Filter, type FilterableRecord } from './filter';

/**
 * Which populations a record belongs to, materialised in `record_populations`. The decision is a
 * pure function of the record, whether its account has an open opportunity, and the definitions;
 * the refresh diffs it against what is stored so only real changes are written.
 */

export type StandardKey = 'customers' | 'open_opportunities' | 'prospects' | 'leads';

export interface PopulationDefinition {
  id: string;
  standardKey: StandardKey | null;
  filter: Filter | null;
}

export interface MemberRecord extends FilterableRecord {
  id: number;
  sourceId: string;
  deleted: boolean;
}

const isCustomerType = (type: string | null) =>
  (type ?? '').trim().toLowerCase().startsWith('customer');

export function isMember(
  p: PopulationDefinition,
  r: MemberRecord,
  hasOpenOpportunity: boolean,
): boolean {
  if (r.deleted) return false;
  const type = (r.type ?? '').trim().toLowerCase();
  switch (p.standardKey) {
    case 'customers':
      return isCustomerType(r.type);
    case 'open_opportunities':
      return hasOpenOpportunity;
    case 'prospects':
      return type === 'prospect' && !isCustomerType(r.type);
    case 'leads':
      return type === 'lead';
    default:
      return p.filter ? evaluateFilter(p.filter, r) : false;
  }
}

export async function loadDefinitions(
  db: Knex,
  workspaceId: string,
): Promise<PopulationDefinition[]> {
  const rows = await db('populations')
    .select('id', 'standard_key', 'filter')
    .where('workspace_id', workspaceId);
  return rows.map((r) => ({
    id: r.id,
    standardKey: (r.standard_key as StandardKey | null) ?? null,
    filter: r.filter ? parseFilter(JSON.parse(r.filter)) : null,
  }));
}

export function toMemberRecord(row: Record<string, unknown>): MemberRecord {
  let fields: Record<string, unknown> = {};
  try {
    fields = JSON.parse(String(row.fields ?? '{}')) as Record<string, unknown>;
  } catch {
    fields = {};
  }
  return {
    id: Number(row.id),
    sourceId: String(row.source_id),
    name: String(row.name),
    website: (row.website as string | null) ?? null,
    domain: (row.domain as string | null) ?? null,
    country: (row.country as string | null) ?? null,
    type: (row.type as string | null) ?? null,
    ownerName: (row.owner_name as string | null) ?? null,
    ownerEmail: (row.owner_email as string | null) ?? null,
    fields,
    deleted: Boolean(row.deleted_at),
  };
}

const RECORD_COLUMNS = [
  'id',
  'source_id',
  'name',
  'website',
  'domain',
  'country',
  'type',
  'owner_name',
  'owner_email',
  'fields',
  'deleted_at',
];

/** Record id → population ids before and after, for records whose membership changed. */
export type MembershipChanges = Map<
  number,
  { sourceId: string; before: string[]; after: string[] }
>;

/**
 * Recomputes membership for the given records (by source id), or for every record of the
 * workspace when `sourceIds` is omitted. Returns only the records whose membership changed.
 */
export async function refreshMembership(
  db: Knex,
  workspaceId: string,
  sourceIds?: string[],
): Promise<MembershipChanges> {
  const defs = await loadDefinitions(db, workspaceId);
  const changes: MembershipChanges = new Map();
  const chunks: Array<string[] | null> = [];
  if (sourceIds)
    for (let i = 0; i < sourceIds.length; i += 500) chunks.push(sourceIds.slice(i, i + 500));
  else chunks.push(null);

  for (const chunk of chunks) {
    const recQ = db('records').select(RECORD_COLUMNS).where('workspace_id', workspaceId);
    const oppQ = db('opportunities')
      .distinct('account_source_id')
      .where({ workspace_id: workspaceId })
      .whereNull('deleted_at')
      .where((q) => q.where('is_closed', false).orWhereNull('is_closed'));
    if (chunk) {
      recQ.whereIn('source_id', chunk);
      oppQ.whereIn('account_source_id', chunk);
    }
    const records = (await recQ).map(toMemberRecord);
    const open = new Set((await oppQ).map((o) => String(o.account_source_id)));
    const existing = await existingMembership(
      db,
      workspaceId,
      chunk ? records.map((r) => r.id) : null,
    );
    const inserts: Array<{ record_id: number; population_id: string }> = [];
    const deletes: Array<[number, string]> = [];
    for (const r of records) {
      const after = defs
        .filter((p) => isMember(p, r, open.has(r.sourceId)))
        .map((p) => p.id)
        .sort();
      const before = (existing.get(r.id) ?? []).sort();
      if (before.join('|') === after.join('|')) continue;
      changes.set(r.id, { sourceId: r.sourceId, before, after });
      for (const p of after)
        if (!before.includes(p)) inserts.push({ record_id: r.id, population_id: p });
      for (const p of before) if (!after.includes(p)) deletes.push([r.id, p]);
    }
    await writeMembership(db, inserts, deletes);
  }
  return changes;
}

async function existingMembership(db: Knex, workspaceId: string, recordIds: number[] | null) {
  const out = new Map<number, string[]>();
  const add = (rows: Array<{ record_id: number; population_id: string }>) => {
    for (const row of rows) {
      const id = Number(row.record_id);
      const list = out.get(id) ?? [];
      list.push(row.population_id);
      out.set(id, list);
    }
  };
  if (recordIds === null) {
    add(
      await db('record_populations as rp')
        .join('populations as p', 'p.id', 'rp.population_id')
        .select('rp.record_id', 'rp.population_id')
        .where('p.workspace_id', workspaceId),
    );
  } else {
    for (let i = 0; i < recordIds.length; i += 500) {
      add(
        await db('record_populations')
          .select('record_id', 'population_id')
          .whereIn('record_id', recordIds.slice(i, i + 500)),
      );
    }
  }
  return out;
}

async function writeMembership(
  db: Knex,
  inserts: Array<{ record_id: number; population_id: string }>,
  deletes: Array<[number, string]>,
) {
  if (!inserts.length && !deletes.length) return;
  await db.transaction(async (trx) => {
    for (let i = 0; i < inserts.length; i += 400)
      await trx('record_populations').insert(inserts.slice(i, i + 400));
    for (const [recordId, populationId] of deletes) {
      await trx('record_populations')
        .where({ record_id: recordId, population_id: populationId })
        .delete();
    }
  });
}
