import type { Knex } from 'knex';
import { toIso, toIsoOrNull } from '../attribution/rows';

export type SyncTrigger = 'manual' | 'schedule' | 'api';
export type SyncStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'partial';

export interface SyncCounts {
  pulledAccounts: number;
  pulledOpportunities: number;
  deleted: number;
  pushed: number;
  unchanged: number;
  failed: number;
  /** overlaps left out on purpose: their account has no Salesforce Account Id (CSV import) */
  skipped: number;
  apiCalls: number;
  writeCalls: number;
}

export interface SyncError {
  stage: 'connect' | 'pull' | 'push';
  object?: string;
  key?: string;
  message: string;
}

export interface SyncRun {
  id: string;
  workspaceId: string;
  trigger: SyncTrigger;
  status: SyncStatus;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  counts: Partial<SyncCounts>;
  errors: SyncError[];
}

function fromRow(r: Record<string, unknown>): SyncRun {
  return {
    id: String(r.id),
    workspaceId: String(r.workspace_id),
    trigger: r.trigger as SyncTrigger,
    status: r.status as SyncStatus,
    createdAt: toIso(r.created_at),
    startedAt: toIsoOrNull(r.started_at),
    finishedAt: toIsoOrNull(r.finished_at),
    counts: JSON.parse((r.counts as string) ?? '{}'),
    errors: JSON.parse((r.errors as string) ?? '[]'),
  };
}

export async function insertRun(db: Knex, run: SyncRun): Promise<void> {
  await db('sync_runs').insert({
    id: run.id,
    workspace_id: run.workspaceId,
    trigger: run.trigger,
    status: run.status,
    created_at: run.createdAt,
    counts: JSON.stringify(run.counts),
    errors: JSON.stringify(run.errors),
  });
}

export async function markRunning(db: Knex, id: string, at: string): Promise<void> {
  await db('sync_runs').where({ id }).update({ status: 'running', started_at: at });
}

export async function finishRun(
  db: Knex,
  id: string,
  status: SyncStatus,
  at: string,
  counts: Partial<SyncCounts>,
  errors: SyncError[],
) {
  // Errors are capped so one bad run cannot bloat the table; the count says how many there were.
  await db('sync_runs')
    .where({ id })
    .update({
      status,
      finished_at: at,
      counts: JSON.stringify(counts),
      errors: JSON.stringify(errors.slice(0, 200)),
    });
}

export async function findRun(db: Knex, workspaceId: string, id: string): Promise<SyncRun | null> {
  const row = await db('sync_runs').where({ workspace_id: workspaceId, id }).first();
  return row ? fromRow(row) : null;
}

export async function listRuns(
  db: Knex,
  workspaceId: string,
  limit: number,
  before?: string,
): Promise<SyncRun[]> {
  const q = db('sync_runs')
    .where({ workspace_id: workspaceId })
    .orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .limit(limit);
  if (before) q.where('created_at', '<', before);
  return (await q).map(fromRow);
}

export async function activeRun(db: Knex, workspaceId: string): Promise<SyncRun | null> {
  const row = await db('sync_runs')
    .where({ workspace_id: workspaceId })
    .whereIn('status', ['queued', 'running'])
    .first();
  return row ? fromRow(row) : null;
}

export async function lastRunAt(db: Knex, workspaceId: string): Promise<string | null> {
  const row = await db('sync_runs')
    .where({ workspace_id: workspaceId })
    .max({ at: 'created_at' })
    .first();
  return toIsoOrNull(row?.at);
}

/** Runs left queued/running by a process that stopped are closed as failed at start. */
export async function failInterruptedRuns(db: Knex, at: string): Promise<number> {
  return db('sync_runs')
    .whereIn('status', ['queued', 'running'])
    .update({
      status: 'failed',
      finished_at: at,
      errors: JSON.stringify([
        { stage: 'connect', message: 'interrupted: the API stopped during the run' },
      ]),
    });
}
