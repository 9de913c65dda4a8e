import type { Connection } from 'jsforce';
import type { SfRow } from './fieldMap';
import { errorText, isFatal, isTransient, withRetry, type RetryOptions } from './retry';

/**
 * sObject Collections: at most 200 records per call ("sObject Collections" in the REST API
 * Developer Guide); jsforce 3 sends whatever it is given in one call, so chunking is ours.
 */
export const COLLECTION_SIZE = 200;

export interface SendResult {
  /** index into the rows sent */
  index: number;
  ok: boolean;
  sfId?: string | null;
  error?: string;
  /** transient per-record failure (UNABLE_TO_LOCK_ROW): worth another attempt in this run */
  transient?: boolean;
}

interface SaveResult {
  id?: string | null;
  success: boolean;
  errors?: Array<{ statusCode?: string; errorCode?: string; message?: string; fields?: string[] }>;
}

export type WriteOp =
  { kind: 'upsert'; externalId: string } | { kind: 'update' } | { kind: 'delete' };

async function call(
  conn: Connection,
  object: string,
  op: WriteOp,
  rows: SfRow[],
): Promise<SaveResult[]> {
  const so = conn.sobject(object);
  if (op.kind === 'upsert')
    return (await so.upsert(rows as never[], op.externalId, { allOrNone: false })) as SaveResult[];
  if (op.kind === 'update')
    return (await so.update(rows as never[], { allOrNone: false })) as SaveResult[];
  return (await so.destroy(
    rows.map((r) => String(r.Id)),
    { allOrNone: false },
  )) as SaveResult[];
}

function toResult(index: number, r: SaveResult | undefined): SendResult {
  if (!r) return { index, ok: false, error: 'Salesforce returned no result for this record' };
  if (r.success) return { index, ok: true, sfId: r.id ?? null };
  const e = r.errors?.[0];
  const code = e?.statusCode ?? e?.errorCode ?? 'UNKNOWN';
  const fields = e?.fields?.length ? ` (${e.fields.join(', ')})` : '';
  return {
    index,
    ok: false,
    error: `${code}: ${e?.message ?? ''}${fields}`,
    transient: code === 'UNABLE_TO_LOCK_ROW',
  };
}

/**
 * Sends rows 200 at a time with allOrNone=false. A whole call that fails transiently is retried
 * with backoff; records that fail with UNABLE_TO_LOCK_ROW are retried on their own; any other
 * per-record error is returned. `onChunk` gets each chunk's results as soon as Salesforce answered.
 */
export async function sendCollections(
  conn: Connection,
  object: string,
  op: WriteOp,
  rows: SfRow[],
  retry: RetryOptions,
  onChunk?: (done: SendResult[]) => Promise<void>,
): Promise<SendResult[]> {
  const results: SendResult[] = new Array(rows.length);
  for (let start = 0; start < rows.length; start += COLLECTION_SIZE) {
    let pending = rows.slice(start, start + COLLECTION_SIZE).map((_, i) => start + i);
    for (let attempt = 1; pending.length; attempt++) {
      let answer: SaveResult[];
      try {
        answer = await withRetry(
          () =>
            call(
              conn,
              object,
              op,
              pending.map((i) => rows[i]),
            ),
          retry,
        );
      } catch (err) {
        if (isFatal(err)) throw err;
        for (const i of pending)
          results[i] = { index: i, ok: false, error: errorText(err), transient: isTransient(err) };
        break;
      }
      const again: number[] = [];
      pending.forEach((i, k) => {
        results[i] = toResult(i, answer[k]);
        if (results[i].transient && attempt < retry.attempts) again.push(i);
      });
      pending = again;
      if (pending.length)
        await retry.sleep(Math.min(retry.maxMs, retry.baseMs * 2 ** (attempt - 1)));
    }
    await onChunk?.(results.slice(start, start + COLLECTION_SIZE));
  }
  return results;
}
