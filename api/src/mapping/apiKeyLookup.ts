import type { Knex } from 'knex';
import type { KeyScope } from './apiKeys';
import { preparedSelect } from './preparedQuery';

/**
 * The reads behind every authenticated request, as prepared statements: the `api_keys` cache
 * counter (migration 025 moves it on every revoke, re-scope or delete) and a live key by digest,
 * read with the counter in the same statement so a cached entry is never older than its tag.
 */

export const API_KEYS_VERSION = 'api_keys';

export interface LiveKey {
  id: string;
  workspaceId: string;
  scope: KeyScope;
  hash: string;
  lastUsedAt: number;
  /** the `api_keys` counter as of this read */
  version: number;
}

const versionQuery = preparedSelect(0, (db: Knex) =>
  db('cache_versions').select('version').where('name', API_KEYS_VERSION),
);

const keyQuery = preparedSelect(1, (db: Knex, digest: string) =>
  db('api_keys')
    .select(
      'id',
      'workspace_id',
      'scope',
      'hash',
      'last_used_at',
      db('cache_versions').select('version').where('name', API_KEYS_VERSION).as('keys_version'),
    )
    .where('hash', digest)
    .whereNull('revoked_at')
    .limit(1),
);

export async function readApiKeysVersion(db: Knex): Promise<number> {
  const [row] = await versionQuery(db);
  return Number(row?.version ?? 0);
}

/** The unrevoked key with this sha256 digest, or null. */
export async function findLiveKey(db: Knex, digest: string): Promise<LiveKey | null> {
  const [row] = await keyQuery(db, digest);
  if (!row) return null;
  return {
    id: String(row.id),
    workspaceId: String(row.workspace_id),
    scope: row.scope as KeyScope,
    hash: String(row.hash),
    lastUsedAt: row.last_used_at ? new Date(String(row.last_used_at)).getTime() : 0,
    version: Number(row.keys_version),
  };
}
