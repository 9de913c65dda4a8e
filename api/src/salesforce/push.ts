import type { Connection } from 'jsforce';
import type { AppContext } from '../context';
import {
  ACCOUNT_PUSH,
  OPPORTUNITY_PUSH,
  PARTNER,
  PARTNER_ATTRIBUTION,
  PARTNER_OVERLAP,
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
import { loadPartnerPlans, pushPlanning } from './pushPlanning';
import { loadPushState } from './pushStore';
import {
  removeRows as remove,
  removeStale,
  syncRows as sync,
  type Desired,
  type PushCtx,
  type PushOptions,
} from './pushSync';

export type { PushCounts, PushOptions } from './pushSync';

/**
 * Pushes partners (with plan versus target), overlaps, attributions, planning sessions and their
 * agenda items, then the Account and Opportunity roll-ups.
 */
export async function pushWorkspace(
  app: AppContext,
  conn: Connection,
  workspaceId: string,
  o: PushOptions,
) {
  const c: PushCtx = {
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
  const partners: Desired[] = partnerValues(
    plan.partners,
    await loadPartnerPlans(app, workspaceId),
  ).map((p) => ({
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
      oState, // removal keys were not part of the sync, so their state is unchanged
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
  await removeStale(c, PARTNER_ATTRIBUTION.object, atState, atKeys);

  await pushPlanning(c, partnerSf);

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
