import type { AppContext } from './context';

/**
 * Runs `pass` now (unless `runNow` is false) and then every `intervalMs` in the API process,
 * never two passes at once; a failed pass is logged and the next one runs as planned. Returns
 * the stop function.
 */
export function every(
  ctx: AppContext,
  name: string,
  intervalMs: number,
  pass: () => Promise<Record<string, number> | void>,
  options: { runNow?: boolean } = {},
): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const result = await pass();
      if (result && Object.values(result).some((n) => n > 0)) ctx.logger.info(result, name);
    } catch (err) {
      ctx.logger.error({ err }, `${name} pass failed`);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  if (options.runNow ?? true) void tick();
  return () => clearInterval(timer);
}
