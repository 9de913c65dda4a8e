import { randomUUID } from 'node:crypto';
import type { AppContext } from '../context';
import { ConflictError } from '../http/errors';
import { findWorkspaceSettings } from '../mapping/workspaces';
import { ApiCalls, openSession } from './client';
import { findConnection, markSynced } from './connectionStore';
import { pullWorkspace } from './pull';
import { pushWorkspace, type PushOptions } from './push';
import { defaultRetry, errorText, type RetryOptions } from './retry';
import {
  activeRun,
  finishRun,
  insertRun,
  markRunning,
  type SyncCounts,
  type SyncError,
  type SyncRun,
  type SyncStatus,
  type SyncTrigger,
} from './syncRunsStore';

/** Workspace settings under `settings.salesforce`. */
export interface SalesforceSettings {
  endedOverlaps: 'deactivate' | 'delete';
  syncIntervalMinutes?: number;
  accountFields: string[];
}

export async function salesforceSettings(
  ctx: AppContext,
  workspaceId: string,
): Promise<SalesforceSettings> {
  const section = (await findWorkspaceSettings(ctx.db, workspaceId))?.salesforce;
  // a missing workspace or malformed section falls back to the defaults
  const s = (section && typeof section === 'object' ? section : {}) as Record<string, unknown>;
  return {
    endedOverlaps: s.endedOverlaps === 'delete' ? 'delete' : 'deactivate',
    syncIntervalMinutes:
      typeof s.syncIntervalMinutes === 'number' && s.syncIntervalMinutes >= 0
        ? s.syncIntervalMinutes
        : undefined,
    accountFields: Array.isArray(s.accountFields)
      ? s.accountFields.filter((f): f is string => typeof f === 'string')
      : [],
  };
}

/** Knobs a test or benchmark turns; production uses the defaults. */
export interface SyncDeps {
  retry?: RetryOptions;
  collectionsMax?: number;
  afterChunk?: PushOptions['afterChunk'];
  pull?: boolean;
}

/** Workspaces with a run in flight in this process: the guard that never runs two at once. */
const inFlight = new Set<string>();

export function isSyncing(workspaceId: string): boolean {
  return inFlight.has(workspaceId);
}

/** Runs one sync to the end and records it; never throws (the run row carries the failure). */
export async function runSync(
  ctx: AppContext,
  run: SyncRun,
  deps: SyncDeps = {},
): Promise<SyncRun> {
  const retry = deps.retry ?? defaultRetry;
  const calls = new ApiCalls();
  const counts: SyncCounts = {
    pulledAccounts: 0,
    pulledOpportunities: 0,
    deleted: 0,
    pushed: 0,
    unchanged: 0,
    failed: 0,
    skipped: 0,
    apiCalls: 0,
    writeCalls: 0,
  };
  const errors: SyncError[] = [];
  let status: SyncStatus = 'succeeded';
  let stage: SyncError['stage'] = 'connect';
  await markRunning(ctx.db, run.id, ctx.now().toISOString());
  try {
    const session = await openSession(ctx, run.workspaceId, calls);
    if (!session) throw new Error('The workspace has no Salesforce connection');
    const settings = await salesforceSettings(ctx, run.workspaceId);
    if (deps.pull !== false) {
      stage = 'pull';
      Object.assign(
        counts,
        await pullWorkspace(ctx, session.conn, run.workspaceId, {
          bulkThreshold: ctx.config.bulkThreshold,
          retry,
          accountFields: settings.accountFields,
        }),
      );
    }
    stage = 'push';
    const pushed = await pushWorkspace(ctx, session.conn, run.workspaceId, {
      retry,
      collectionsMax: deps.collectionsMax ?? Math.min(2000, ctx.config.bulkThreshold),
      endedOverlaps: settings.endedOverlaps,
      afterChunk: deps.afterChunk,
    });
    counts.pushed = pushed.counts.pushed;
    counts.unchanged = pushed.counts.unchanged;
    counts.failed = pushed.counts.failed;
    counts.skipped = pushed.counts.skipped;
    if (pushed.skipped.length)
      ctx.logger.warn(
        {
          runId: run.id,
          workspaceId: run.workspaceId,
          skipped: pushed.skipped.length,
          keys: pushed.skipped.slice(0, 5).map((s) => s.key),
        },
        pushed.skipped[0].reason,
      );
    counts.deleted += pushed.counts.deleted;
    for (const e of pushed.errors)
      errors.push({ stage: 'push', object: e.object, key: e.key, message: e.error });
    if (errors.length) status = 'partial';
    await markSynced(ctx.db, run.workspaceId, ctx.now().toISOString());
  } catch (err) {
    status = 'failed';
    errors.push({ stage, message: errorText(err) });
    ctx.logger.warn({ err, runId: run.id, workspaceId: run.workspaceId }, 'salesforce sync failed');
  }
  counts.apiCalls = calls.total;
  counts.writeCalls = calls.writes;
  const finishedAt = ctx.now().toISOString();
  await finishRun(ctx.db, run.id, status, finishedAt, counts, errors);
  return { ...run, status, finishedAt, counts, errors };
}

/**
 * Queues a run and starts it in the background. 409 when one is already running for the
 * workspace or when no org is connected.
 */
export async function startSync(
  ctx: AppContext,
  workspaceId: string,
  trigger: SyncTrigger,
  deps: SyncDeps = {},
): Promise<{ run: SyncRun; done: Promise<SyncRun> }> {
  if (inFlight.has(workspaceId))
    throw new ConflictError('A sync is already running for this workspace', 'sync_running');
  inFlight.add(workspaceId);
  try {
    if (!(await findConnection(ctx.db, workspaceId))) {
      throw new ConflictError(
        'Connect a Salesforce org first: POST /v1/salesforce/connection',
        'salesforce_not_connected',
      );
    }
    if (await activeRun(ctx.db, workspaceId))
      throw new ConflictError('A sync is already running for this workspace', 'sync_running');
    const run: SyncRun = {
      id: randomUUID(),
      workspaceId,
      trigger,
      status: 'queued',
      createdAt: ctx.now().toISOString(),
      startedAt: null,
      finishedAt: null,
      counts: {},
      errors: [],
    };
    await insertRun(ctx.db, run);
    const done = runSync(ctx, run, deps).finally(() => inFlight.delete(workspaceId));
    return { run, done };
  } catch (err) {
    inFlight.delete(workspaceId);
    throw err;
  }
}
