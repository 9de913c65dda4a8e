import type { AppContext } from '../context';
import { every } from '../periodic';
import { runNotifier, type NotifierOptions } from './dispatcher';
import { loadAlert } from './source';

/**
 * Runs the notifier on an interval in the API process. Deliveries live in the database, so a
 * restart resumes where the last process stopped; passes never overlap.
 */
export function startNotifier(
  ctx: AppContext,
  intervalMs = 15_000,
  options: Partial<NotifierOptions> = {},
): () => void {
  return every(ctx, 'alerts', intervalMs, () => runNotifier(ctx, { loadAlert, ...options }));
}
