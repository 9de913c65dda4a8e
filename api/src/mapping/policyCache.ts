import type { Knex } from 'knex';
import type { SharingPolicy } from './sharing';
import { listPartners, populationNames, viewerPolicy, type PartnerRow } from './sharingStore';

/**
 * What sharing decides with, per workspace: its active partners, the policy each partner's rules
 * give it, the partner's population names, and its own population names. Loading it costs
 * 2 + 3 × partners queries, so it is cached per database handle and tagged with the
 * `cache_versions` counter that triggers move on every write to partners, sharing rules or
 * populations (migration 020). A caller reads the counter first (or in the same statement as its
 * data) and gets the cached entry only when the counter has not moved since it was loaded.
 * Transactions never read or fill the cache: their uncommitted writes must not leak out of it,
 * and PostgreSQL moves the counter only at commit.
 */

export interface PartnerScope {
  partner: PartnerRow;
  policy: SharingPolicy;
  /** the partner workspace's population names by id */
  names: Map<string, string>;
}

export interface WorkspaceSharing {
  /** active partners only */
  scopes: PartnerScope[];
  myNames: Map<string, string>;
}

interface Entry extends WorkspaceSharing {
  version: number;
}

const MAX_WORKSPACES = 5_000;
const caches = new WeakMap<Knex, Map<string, Entry>>();

export const SHARING_VERSION = 'sharing';

/** The counter as a select-list subquery, so a data query can read it in the same snapshot. */
export function sharingVersionColumn(db: Knex, alias: string): Knex.QueryBuilder {
  return db('cache_versions').select('version').where('name', SHARING_VERSION).as(alias);
}

export async function readSharingVersion(db: Knex): Promise<number> {
  const row = await db('cache_versions').select('version').where('name', SHARING_VERSION).first();
  return Number(row?.version ?? 0);
}

export async function loadWorkspaceSharing(
  db: Knex,
  workspaceId: string,
): Promise<WorkspaceSharing> {
  const scopes: PartnerScope[] = [];
  for (const partner of await listPartners(db, workspaceId)) {
    if (partner.status !== 'active') continue;
    scopes.push({
      partner,
      policy: await viewerPolicy(db, partner),
      names: await populationNames(db, partner.partnerWorkspaceId),
    });
  }
  return { scopes, myNames: await populationNames(db, workspaceId) };
}

/**
 * The workspace's sharing inputs as of `version` (a counter value read before this call, or in
 * the same statement as the caller's rows): cached when the counter has not moved, else loaded.
 */
export async function workspaceSharing(
  db: Knex,
  workspaceId: string,
  version: number,
): Promise<WorkspaceSharing> {
  if (db.isTransaction) return loadWorkspaceSharing(db, workspaceId);
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const hit = cache.get(workspaceId);
  if (hit && hit.version === version) return hit;
  // Loaded after `version` was read, so at least as new; a racing newer load is not overwritten.
  const loaded = await loadWorkspaceSharing(db, workspaceId);
  const current = cache.get(workspaceId);
  if (!current || current.version <= version) {
    cache.delete(workspaceId);
    if (cache.size >= MAX_WORKSPACES) cache.delete(cache.keys().next().value!);
    cache.set(workspaceId, { ...loaded, version });
  }
  return loaded;
}
