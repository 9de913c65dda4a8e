import type { AppContext } from '../context';
import { every } from '../periodic';
import { connectedWorkspaceIds } from './connectionStore';
import { isSyncing, salesforceSettings, startSync, type SyncDeps } from './sync';
import { failInterruptedRuns, lastRunAt } from './syncRunsStore';

export interface Scheduler {
  stop(): void;
  /** One pass over connected workspaces; exposed so tests need not wait for the timer. */
  tick(): Promise<string[]>;
}

/**
 * Starts a sync for each connected workspace whose interval (settings.salesforce.
 * syncIntervalMinutes, else OVERLAP_SYNC_INTERVAL_MINUTES; 0 = never) has passed since its last
 * run. startSync refuses a second run for a workspace, so ticks never overlap runs. The first
 * pass waits one interval: at boot the demo org is still being connected.
 */
export function startScheduler(
  ctx: AppContext,
  deps: SyncDeps = {},
  checkEveryMs = 60_000,
): Scheduler {
  // Close what a previous process left running before any new run can start.
  const ready = failInterruptedRuns(ctx.db, ctx.now().toISOString()).then((n) => {
    if (n) ctx.logger.warn({ runs: n }, 'closed sync runs interrupted by the last stop');
  });
  const tick = async (): Promise<string[]> => {
    await ready;
    const started: string[] = [];
    for (const workspaceId of await connectedWorkspaceIds(ctx.db)) {
      if (isSyncing(workspaceId)) continue;
      const minutes =
        (await salesforceSettings(ctx, workspaceId)).syncIntervalMinutes ??
        ctx.config.syncIntervalMinutes;
      if (minutes <= 0) continue;
      const last = await lastRunAt(ctx.db, workspaceId);
      if (last && ctx.now().getTime() - new Date(last).getTime() < minutes * 60_000) continue;
      try {
        const { done } = await startSync(ctx, workspaceId, 'schedule', deps);
        started.push(workspaceId);
        done.catch((err) => ctx.logger.error({ err, workspaceId }, 'scheduled sync crashed'));
      } catch (err) {
        ctx.logger.debug({ err, workspaceId }, 'scheduled sync not started');
      }
    }
    return started;
  };
  const stop = every(
    ctx,
    'salesforce sync scheduler',
    checkEveryMs,
    async () => ({ started: (await tick()).length }),
    { runNow: false },
  );
  return { stop, tick };
}
