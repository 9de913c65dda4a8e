import type { Connection } from 'jsforce';
import type { AppContext } from '../context';
import { contentHash } from '../mapping/recordsStore';
import { sendBulk } from './bulkIngest';
import { sendCollections, type SendResult, type WriteOp } from './collections';
import type { SfRow } from './fieldMap';
import { forgetKeys, recordOutcomes, type PushState } from './pushStore';
import type { RetryOptions } from './retry';

/** The generic half of the push: send what changed since Salesforce last confirmed, delete what went away. */

export interface PushCounts {
  pushed: number;
  unchanged: number;
  failed: number;
  deleted: number;
  /** rows left out on purpose (see `skipped` for why), not failures */
  skipped: number;
}

export interface PushOptions {
  retry: RetryOptions;
  /** change sets above this many rows go through one Bulk API 2.0 job per object */
  collectionsMax: number;
  endedOverlaps: 'deactivate' | 'delete';
  /** test hook: called after each confirmed chunk, so a test can "crash" the push mid-way */
  afterChunk?: (object: string) => void | Promise<void>;
}

export interface Desired {
  key: string;
  row: SfRow;
}

export interface PushErrors {
  object: string;
  key: string;
  error: string;
}

export interface PushSkip {
  object: string;
  key: string;
  reason: string;
}

export interface PushCtx {
  app: AppContext;
  conn: Connection;
  workspaceId: string;
  o: PushOptions;
  counts: PushCounts;
  errors: PushErrors[];
  skipped: PushSkip[];
}

/**
 * Sends the rows whose hash differs from what Salesforce confirmed last. The hash is written
 * per chunk, only after Salesforce answered; upserts by external id make a replay after a crash
 * harmless, so a resumed push ends in the same state without duplicates. `gone` names failures
 * that mean Salesforce deleted the record for good (its master went): those settle like a
 * success, counted as deleted, so the row is not retried on every run.
 */
export async function syncRows(
  c: PushCtx,
  object: string,
  op: WriteOp,
  desired: Desired[],
  state: Map<string, PushState>,
  wantIds = false,
  gone?: (key: string, error: string) => boolean,
) {
  const changed: Array<Desired & { hash: string }> = [];
  for (const d of desired) {
    const hash = contentHash(d.row);
    if (state.get(d.key)?.hash === hash) c.counts.unchanged++;
    else changed.push({ ...d, hash });
  }
  if (!changed.length) return;
  const now = c.app.now().toISOString();
  const record = async (results: SendResult[]) => {
    const outcomes = results.map((r) => {
      const key = changed[r.index].key;
      const settled = !r.ok && !!gone?.(key, r.error ?? '');
      return {
        key,
        ok: r.ok || settled,
        settled,
        hash: changed[r.index].hash,
        sfId: settled ? null : r.sfId,
        error: settled ? undefined : r.error,
      };
    });
    await recordOutcomes(c.app.db, c.workspaceId, object, outcomes, state, now);
    for (const r of outcomes) {
      if (r.settled) c.counts.deleted++;
      else if (r.ok) c.counts.pushed++;
      else {
        c.counts.failed++;
        c.errors.push({ object, key: r.key, error: r.error ?? 'unknown error' });
      }
    }
    await c.o.afterChunk?.(object);
  };
  const rows = changed.map((d) => d.row);
  if (changed.length <= c.o.collectionsMax) {
    await sendCollections(c.conn, object, op, rows, c.o.retry, record);
    return;
  }
  const results = await sendBulk(c.conn, object, op, rows, { retry: c.o.retry, wantIds });
  // Lock contention inside the job: give those rows one more pass through collections.
  let locked = results.filter((r) => !r.ok && r.transient);
  if (locked.length > c.o.collectionsMax) locked = []; // a failed job: the next run retries it
  const lockedSet = new Set(locked);
  const settled = results.filter((r) => !lockedSet.has(r));
  await record(settled);
  if (locked.length) {
    const retried = await sendCollections(
      c.conn,
      object,
      op,
      locked.map((r) => rows[r.index]),
      c.o.retry,
    );
    await record(retried.map((r) => ({ ...r, index: locked[r.index].index })));
  }
}

/** Deletes rows by their Salesforce id and forgets them; rows without a known id are reported. */
export async function removeRows(
  c: PushCtx,
  object: string,
  keys: string[],
  state: Map<string, PushState>,
) {
  const known = keys.filter((k) => state.get(k)?.sfId);
  for (const k of keys.filter((k) => !state.get(k)?.sfId)) {
    c.errors.push({ object, key: k, error: 'cannot delete: no Salesforce id known for this row' });
  }
  if (!known.length) return;
  const results = await sendCollections(
    c.conn,
    object,
    { kind: 'delete' },
    known.map((k) => ({ Id: state.get(k)!.sfId! })),
    c.o.retry,
  );
  const gone = results
    .filter((r) => r.ok || /ENTITY_IS_DELETED|INVALID_CROSS_REFERENCE_KEY/.test(r.error ?? ''))
    .map((r) => known[r.index]);
  await forgetKeys(c.app.db, c.workspaceId, object, gone);
  c.counts.deleted += gone.length;
  for (const r of results.filter((r) => !gone.includes(known[r.index]))) {
    c.counts.failed++;
    c.errors.push({ object, key: known[r.index], error: r.error ?? 'delete failed' });
  }
}

/**
 * Deletes what Salesforce still holds of `object` that Overlap no longer has (keys in the push
 * state but not in `keep`). Call after the object's sync: its removal keys were not part of that
 * sync, so the state loaded before it is still right for them.
 */
export async function removeStale(
  c: PushCtx,
  object: string,
  state: Map<string, PushState>,
  keep: Set<string>,
) {
  const stale = [...state.keys()].filter((k) => !keep.has(k));
  if (stale.length) await removeRows(c, object, stale, state);
}
