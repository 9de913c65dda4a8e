import type { Knex } from 'knex';
import type { AppContext } from '../context';
import { putSettingsSection, workspaceSettings } from '../mapping/workspaces';
import { attribute } from './engine';
import { loadOverlapEvidence } from './evidence';
import { AttributionRulesSchema, rulesFromSettings, type AttributionRules } from './rules';
import { listAttributions, loadOpportunities, replaceAttributions } from './store';
import { touchesForAccounts } from './touchesStore';
import type { Attribution, Touch } from './types';

export interface RecomputeResult {
  opportunities: number;
  attributions: number;
  changedOpportunities: string[];
}

export async function getRules(db: Knex, workspaceId: string): Promise<AttributionRules> {
  return rulesFromSettings(await workspaceSettings(db, workspaceId));
}

/** Stores new rules (defaults filled in) and recomputes every attribution of the workspace. */
export async function putRules(ctx: AppContext, workspaceId: string, input: unknown) {
  const rules = AttributionRulesSchema.parse(input);
  await putSettingsSection(ctx.db, workspaceId, 'attribution', rules);
  const recompute = await recomputeAttribution(ctx, workspaceId);
  return { rules, recompute };
}

/**
 * Recomputes the attributions of the given opportunities (all when omitted) from the stored
 * touches, overlap evidence and the workspace's rules; writes only what changed and announces
 * each changed opportunity as `attribution.changed` in the outbox for the Salesforce push.
 */
export async function recomputeAttribution(
  ctx: AppContext,
  workspaceId: string,
  opportunitySourceIds?: string[],
): Promise<RecomputeResult> {
  const db = ctx.db;
  const rules = await getRules(db, workspaceId);
  const opps = await loadOpportunities(
    db,
    workspaceId,
    opportunitySourceIds && [...new Set(opportunitySourceIds)],
  );
  const accounts = [...new Set(opps.map((o) => o.accountSourceId))];
  const touches = await touchesForAccounts(db, workspaceId, accounts);
  const evidence = rules.countOverlapEvidence
    ? await loadOverlapEvidence(db, workspaceId, accounts)
    : [];
  const touchesByAccount = groupBy(touches, (t) => t.accountSourceId);
  const evidenceByAccount = groupBy(evidence, (e) => e.accountSourceId);

  const next: Attribution[] = [];
  for (const opp of opps) {
    next.push(
      ...attribute(
        opp,
        touchesByAccount.get(opp.accountSourceId) ?? [],
        evidenceByAccount.get(opp.accountSourceId) ?? [],
        rules,
      ),
    );
  }
  // Scope: every opportunity asked about, plus (on a full run) any that has vanished since.
  const scope = new Set(opportunitySourceIds ?? opps.map((o) => o.sourceId));
  if (!opportunitySourceIds) {
    for (const a of await listAttributions(db, workspaceId)) scope.add(a.opportunitySourceId);
  }
  const now = ctx.now();
  const result = await db.transaction(async (trx) => {
    const r = await replaceAttributions(trx, workspaceId, [...scope], next, now);
    await appendAttributionEvents(trx, workspaceId, r.changedOpportunities, next, now);
    return r;
  });
  if (result.changedOpportunities.length) {
    ctx.logger.info(
      { workspaceId, changed: result.changedOpportunities.length },
      'attributions recomputed',
    );
  }
  return {
    opportunities: opps.length,
    attributions: next.length,
    changedOpportunities: result.changedOpportunities,
  };
}

/** The hook for the opportunity sync / mapping recompute: attributions follow opportunity changes. */
export function onOpportunitiesChangedAttribution(
  ctx: AppContext,
  workspaceId: string,
  opportunitySourceIds: string[],
): Promise<RecomputeResult> {
  return recomputeAttribution(ctx, workspaceId, opportunitySourceIds);
}

/**
 * For callers that know accounts rather than opportunities (the mapping recompute's
 * `onOpportunitiesChanged`): recomputes every opportunity on those accounts, deleted ones included.
 */
export async function onAccountsChangedAttribution(
  ctx: AppContext,
  workspaceId: string,
  accountSourceIds: string[],
): Promise<RecomputeResult> {
  const accounts = [...new Set(accountSourceIds)];
  const ids: string[] = [];
  for (let i = 0; i < accounts.length; i += 500) {
    const rows = await ctx
      .db('opportunities')
      .select('source_id')
      .where('workspace_id', workspaceId)
      .whereIn('account_source_id', accounts.slice(i, i + 500));
    ids.push(...rows.map((r) => String(r.source_id)));
  }
  return recomputeAttribution(ctx, workspaceId, ids);
}

/** New touches can change every opportunity on their accounts. */
export function onTouchesAdded(
  ctx: AppContext,
  workspaceId: string,
  touches: Touch[],
): Promise<RecomputeResult> {
  return onAccountsChangedAttribution(
    ctx,
    workspaceId,
    touches.map((t) => t.accountSourceId),
  );
}

async function appendAttributionEvents(
  trx: Knex,
  workspaceId: string,
  changed: string[],
  next: Attribution[],
  now: Date,
): Promise<void> {
  const byOpp = groupBy(next, (a) => a.opportunitySourceId);
  const rows = changed.map((opp) => ({
    workspace_id: workspaceId,
    topic: 'attribution.changed',
    aggregate_id: opp,
    payload: JSON.stringify({
      opportunitySourceId: opp,
      attributions: (byOpp.get(opp) ?? []).map((a) => ({
        partnerId: a.partnerId,
        type: a.type,
        weight: a.weight,
        amount: a.amount,
        currency: a.currency,
      })),
    }),
    created_at: now.toISOString(),
  }));
  for (let i = 0; i < rows.length; i += 100) await trx('outbox').insert(rows.slice(i, i + 100));
}

function groupBy<T>(xs: T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = m.get(k);
    if (list) list.push(x);
    else m.set(k, [x]);
  }
  return m;
}
