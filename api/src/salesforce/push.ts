import type { Connection } from 'jsforce';
import type { AppContext } from '../context';
import {
  OPPORTUNITY_PUSH,
  PARTNER,
  PARTNER_ATTRIBUTION,
  PARTNER_OVERLAP,
  isAccountId,
} from './fieldMap';
import { loadAttributions, loadOverlapPlan, partnerValues } from './pushPlan';
import {
  attributionRow,
  deactivatedOverlapRow,
  endedPartnerRow,
  opportunityRow,
  opportunityValues,
  overlapRow,
  partnerRow,
} from './pushRows';
import { loadPartnerPlans, pushPlanning } from './pushPlanning';
import { forgetKeys, loadPushState, loadSfIds } from './pushStore';
import {
  removeRows as remove,
  removeStale,
  syncRows as sync,
  type Desired,
  type PushCtx,
  type PushOptions,
} from './pushSync';

export type { PushCounts, PushOptions } from './pushSync';

/** Why an overlap is not sent: Partner_Overlap__c.Account__c is a master-detail to Account. */
export const NO_ACCOUNT_ID =
  'not pushed: the account has no Salesforce Account Id (imported from CSV), and a Partner Overlap must belong to a Salesforce Account';

/**
 * An overlap to switch off whose upsert fails for want of its Account: deleting the Account in
 * Salesforce deleted the overlap with it (master-detail cascade), so there is nothing left to
 * switch off and the row settles instead of failing on every run.
 */
const MASTER_GONE =
  /^(REQUIRED_FIELD_MISSING|INVALID_CROSS_REFERENCE_KEY|ENTITY_IS_DELETED)\b.*Account__c/s;

/**
 * Pushes partners (with plan versus target), overlaps, attributions, planning sessions and their
 * agenda items, then the Opportunity roll-ups. Account is never written: its overlap count and
 * last overlap date are roll-up summaries Salesforce keeps from the Partner_Overlap__c details.
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
    counts: { pushed: 0, unchanged: 0, failed: 0, deleted: 0, skipped: 0 },
    errors: [],
    skipped: [],
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
  const partnerSf = await loadSfIds(db, workspaceId, PARTNER.object);

  // Overlaps whose partner has no Salesforce id yet wait for the next run (the lookup needs it).
  const withPartner = plan.overlaps
    .filter((ov) => partnerSf.get(ov.partnerId))
    .map((ov) => ({ ...ov, partnerSfId: partnerSf.get(ov.partnerId)! }));
  // A detail record cannot exist without its master: skip, do not fail, the CSV-only accounts.
  const overlaps = withPartner.filter((ov) => isAccountId(ov.accountSourceId));
  for (const ov of withPartner.filter((o) => !isAccountId(o.accountSourceId))) {
    c.counts.skipped++;
    c.skipped.push({ object: PARTNER_OVERLAP.object, key: ov.id, reason: NO_ACCOUNT_ID });
  }
  const oState = await loadPushState(db, workspaceId, PARTNER_OVERLAP.object);
  const wanted = new Set(withPartner.map((ov) => ov.id));
  // Keys Salesforce never confirmed hold nothing there to switch off: forget them instead.
  const neverSent = [...oState.values()]
    .filter((s) => !wanted.has(s.key) && !s.hash && !s.sfId)
    .map((s) => s.key);
  if (neverSent.length) {
    await forgetKeys(db, workspaceId, PARTNER_OVERLAP.object, neverSent);
    for (const k of neverSent) oState.delete(k);
  }
  const deleteMode = o.endedOverlaps === 'delete';
  const toDelete: string[] = [];
  const oRows: Desired[] = [];
  for (const ov of overlaps) {
    if (deleteMode && !ov.active) {
      if (oState.has(ov.id)) toDelete.push(ov.id);
    } else oRows.push({ key: ov.id, row: overlapRow(ov) });
  }
  const inactive = new Set(overlaps.filter((ov) => !ov.active).map((ov) => ov.id));
  for (const k of oState.keys()) {
    if (wanted.has(k)) continue;
    if (deleteMode) toDelete.push(k);
    else {
      inactive.add(k);
      oRows.push({ key: k, row: deactivatedOverlapRow(k) });
    }
  }
  await sync(
    c,
    PARTNER_OVERLAP.object,
    { kind: 'upsert', externalId: PARTNER_OVERLAP.externalId },
    oRows,
    oState,
    deleteMode,
    (key, error) => inactive.has(key) && MASTER_GONE.test(error),
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

  return { counts: c.counts, errors: c.errors, skipped: c.skipped };
}
