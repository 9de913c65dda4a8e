import type { Knex } from 'knex';
import { readDb } from '../db/knex';
import { InputError, NotFoundError } from '../http/errors';
import { decodeCursor, encodeCursor } from '../http/validate';
import {
  countablePopulationIds,
  matrixCells,
  overlapPopulationIds,
  projectRecord,
  type MatrixCell,
  type SharedRecord,
} from './sharing';
import {
  findRecordBySourceId,
  matrixCounts,
  queryOverlaps,
  recordWithOverlaps,
  type OverlapRow,
} from './overlapsStore';
import {
  readSharingVersion,
  workspaceSharing,
  type PartnerScope,
  type WorkspaceSharing,
} from './policyCache';
import {
  findPartner,
  membershipsOf,
  ownPolicy,
  populationNames,
  viewerPolicy,
} from './sharingStore';

/** Overlaps as a workspace sees them: every partner record passes through sharing.ts. */

export interface OverlapView {
  id: string;
  partner: { id: string; name: string };
  myRecord: { sourceId: string; name: string };
  myPopulations: string[];
  partnerPopulations: string[];
  partnerRecord: SharedRecord;
  method: OverlapRow['method'];
  relation: OverlapRow['relation'];
  confidence: number;
  firstSeen: string;
  lastSeen: string;
}

export interface ListFilters {
  partnerId?: string;
  /** my population, by id or name */
  population?: string;
  /** the partner's population, by id or name; matches only populations shared at `overlaps` */
  partnerPopulation?: string;
  recordSourceId?: string;
  cursor?: string;
  limit: number;
}

/** Sharing inputs (cached, see policyCache.ts), narrowed to one partner (404 when not mine). */
async function scopes(
  db: Knex,
  workspaceId: string,
  partnerId?: string,
): Promise<WorkspaceSharing> {
  const version = await readSharingVersion(db);
  if (partnerId) await findPartner(db, workspaceId, partnerId);
  const sharing = await workspaceSharing(db, workspaceId, version);
  if (!partnerId) return sharing;
  return { ...sharing, scopes: sharing.scopes.filter((s) => s.partner.id === partnerId) };
}

const resolvePopulation = (names: Map<string, string>, ref: string): string | undefined =>
  names.has(ref) ? ref : [...names].find(([, n]) => n === ref)?.[0];

/** Memberships of both records of every row, then the rows as the workspace may see them. */
async function hydrate(
  db: Knex,
  rows: OverlapRow[],
  sharing: WorkspaceSharing,
  only: Map<string, string[] | null>,
): Promise<OverlapView[]> {
  if (!rows.length) return [];
  const ids = [...new Set(rows.flatMap((r) => [r.recordId, r.partnerRecordId]))];
  return views(rows, await membershipsOf(db, ids), sharing, only);
}

/** `only`: per partner, the partner populations a row must be shown through (null = any). */
function views(
  rows: OverlapRow[],
  members: Map<number, string[]>,
  sharing: WorkspaceSharing,
  only: Map<string, string[] | null>,
): OverlapView[] {
  const { myNames } = sharing;
  const byPartner = new Map<string, PartnerScope>(sharing.scopes.map((s) => [s.partner.id, s]));
  const out: OverlapView[] = [];
  for (const r of rows) {
    const scope = byPartner.get(r.partnerId);
    if (!scope) continue;
    const view = projectRecord(scope.policy, r.partner, members.get(r.partnerRecordId) ?? []);
    if (!view) continue; // the store pre-filters lists; this is the guarantee
    const pops = only.get(r.partnerId);
    if (pops === undefined || (pops !== null && !view.populationIds.some((p) => pops.includes(p))))
      continue;
    out.push({
      id: r.id,
      partner: { id: scope.partner.id, name: scope.partner.name },
      myRecord: { sourceId: r.mySourceId, name: r.myName },
      myPopulations: (members.get(r.recordId) ?? [])
        .map((p) => myNames.get(p))
        .filter((n): n is string => !!n)
        .sort(),
      partnerPopulations: view.populationIds
        .map((p) => scope.names.get(p))
        .filter((n): n is string => !!n)
        .sort(),
      partnerRecord: view.record,
      method: r.method,
      relation: r.relation,
      confidence: r.confidence,
      firstSeen: r.firstSeen,
      lastSeen: r.lastSeen,
    });
  }
  return out;
}

