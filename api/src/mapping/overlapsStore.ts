import type { Knex } from 'knex';
import { isPostgres } from '../db/knex';
import { sharingVersionColumn } from './policyCache';
import { preparedSelect } from './preparedQuery';
import type { FullRecord } from './sharing';

/** Reads of `overlaps` joined with both records; indexed lookups only. */

export interface OverlapRow {
  id: string;
  partnerId: string;
  recordId: number;
  partnerRecordId: number;
  method: 'domain' | 'name' | 'fuzzy' | 'hierarchy';
  relation: 'same' | 'parent' | 'child';
  confidence: number;
  firstSeen: string;
  lastSeen: string;
  mySourceId: string;
  myName: string;
  partner: FullRecord;
}

export interface OverlapQuery {
  workspaceId: string;
  /**
   * Per partner row: the partner populations a row's partner record must be in (sharing's
   * `overlaps` set, narrowed by a partnerPopulation filter), or null for no restriction.
   * Partners not listed are excluded.
   */
  partners: Map<string, string[] | null>;
  myPopulationId?: string;
  recordId?: number;
  afterId?: string;
  limit: number;
}

const iso = (v: unknown) => (v ? new Date(String(v)).toISOString() : '');

function parseFields(v: unknown): Record<string, unknown> {
  try {
    return JSON.parse(String(v ?? '{}')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

export async function queryOverlaps(db: Knex, q: OverlapQuery): Promise<OverlapRow[]> {
  const allowed = [...q.partners].filter(([, pops]) => pops === null || pops.length > 0);
  if (!allowed.length) return [];
  const query = db('overlaps as o')
    .join('records as r', 'r.id', 'o.record_id')
    .join('records as pr', 'pr.id', 'o.partner_record_id')
    .select(...COLUMNS)
    .where('o.workspace_id', q.workspaceId)
    .whereNull('o.ended_at');
  // For one record the rows are few: fetch them by the (workspace, record) index and let the
  // caller's sharing pass drop hidden ones; the population EXISTS would steer the planner off it.
  if (q.recordId !== undefined)
    query.where('o.record_id', q.recordId).whereIn(
      'o.partner_id',
      allowed.map(([id]) => id),
    );
  else
    query.where((w) => {
      for (const [partnerId, pops] of allowed) {
        w.orWhere((one) => {
          one.where('o.partner_id', partnerId);
          if (pops !== null) {
            one.whereExists((s) =>
              s
                .select(db.raw('1'))
                .from('record_populations as vp')
                .where('vp.record_id', db.ref('o.partner_record_id'))
                .whereIn('vp.population_id', pops),
            );
          }
        });
      }
    });
  if (q.myPopulationId) {
    const pop = q.myPopulationId;
    query.whereExists((s) =>
      s
        .select(db.raw('1'))
        .from('record_populations as mp')
        .where('mp.record_id', db.ref('o.record_id'))
        .where('mp.population_id', pop),
    );
  }
  if (q.afterId) query.where('o.id', '>', q.afterId);
  const rows = await query.orderBy('o.id').limit(q.limit);
  return rows.map(toOverlapRow);
}

/** Columns of an overlap joined with both records (`o`, `r`, `pr`); the Salesforce push reuses them. */
export const COLUMNS = [
  'o.id',
  'o.partner_id',
  'o.record_id',
  'o.partner_record_id',
  'o.method',
  'o.relation',
  'o.confidence',
  'o.first_seen',
  'o.last_seen',
  'r.source_id as my_source_id',
  'r.name as my_name',
  'pr.name as p_name',
  'pr.website as p_website',
  'pr.domain as p_domain',
  'pr.country as p_country',
  'pr.owner_name as p_owner_name',
  'pr.owner_email as p_owner_email',
  'pr.type as p_type',
  'pr.fields as p_fields',
];

export function toOverlapRow(r: Record<string, unknown>): OverlapRow {
  return {
    id: String(r.id),
    partnerId: r.partner_id,
    recordId: Number(r.record_id),
    partnerRecordId: Number(r.partner_record_id),
    method: r.method,
    relation: r.relation,
    confidence: Number(r.confidence),
    firstSeen: iso(r.first_seen),
    lastSeen: iso(r.last_seen),
    mySourceId: r.my_source_id,
    myName: r.my_name,
    partner: {
      name: r.p_name,
      website: r.p_website ?? null,
      domain: r.p_domain ?? null,
      country: r.p_country ?? null,
      ownerName: r.p_owner_name ?? null,
      ownerEmail: r.p_owner_email ?? null,
      type: r.p_type ?? null,
      fields: parseFields(r.p_fields),
    },
  } as OverlapRow;
}

export interface RecordWithOverlaps {
  record: { id: number; sourceId: string; name: string };
  /** active overlaps of the record with any partner, before sharing (the caller applies it) */
  rows: OverlapRow[];
  /** population ids of the record and of each overlap's partner record, by record id */
  members: Map<number, string[]>;
  /** `cache_versions` counter read in the same statement as the rows */
  sharingVersion: number;
}

/** Population ids of one record, comma-joined, as a select-list subquery (ids hold no commas). */
function populationList(db: Knex, recordColumn: string, alias: string): Knex.QueryBuilder {
  const agg = isPostgres(db)
    ? "string_agg(population_id::text, ',')"
    : "group_concat(population_id, ',')";
  return db('record_populations')
    .select(db.raw(agg))
    .where('record_id', db.ref(recordColumn))
    .as(alias);
}

/**
 * The Account page read in one prepared statement: the record, its active overlaps joined with
 * the partner records, both sides' populations and the sharing cache counter.
 */
const recordWithOverlapsQuery = preparedSelect(
  2,
  (db: Knex, workspaceId: string, sourceId: string) =>
    db('records as r')
      .leftJoin('overlaps as o', (on) =>
        on
          .on('o.record_id', 'r.id')
          .andOn('o.workspace_id', 'r.workspace_id')
          .andOnNull('o.ended_at'),
      )
      .leftJoin('records as pr', 'pr.id', 'o.partner_record_id')
      .select(
        'r.id as r_id',
        ...COLUMNS,
        sharingVersionColumn(db, 'sharing_version'),
        populationList(db, 'r.id', 'my_pops'),
        populationList(db, 'o.partner_record_id', 'p_pops'),
      )
      .where({ 'r.workspace_id': workspaceId, 'r.source_id': sourceId })
      .whereNull('r.deleted_at')
      .orderBy('o.id')
      .limit(RECORD_OVERLAPS_FETCH),
);

/** Overlaps read for one record (more than are shown: hidden ones are dropped after the read). */
export const RECORD_OVERLAPS_FETCH = 2000;

const splitIds = (v: unknown): string[] => (v ? String(v).split(',') : []);

export async function recordWithOverlaps(
  db: Knex,
  workspaceId: string,
  sourceId: string,
): Promise<RecordWithOverlaps | null> {
  const rows = await recordWithOverlapsQuery(db, workspaceId, sourceId);
  if (!rows.length) return null;
  const [first] = rows;
  const recordId = Number(first.r_id);
  const members = new Map<number, string[]>([[recordId, splitIds(first.my_pops)]]);
  const overlaps: OverlapRow[] = [];
  for (const r of rows) {
    if (r.id === null || r.id === undefined) continue; // the record has no active overlap
    const row = toOverlapRow(r);
    overlaps.push(row);
    members.set(row.partnerRecordId, splitIds(r.p_pops));
  }
  return {
    record: { id: recordId, sourceId: String(first.my_source_id), name: String(first.my_name) },
    rows: overlaps,
    members,
    sharingVersion: Number(first.sharing_version),
  };
}

export async function findRecordBySourceId(db: Knex, workspaceId: string, sourceId: string) {
  const row = await db('records')
    .select('id', 'source_id', 'name')
    .where({ workspace_id: workspaceId, source_id: sourceId })
    .whereNull('deleted_at')
    .first();
  return row
    ? { id: Number(row.id), sourceId: String(row.source_id), name: String(row.name) }
    : null;
}

/** Raw matrix counts: `"myPop|partnerPop"` → active overlaps whose two records are in them. */
export async function matrixCounts(
  db: Knex,
  workspaceId: string,
  partnerId: string,
  myPopulationIds: string[],
  partnerPopulationIds: string[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (!myPopulationIds.length || !partnerPopulationIds.length) return out;
  const rows = await db('overlaps as o')
    .join('record_populations as mp', 'mp.record_id', 'o.record_id')
    .join('record_populations as pp', 'pp.record_id', 'o.partner_record_id')
    .where({ 'o.workspace_id': workspaceId, 'o.partner_id': partnerId })
    .whereNull('o.ended_at')
    .whereIn('mp.population_id', myPopulationIds)
    .whereIn('pp.population_id', partnerPopulationIds)
    .groupBy('mp.population_id', 'pp.population_id')
    .select('mp.population_id as m', 'pp.population_id as q')
    .count({ n: '*' });
  for (const r of rows as Array<{ m: string; q: string; n: unknown }>)
    out.set(`${r.m}|${r.q}`, Number(r.n));
  return out;
}
