/** Polls a sync run until it leaves queued/running or the deadline passes. */
import type { OverlapClient, SyncRun } from './apiClient';

export const isFinished = (r: SyncRun): boolean => r.status !== 'queued' && r.status !== 'running';

export async function waitForRun(
  client: OverlapClient,
  run: SyncRun,
  waitMs: number,
  onPoll: (r: SyncRun) => void,
  pollMs = 500,
): Promise<SyncRun> {
  const deadline = Date.now() + waitMs;
  let current = run;
  while (!isFinished(current) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, Math.min(pollMs, Math.max(0, deadline - Date.now()))));
    current = await client.getSyncRun(run.id);
    onPoll(current);
  }
  return current;
}
