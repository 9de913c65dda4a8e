import type { Connection } from 'jsforce';
import type { AppContext } from '../context';
import { contentHash } from '../mapping/recordsStore';
import { sendBulk } from './bulkIngest';
import { sendCollections, type SendResult, type WriteOp } from './collections';
import {
  ACCOUNT_PUSH,
  OPPORTUNITY_PUSH,
  PARTNER,
  PARTNER_ATTRIBUTION,
  PARTNER_OVERLAP,
  type SfRow,
} from './fieldMap';
import { loadAttributions, loadOverlapPlan, partnerValues } from './pushPlan';
import {
  accountRow,
  accountValues,
  attributionRow,
  deactivatedOverlapRow,
  endedPartnerRow,
  opportunityRow,
  opportunityValues,
  overlapRow,
  partnerRow,
} from './pushRows';
import { forgetKeys, loadPushState, recordOutcomes, type PushState } from './pushStore';
import type { RetryOptions } from './retry';

export interface PushCounts {
  pushed: number;
  unchanged: number;
  failed: number;
  deleted: number;
}

export interface PushOptions {
  retry: RetryOptions;
  /** change sets above this many rows go through one Bulk API 2.0 job per object */
  collectionsMax: number;
  endedOverlaps: 'deactivate' | 'delete';
  /** test hook: called after each confirmed chunk, so a test can "crash" the push mid-way */
  afterChunk?: (object: string) => void | Promise<void>;
}

interface Desired {
  key: string;
  row: SfRow;
}

export interface PushErrors {
  object: string;
  key: string;
  error: string;
}

interface Ctx {
  app: AppContext;
  conn: Connection;
  workspaceId: string;
  o: PushOptions;
  counts: PushCounts;
  errors: PushErrors[];
}

/**
 * Sends the rows whose hash differs from what Salesforce confirmed last. The hash is written
 * per chunk, only after Salesforce answered; upserts by external id make a replay after a crash
 * harmless, so a resumed push ends in the same state without duplicates.
 */
