import type { Knex } from 'knex';
import { MatchIndex, type AccountInput } from '../matching';

/**
 * One prepared MatchIndex per workspace, kept in memory per database handle, so a change of a
 * few records is matched without re-reading and re-preparing the partner's whole list.
 * Kept current by `onRecordsChanged` (upsert/remove); writers that bypass it (bulk loads) call
 * `invalidateMatchIndex`. Record ids in the index are source ids; `ids` maps them to row ids.
 */
export interface IndexEntry {
  index: MatchIndex;
  ids: Map<string, number>;
}

const caches = new WeakMap<Knex, Map<string, IndexEntry>>();

function cacheOf(db: Knex): Map<string, IndexEntry> {
  let c = caches.get(db);
  if (!c) caches.set(db, (c = new Map()));
  return c;
}

export interface AccountRow {
  id: number;
  source_id: string;
  name: string;
  website: string | null;
  country: string | null;
  parent_source_id: string | null;
}

export const ACCOUNT_COLUMNS = [
  'id',
  'source_id',
  'name',
  'website',
  'country',
  'parent_source_id',
];

export function toAccount(r: AccountRow): AccountInput {
  return {
    id: r.source_id,
    name: r.name,
    website: r.website,
    country: r.country,
    parentId: r.parent_source_id,
  };
}

export async function loadLiveAccounts(
  db: Knex,
  workspaceId: string,
  sourceIds?: string[],
): Promise<AccountRow[]> {
  if (!sourceIds) {
    return db('records')
      .select(ACCOUNT_COLUMNS)
      .where('workspace_id', workspaceId)
      .whereNull('deleted_at');
  }
  const out: AccountRow[] = [];
  for (let i = 0; i < sourceIds.length; i += 500) {
    out.push(
      ...(await db('records')
        .select(ACCOUNT_COLUMNS)
        .where('workspace_id', workspaceId)
        .whereNull('deleted_at')
        .whereIn('source_id', sourceIds.slice(i, i + 500))),
    );
  }
  return out;
}

export function buildEntry(rows: AccountRow[]): IndexEntry {
  const ids = new Map<string, number>();
  for (const r of rows) ids.set(r.source_id, Number(r.id));
  return { index: MatchIndex.build(rows.map(toAccount)), ids };
}

/** The workspace's index, built from the database on first use (or when `rebuild`). */
export async function matchIndexFor(
  db: Knex,
  workspaceId: string,
  rebuild = false,
): Promise<IndexEntry> {
  const cache = cacheOf(db);
  const hit = cache.get(workspaceId);
  if (hit && !rebuild) return hit;
  const entry = buildEntry(await loadLiveAccounts(db, workspaceId));
  cache.set(workspaceId, entry);
  return entry;
}

/** Applies changes to a cached index; a workspace not cached yet is left to be built on demand. */
export function updateCachedIndex(
  db: Knex,
  workspaceId: string,
  upserted: AccountRow[],
  removedSourceIds: string[],
) {
  const entry = cacheOf(db).get(workspaceId);
  if (!entry) return;
  for (const r of upserted) {
    entry.index.upsert(toAccount(r));
    entry.ids.set(r.source_id, Number(r.id));
  }
  for (const id of removedSourceIds) {
    entry.index.remove(id);
    entry.ids.delete(id);
  }
}

export function invalidateMatchIndex(db: Knex, workspaceId?: string): void {
  if (workspaceId) cacheOf(db).delete(workspaceId);
  else caches.delete(db);
}
