import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { NotFoundError } from '../http/errors';
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

/**
 * `workspaces.settings`, the one reader: a JSON object whose sections belong to their parts
 * (`attribution`, `planning`, `salesforce`, `minConfidence`, `managedBy`). Malformed or non-object
 * text reads as `{}`, so each part falls back to its defaults instead of failing requests.
 */
export function parseSettings(raw: unknown): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(String(raw ?? '{}'));
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

/** The workspace's settings, or null when there is no such workspace. */
export async function findWorkspaceSettings(
  db: Knex,
  workspaceId: string,
): Promise<Record<string, unknown> | null> {
  const row = await db('workspaces').select('settings').where('id', workspaceId).first();
  return row ? parseSettings(row.settings) : null;
}

/** The workspace's settings; 404 when there is no such workspace. */
export async function workspaceSettings(
  db: Knex,
  workspaceId: string,
): Promise<Record<string, unknown>> {
  const settings = await findWorkspaceSettings(db, workspaceId);
  if (!settings) throw new NotFoundError(`Workspace ${workspaceId} not found`);
  return settings;
}

/** Replaces one section of the settings, keeping the others. */
export async function putSettingsSection(
  db: Knex,
  workspaceId: string,
  section: string,
  value: unknown,
): Promise<void> {
  const settings = await workspaceSettings(db, workspaceId);
  await db('workspaces')
    .where('id', workspaceId)
    .update({ settings: JSON.stringify({ ...settings, [section]: value }) });
}