async function sync(
  c: Ctx,
  object: string,
  op: WriteOp,
  desired: Desired[],
  state: Map<string, PushState>,
  wantIds = false,
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
    const outcomes = results.map((r) => ({
      key: changed[r.index].key,
      ok: r.ok,
      hash: changed[r.index].hash,
      sfId: r.sfId,
      error: r.error,
    }));
    await recordOutcomes(c.app.db, c.workspaceId, object, outcomes, state, now);
    for (const r of outcomes) {
      if (r.ok) c.counts.pushed++;
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
async function remove(c: Ctx, object: string, keys: string[], state: Map<string, PushState>) {
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

/** Pushes partners, overlaps, attributions, then the Account and Opportunity roll-ups. */
export async function pushWorkspace(
  app: AppContext,
  conn: Connection,
  workspaceId: string,
  o: PushOptions,
) {
  const c: Ctx = {
    app,
    conn,
    workspaceId,
    o,
    counts: { pushed: 0, unchanged: 0, failed: 0, deleted: 0 },
    errors: [],
  };
  const db = app.db;
  const plan = await loadOverlapPlan(db, workspaceId);

  const pState = await loadPushState(db, workspaceId, PARTNER.object);
  const partners: Desired[] = partnerValues(plan.partners).map((p) => ({
    key: p.id,
    row: partnerRow(p),
  }));
  const partnerIds = new Set(partners.map((p) => p.key));
  for (const k of pState.keys())
    if (!partnerIds.has(k)) partners.push({ key: k, row: endedPartnerRow(k) });
  await sync(
    c,
    PARTNER.object,
    { kind: 'upsert', externalId: PARTNER.externalId },
    partners,
    pState,
    true,
  );
  const partnerSf = new Map(
    [...(await loadPushState(db, workspaceId, PARTNER.object))].map(([k, s]) => [k, s.sfId]),
  );

  // Overlaps whose partner has no Salesforce id yet wait for the next run (the lookup needs it).
  const overlaps = plan.overlaps
    .filter((ov) => partnerSf.get(ov.partnerId))
    .map((ov) => ({ ...ov, partnerSfId: partnerSf.get(ov.partnerId)! }));
  const oState = await loadPushState(db, workspaceId, PARTNER_OVERLAP.object);
  const wanted = new Map(overlaps.map((ov) => [ov.id, ov]));
  const deleteMode = o.endedOverlaps === 'delete';
  const toDelete: string[] = [];
  const oRows: Desired[] = [];
  for (const ov of overlaps) {
    if (deleteMode && !ov.active) {
      if (oState.has(ov.id)) toDelete.push(ov.id);
    } else oRows.push({ key: ov.id, row: overlapRow(ov) });
  }
  for (const k of oState.keys()) {
    if (wanted.has(k)) continue;
    if (deleteMode) toDelete.push(k);
    else oRows.push({ key: k, row: deactivatedOverlapRow(k) });
  }
  await sync(
    c,
    PARTNER_OVERLAP.object,
    { kind: 'upsert', externalId: PARTNER_OVERLAP.externalId },
    oRows,
    oState,
    deleteMode,
  );
  if (toDelete.length)
    await remove(
      c,
      PARTNER_OVERLAP.object,
      toDelete,
      await loadPushState(db, workspaceId, PARTNER_OVERLAP.object),
    );

  const attributions = (await loadAttributions(db, workspaceId))
    .filter((a) => partnerSf.get(a.partnerId))
    .map((a) => ({ ...a, partnerSfId: partnerSf.get(a.partnerId)! }));
  const atState = await loadPushState(db, workspaceId, PARTNER_ATTRIBUTION.object);
  const atKeys = new Set(attributions.map((a) => a.id));
  await sync(
    c,
    PARTNER_ATTRIBUTION.object,
    { kind: 'upsert', externalId: PARTNER_ATTRIBUTION.externalId },
    attributions.map((a) => ({ key: a.id, row: attributionRow(a) })),
    atState,
    true,
  );
  const staleAttributions = [...atState.keys()].filter((k) => !atKeys.has(k));
  if (staleAttributions.length)
    await remove(
      c,
      PARTNER_ATTRIBUTION.object,
      staleAttributions,
      await loadPushState(db, workspaceId, PARTNER_ATTRIBUTION.object),
    );

  // Roll-ups: every account with overlaps, plus accounts we wrote before (to clear them).
  const byAccount = new Map<string, typeof overlaps>();
  for (const ov of overlaps) {
    const list = byAccount.get(ov.accountSourceId);
    if (list) list.push(ov);
    else byAccount.set(ov.accountSourceId, [ov]);
  }
  const acState = await loadPushState(db, workspaceId, ACCOUNT_PUSH.object);
  for (const k of acState.keys()) if (!byAccount.has(k)) byAccount.set(k, []);
  const accounts = [...byAccount].map(([id, list]) => ({
    key: id,
    row: accountRow(accountValues(id, list)),
  }));
  await sync(c, ACCOUNT_PUSH.object, { kind: 'update' }, accounts, acState);

  const byOpp = new Map<string, typeof attributions>();
  for (const a of attributions) {
    const list = byOpp.get(a.opportunitySourceId);
    if (list) list.push(a);
    else byOpp.set(a.opportunitySourceId, [a]);
  }
  const opState = await loadPushState(db, workspaceId, OPPORTUNITY_PUSH.object);
  for (const k of opState.keys()) if (!byOpp.has(k)) byOpp.set(k, []);
  const opps = [...byOpp].map(([id, list]) => ({
    key: id,
    row: opportunityRow(opportunityValues(id, list)),
  }));
  await sync(c, OPPORTUNITY_PUSH.object, { kind: 'update' }, opps, opState);

  return { counts: c.counts, errors: c.errors };
}
