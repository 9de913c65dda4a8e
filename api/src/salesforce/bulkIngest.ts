import type { Connection } from 'jsforce';
import { stringify } from 'csv-stringify/sync';
import type { SfRow } from './fieldMap';
import type { SendResult, WriteOp } from './collections';
import { errorText, isFatal, isTransient, withRetry, type RetryOptions } from './retry';

/**
 * One Bulk API 2.0 ingest job ("Bulk API 2.0 and Bulk API Developer Guide": Create a Job, Upload
 * Job Data, Close or Abort a Job, Get Job Info, Get Job Successful/Failed Record Results).
 * Written on conn.request rather than jsforce's loadAndWaitForResults so each call is counted
 * and the results fetched are only the ones we need: failed always, successful only for ids.
 */

interface JobInfo {
  id: string;
  state: 'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';
  errorMessage?: string;
  numberRecordsFailed?: number;
  numberRecordsProcessed?: number;
}

const MIN_WAIT_MS = 200;
const BLIND_MAX_MS = 10_000;
const ESTIMATE_MAX_MS = 30_000;

/** The first status call: about 1 s per 50k rows, so a job usually needs only this one. */
export function firstWait(rows: number): number {
  return Math.min(BLIND_MAX_MS, Math.max(MIN_WAIT_MS, rows / 50));
}

/**
 * The next status call for a job still running: when it is due to finish at the rate it has
 * processed rows so far, plus half again, so a slow org costs one more call rather than a
 * doubling series. The margin is wide on purpose: throughput drops towards a job's end (its last
 * batches, a busy org), and waiting a little long costs seconds while polling early costs another
 * call against the org's daily API limit. Without progress to go by, double the last wait.
 */
export function nextWait(total: number, processed: number, elapsedMs: number, last: number) {
  if (processed > 0 && processed < total && elapsedMs > 0) {
    const remaining = ((total - processed) * elapsedMs) / processed;
    return Math.min(ESTIMATE_MAX_MS, Math.max(MIN_WAIT_MS, Math.round(remaining * 1.5)));
  }
  return Math.min(BLIND_MAX_MS, last * 2);
}

/** Bulk CSV: empty means "leave as is", `#N/A` sets a field to null. */
export function toCsv(rows: SfRow[]): string {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (r: SfRow, c: string) => {
    if (!(c in r)) return '';
    const v = r[c];
    return v === null ? '#N/A' : String(v);
  };
  return stringify([columns, ...rows.map((r) => columns.map((c) => cell(r, c)))], {
    record_delimiter: '\n',
  });
}

export interface BulkOptions {
  retry: RetryOptions;
  /** fetch successfulResults too, for the Salesforce ids (needed only to delete rows later) */
  wantIds: boolean;
}

async function runJob(
  conn: Connection,
  object: string,
  op: WriteOp,
  rows: SfRow[],
  o: BulkOptions,
): Promise<SendResult[]> {
  const base = `/services/data/v${conn.version}/jobs/ingest`;
  const keyField = op.kind === 'upsert' ? op.externalId : 'Id';
  const job = await conn.request<JobInfo>({
    method: 'POST',
    url: base,
    body: JSON.stringify({
      object,
      operation: op.kind,
      contentType: 'CSV',
      lineEnding: 'LF',
      ...(op.kind === 'upsert' ? { externalIdFieldName: op.externalId } : {}),
    }),
    headers: { 'content-type': 'application/json' },
  });
  try {
    await conn.request({
      method: 'PUT',
      url: `${base}/${job.id}/batches`,
      body: toCsv(rows),
      headers: { 'content-type': 'text/csv' },
    });
    await conn.request({
      method: 'PATCH',
      url: `${base}/${job.id}`,
      body: JSON.stringify({ state: 'UploadComplete' }),
      headers: { 'content-type': 'application/json' },
    });
  } catch (err) {
    // A job we could not finish uploading must not run half-filled.
    await conn
      .request({
        method: 'PATCH',
        url: `${base}/${job.id}`,
        body: JSON.stringify({ state: 'Aborted' }),
        headers: { 'content-type': 'application/json' },
      })
      .catch(() => undefined);
    throw err;
  }
  // Paced, because each poll is an API call against the org's limit (firstWait, nextWait).
  let info: JobInfo;
  let wait = firstWait(rows.length);
  const closedAt = Date.now();
  for (;;) {
    await o.retry.sleep(wait);
    info = await withRetry(() => conn.request<JobInfo>(`${base}/${job.id}`), o.retry);
    if (info.state === 'JobComplete' || info.state === 'Failed' || info.state === 'Aborted') break;
    wait = nextWait(rows.length, info.numberRecordsProcessed ?? 0, Date.now() - closedAt, wait);
  }
  const indexByKey = new Map(rows.map((r, i) => [String(r[keyField]), i]));
  const results: SendResult[] = rows.map((_, i) => ({
    index: i,
    ok: info.state === 'JobComplete',
    error:
      info.state === 'JobComplete'
        ? undefined
        : `Bulk job ${info.state}: ${info.errorMessage ?? ''}`,
  }));
  if (info.state !== 'JobComplete') return results;
  // No failures counted: the failed-results call would return only a header, so skip it.
  const failed =
    info.numberRecordsFailed === 0
      ? []
      : await withRetry(
          () => conn.request<Record<string, string>[]>(`${base}/${job.id}/failedResults/`),
          o.retry,
        );
  for (const f of Array.isArray(failed) ? failed : []) {
    const i = indexByKey.get(f[keyField]);
    if (i !== undefined)
      results[i] = {
        index: i,
        ok: false,
        error: f.sf__Error,
        transient: /UNABLE_TO_LOCK_ROW/.test(f.sf__Error ?? ''),
      };
  }
  if (o.wantIds) {
    const ok = await withRetry(
      () => conn.request<Record<string, string>[]>(`${base}/${job.id}/successfulResults/`),
      o.retry,
    );
    for (const s of Array.isArray(ok) ? ok : []) {
      const i = indexByKey.get(s[keyField]);
      if (i !== undefined) results[i] = { index: i, ok: true, sfId: s.sf__Id || null };
    }
  }
  return results;
}

/** Runs the job, starting a fresh one when a step fails transiently (upserts make that safe). */
export async function sendBulk(
  conn: Connection,
  object: string,
  op: WriteOp,
  rows: SfRow[],
  o: BulkOptions,
): Promise<SendResult[]> {
  try {
    return await withRetry(() => runJob(conn, object, op, rows, o), o.retry);
  } catch (err) {
    if (isFatal(err)) throw err;
    return rows.map((_, i) => ({
      index: i,
      ok: false,
      error: errorText(err),
      transient: isTransient(err),
    }));
  }
}
