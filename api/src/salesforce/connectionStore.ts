import type { Knex } from 'knex';

export type ConnectMethod = 'token' | 'client_credentials' | 'jwt';

/** Everything needed to (re)authenticate; stored only inside the encrypted envelope. */
export type Credentials =
  | {
      method: 'token';
      instanceUrl: string;
      accessToken: string;
      refreshToken?: string;
      clientId?: string;
      clientSecret?: string;
      loginUrl?: string;
    }
  | { method: 'client_credentials'; loginUrl: string; clientId: string; clientSecret: string }
  | { method: 'jwt'; loginUrl: string; clientId: string; username: string; privateKey: string };

/** Credentials plus the session currently in use (refreshed in place). */
export interface StoredSecrets {
  credentials: Credentials;
  accessToken: string;
  instanceUrl: string;
}

export interface ConnectionRow {
  workspaceId: string;
  method: ConnectMethod;
  instanceUrl: string;
  loginUrl: string | null;
  orgId: string | null;
  userId: string | null;
  secrets: string;
  connectedAt: string;
  lastSyncAt: string | null;
}

function fromRow(r: Record<string, unknown>): ConnectionRow {
  return {
    workspaceId: r.workspace_id as string,
    method: r.method as ConnectMethod,
    instanceUrl: r.instance_url as string,
    loginUrl: (r.login_url as string | null) ?? null,
    orgId: (r.org_id as string | null) ?? null,
    userId: (r.user_id as string | null) ?? null,
    secrets: r.secrets as string,
    connectedAt: new Date(r.connected_at as string).toISOString(),
    lastSyncAt: r.last_sync_at ? new Date(r.last_sync_at as string).toISOString() : null,
  };
}

export async function findConnection(db: Knex, workspaceId: string): Promise<ConnectionRow | null> {
  const row = await db('sf_connections').where({ workspace_id: workspaceId }).first();
  return row ? fromRow(row) : null;
}

export async function saveConnection(db: Knex, c: ConnectionRow): Promise<void> {
  const row = {
    workspace_id: c.workspaceId,
    method: c.method,
    instance_url: c.instanceUrl,
    login_url: c.loginUrl,
    org_id: c.orgId,
    user_id: c.userId,
    secrets: c.secrets,
    connected_at: c.connectedAt,
    last_sync_at: c.lastSyncAt,
  };
  await db('sf_connections').insert(row).onConflict('workspace_id').merge();
}

export async function updateSession(
  db: Knex,
  workspaceId: string,
  instanceUrl: string,
  secrets: string,
): Promise<void> {
  await db('sf_connections')
    .where({ workspace_id: workspaceId })
    .update({ instance_url: instanceUrl, secrets });
}

export async function markSynced(db: Knex, workspaceId: string, at: string): Promise<void> {
  await db('sf_connections').where({ workspace_id: workspaceId }).update({ last_sync_at: at });
}

/** Forgets the org: connection, pull marks and push state (a new org starts from scratch). */
export async function deleteConnection(db: Knex, workspaceId: string): Promise<boolean> {
  return db.transaction(async (trx) => {
    const n = await trx('sf_connections').where({ workspace_id: workspaceId }).delete();
    await trx('sf_sync_state').where({ workspace_id: workspaceId }).delete();
    await trx('sf_push_state').where({ workspace_id: workspaceId }).delete();
    return n > 0;
  });
}

export async function connectedWorkspaceIds(db: Knex): Promise<string[]> {
  const rows = await db('sf_connections').select('workspace_id');
  return rows.map((r) => r.workspace_id as string);
}
