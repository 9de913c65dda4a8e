import type { AppContext } from '../context';
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
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const r = await runNotifier(ctx, { loadAlert, ...options });
      if (r.enqueued || r.delivered || r.failed) ctx.logger.info(r, 'alerts');
    } catch (err) {
      ctx.logger.error({ err }, 'notifier pass failed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  void tick();
  return () => clearInterval(timer);
}
