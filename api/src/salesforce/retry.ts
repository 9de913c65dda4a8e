/**
 * Retries for what Salesforce says is temporary: 429, 403 REQUEST_LIMIT_EXCEEDED, 5xx,
 * UNABLE_TO_LOCK_ROW, and dropped connections. Exponential backoff with full jitter; the sleep
 * is injectable so tests run at full speed.
 */
export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export interface RetryOptions {
  sleep: Sleep;
  attempts: number;
  baseMs: number;
  maxMs: number;
  random?: () => number;
}

export const defaultRetry: RetryOptions = {
  sleep: realSleep,
  attempts: 6,
  baseMs: 500,
  maxMs: 30_000,
};

const TRANSIENT_CODES = new Set([
  'REQUEST_LIMIT_EXCEEDED',
  'UNABLE_TO_LOCK_ROW',
  'SERVER_UNAVAILABLE',
  'QUERY_TIMEOUT',
]);
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);

/** True for an error worth trying again: the same request may well succeed in a moment. */
export function isTransient(err: unknown): boolean {
  const e = err as {
    errorCode?: string;
    name?: string;
    code?: string;
    message?: string;
    cause?: unknown;
  };
  const code = e?.errorCode ?? e?.name ?? '';
  if (TRANSIENT_CODES.has(code)) return true;
  const http = /^ERROR_HTTP_(\d{3})$/.exec(code);
  if (http && (http[1] === '429' || http[1].startsWith('5'))) return true;
  if (e?.code && NETWORK_CODES.has(e.code)) return true;
  if (/socket hang up|other side closed|fetch failed|ECONNRESET|terminated/i.test(e?.message ?? ''))
    return true;
  return e?.cause ? isTransient(e.cause) : false;
}

/** Delay before attempt n (1-based retry number): full jitter over an exponential cap. */
export function backoffMs(
  retry: number,
  o: Pick<RetryOptions, 'baseMs' | 'maxMs' | 'random'>,
): number {
  const cap = Math.min(o.maxMs, o.baseMs * 2 ** (retry - 1));
  return Math.round(cap / 2 + (cap / 2) * (o.random ?? Math.random)());
}

/** Runs fn, retrying transient failures; the last error is rethrown with the attempt count. */
export async function withRetry<T>(
  fn: () => Promise<T>,
  o: RetryOptions,
  onRetry?: (err: unknown) => void,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (attempt >= o.attempts || !isTransient(err)) throw err;
      onRetry?.(err);
      await o.sleep(backoffMs(attempt, o));
    }
  }
}

/** Errors that no other record would escape either: the session is gone. They end the run. */
export function isFatal(err: unknown): boolean {
  const e = err as { errorCode?: string; name?: string; message?: string };
  return (
    e?.errorCode === 'INVALID_SESSION_ID' ||
    e?.name === 'INVALID_SESSION_ID' ||
    /Unable to refresh session/i.test(e?.message ?? '')
  );
}

export function errorText(err: unknown): string {
  const e = err as { errorCode?: string; name?: string; message?: string };
  const code = e?.errorCode ?? (e?.name && e.name !== 'Error' ? e.name : undefined);
  return [code, e?.message].filter(Boolean).join(': ') || String(err);
}
