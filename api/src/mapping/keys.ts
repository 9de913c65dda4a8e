import type { Knex } from 'knex';
import { ConflictError, NotFoundError } from '../http/errors';
import type { KeyScope } from './apiKeys';
import { issueApiKey, type IssuedKey } from './workspaces';

/** An API key as listings show it: never the key itself, only its prefix. */
export interface ApiKeyView {
  id: string;
  name: string;
  prefix: string;
  scope: KeyScope;
  createdAt: string;
  lastUsedAt: string | null;
}

interface KeyRow {
  id: string;
  name: string;
  prefix: string;
  scope: KeyScope;
  created_at: string | Date;
  last_used_at: string | Date | null;
}

function iso(value: string | Date | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}

function toView(r: KeyRow): ApiKeyView {
  return {
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    scope: r.scope,
    createdAt: iso(r.created_at) as string,
    lastUsedAt: iso(r.last_used_at),
  };
}

export async function listKeys(db: Knex, workspaceId: string): Promise<ApiKeyView[]> {
  const rows = await db('api_keys')
    .select<KeyRow[]>('id', 'name', 'prefix', 'scope', 'created_at', 'last_used_at')
    .where({ workspace_id: workspaceId })
    .whereNull('revoked_at')
    .orderBy([{ column: 'created_at' }, { column: 'id' }]);
  return rows.map(toView);
}

export async function createKey(
  db: Knex,
  workspaceId: string,
  name: string,
  scope: KeyScope,
): Promise<IssuedKey & { createdAt: string }> {
  const issued = await issueApiKey(db, workspaceId, name, scope);
  const row = await db('api_keys').select('created_at').where({ id: issued.id }).first();
  return { ...issued, createdAt: iso(row.created_at) as string };
}

/**
 * Revokes a key of the workspace. Revoking the key making the call is allowed only while another
 * admin key remains, so a workspace can never lock itself out.
 */
export async function revokeKey(
  db: Knex,
  workspaceId: string,
  keyId: string,
  callerKeyId: string,
  now: Date,
): Promise<void> {
  await db.transaction(async (trx) => {
    const key = await trx('api_keys')
      .where({ id: keyId, workspace_id: workspaceId })
      .whereNull('revoked_at')
      .first();
    if (!key) throw new NotFoundError(`No API key ${keyId} in this workspace`, 'api_key_not_found');
    if (keyId === callerKeyId) {
      const [{ n }] = await trx('api_keys')
        .where({ workspace_id: workspaceId, scope: 'admin' })
        .whereNull('revoked_at')
        .whereNot({ id: keyId })
        .count<{ n: number | string }[]>({ n: '*' });
      if (Number(n) === 0) {
        throw new ConflictError(
          'This is the last admin key of the workspace; create another admin key before revoking it',
          'last_admin_key',
        );
      }
    }
    await trx('api_keys').where({ id: keyId }).update({ revoked_at: now.toISOString() });
  });
}
