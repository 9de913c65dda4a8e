import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { generateApiKey, type KeyScope } from './apiKeys';
import { ensureStandardPopulations } from './populations';

export interface Workspace {
  id: string;
  name: string;
  settings: Record<string, unknown>;
  createdAt: string;
}

export interface IssuedKey {
  id: string;
  key: string; // shown once
  prefix: string;
  scope: KeyScope;
  name: string;
}

export async function createWorkspace(db: Knex, name: string): Promise<Workspace> {
  const ws = { id: randomUUID(), name, settings: '{}', created_at: new Date().toISOString() };
  await db('workspaces').insert(ws);
  return { id: ws.id, name, settings: {}, createdAt: ws.created_at };
}

export async function issueApiKey(
  db: Knex,
  workspaceId: string,
  name: string,
  scope: KeyScope,
): Promise<IssuedKey> {
  const { key, prefix, hash } = generateApiKey();
  const id = randomUUID();
  await db('api_keys').insert({
    id,
    workspace_id: workspaceId,
    name,
    prefix,
    hash,
    scope,
    created_at: new Date().toISOString(),
  });
  return { id, key, prefix, scope, name };
}

/** Makes two workspaces partners of each other (both directions active). */
export async function linkPartners(db: Knex, a: Workspace, b: Workspace): Promise<void> {
  const now = new Date().toISOString();
  await db('partners').insert([
    {
      id: randomUUID(),
      workspace_id: a.id,
      partner_workspace_id: b.id,
      name: b.name,
      kind: 'workspace',
      status: 'active',
      created_at: now,
    },
    {
      id: randomUUID(),
      workspace_id: b.id,
      partner_workspace_id: a.id,
      name: a.name,
      kind: 'workspace',
      status: 'active',
      created_at: now,
    },
  ]);
}

/**
 * A new workspace with its first admin key and the four standard populations, all or nothing.
 * `settings.managedBy` marks the hidden workspace that holds a managed partner's data.
 */
export async function provisionWorkspace(
  db: Knex,
  name: string,
  options: { keyName?: string; managedBy?: string } = {},
): Promise<{ workspace: Workspace; apiKey: IssuedKey | null }> {
  return db.transaction(async (trx) => {
    const workspace = await createWorkspace(trx, name);
    if (options.managedBy) {
      workspace.settings = { managedBy: options.managedBy };
      await trx('workspaces')
        .where({ id: workspace.id })
        .update({ settings: JSON.stringify(workspace.settings) });
    }
    await ensureStandardPopulations(trx, workspace.id);
    // A managed partner's workspace has no keys: nobody logs in as it.
    const apiKey = options.managedBy
      ? null
      : await issueApiKey(trx, workspace.id, options.keyName ?? 'first admin key', 'admin');
    return { workspace, apiKey };
  });
}