export async function listOverlaps(
  db: Knex,
  workspaceId: string,
  f: ListFilters,
): Promise<{ data: OverlapView[]; nextCursor: string | null }> {
  const sharing = await scopes(db, workspaceId, f.partnerId);
  const partners = new Map<string, string[] | null>();
  for (const s of sharing.scopes) {
    let pops = overlapPopulationIds(s.policy);
    if (f.partnerPopulation !== undefined) {
      const id = resolvePopulation(s.names, f.partnerPopulation);
      pops = id === undefined ? [] : pops === null || pops.includes(id) ? [id] : [];
    }
    partners.set(s.partner.id, pops);
  }
  let myPopulationId: string | undefined;
  if (f.population !== undefined) {
    myPopulationId = resolvePopulation(sharing.myNames, f.population);
    if (!myPopulationId)
      throw new InputError(`Unknown population "${f.population}"`, [
        { field: 'population', reason: 'no such population in this workspace' },
      ]);
  }
  let recordId: number | undefined;
  if (f.recordSourceId !== undefined) {
    const rec = await findRecordBySourceId(db, workspaceId, f.recordSourceId);
    if (!rec) return { data: [], nextCursor: null };
    recordId = rec.id;
  }
  const rows = await queryOverlaps(db, {
    workspaceId,
    partners,
    myPopulationId,
    recordId,
    afterId: decodeCursor(f.cursor, 'string'),
    limit: f.limit + 1,
  });
  const page = rows.slice(0, f.limit);
  const data = await hydrate(db, page, sharing, partners);
  return {
    data,
    nextCursor: rows.length > f.limit ? encodeCursor(page[page.length - 1].id) : null,
  };
}

/** What the Account page shows: one record's overlaps with every partner. */
export async function recordOverlaps(db: Knex, workspaceId: string, sourceId: string) {
  // One prepared statement for the record, its overlaps, both sides' memberships and the
  // sharing counter; sharing's inputs come from the cache unless the counter moved.
  const reader = readDb(db);
  const found = await recordWithOverlaps(reader, workspaceId, sourceId);
  if (!found) throw new NotFoundError(`Record ${sourceId} not found`, 'record_not_found');
  const { record, rows, members, sharingVersion } = found;
  const sharing = rows.length
    ? await workspaceSharing(reader, workspaceId, sharingVersion)
    : { scopes: [], myNames: new Map<string, string>() };
  const partners = new Map(
    sharing.scopes.map((s) => [s.partner.id, overlapPopulationIds(s.policy)]),
  );
  const overlaps = views(rows, members, sharing, partners);
  return {
    record: { sourceId: record.sourceId, name: record.name },
    overlaps: overlaps.slice(0, RECORD_OVERLAPS_LIMIT),
  };
}

/** Overlaps shown for one record (overlapsStore fetches more: hidden ones are dropped). */
const RECORD_OVERLAPS_LIMIT = 500;

/** One overlap of mine, as I may see it, or 404 (also when sharing hides its partner record). */
export async function getOverlap(
  db: Knex,
  workspaceId: string,
  overlapId: string,
): Promise<OverlapView> {
  const row = await db('overlaps')
    .select('partner_id', 'record_id')
    .where({ workspace_id: workspaceId, id: overlapId })
    .whereNull('ended_at')
    .first();
  if (row) {
    const sharing = await scopes(db, workspaceId, row.partner_id);
    const partners = new Map(
      sharing.scopes.map((s) => [s.partner.id, overlapPopulationIds(s.policy)]),
    );
    const rows = (
      await queryOverlaps(db, {
        workspaceId,
        partners,
        recordId: Number(row.record_id),
        limit: 500,
      })
    ).filter((r) => r.id === overlapId);
    const [view] = await hydrate(db, rows, sharing, partners);
    if (view) return view;
  }
  throw new NotFoundError(`Overlap ${overlapId} not found`, 'overlap_not_found');
}

export interface Matrix {
  partner: { id: string; name: string };
  myPopulations: Array<{ id: string; name: string }>;
  partnerPopulations: Array<{ id: string; name: string }>;
  cells: MatrixCell[];
}

/** The account mapping matrix; partner populations are listed only when countable by me. */
export async function partnerMatrix(
  db: Knex,
  workspaceId: string,
  partnerId: string,
): Promise<Matrix> {
  const partner = await findPartner(db, workspaceId, partnerId);
  const myNames = await populationNames(db, workspaceId);
  const theirNames =
    partner.status === 'active'
      ? await populationNames(db, partner.partnerWorkspaceId)
      : new Map<string, string>();
  const mine = await ownPolicy(db, partner);
  const theirs = await viewerPolicy(db, partner);
  const probe = matrixCells(mine, theirs, [...myNames.keys()], [...theirNames.keys()], new Map());
  const myIds = [...new Set(probe.map((c) => c.myPopulationId))];
  const theirIds = [...new Set(probe.map((c) => c.partnerPopulationId))];
  const counts = await matrixCounts(db, workspaceId, partnerId, myIds, theirIds);
  return {
    partner: { id: partner.id, name: partner.name },
    myPopulations: [...myNames].map(([id, name]) => ({ id, name })),
    partnerPopulations: countablePopulationIds(theirs, theirNames.keys()).map((id) => ({
      id,
      name: theirNames.get(id)!,
    })),
    cells: matrixCells(mine, theirs, [...myNames.keys()], [...theirNames.keys()], counts),
  };
}
