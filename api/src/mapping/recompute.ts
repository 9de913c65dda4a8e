import type { Knex } from 'knex';
import { onAccountsChangedAttribution, recomputeAttribution } from '../attribution/service';
import type { AppContext } from '../context';
import { DEFAULT_MIN_CONFIDENCE, type AccountInput } from '../matching';
import {
  loadLiveAccounts,
  matchIndexFor,
  toAccount,
  updateCachedIndex,
  type AccountRow,
} from './matchCache';
import { refreshMembership } from './membership';
import { parseSettings } from './workspaces';
import {
  emitPopulationChanges,
  syncOverlaps,
  type Side,
  type SyncResult,
  type WantedPair,
} from './overlapSync';

/**
 * Keeps `overlaps` (both directions) and population membership current as records,
 * opportunities and partnerships change. Only the changed records are matched again, against a
 * cached MatchIndex of each partner workspace.
 */

export interface Counterpart {
  workspaceId: string;
  sides: Side[];
}

/** Every workspace W has an active partnership with, in either direction, with the rows to write. */
export async function counterparts(db: Knex, workspaceId: string): Promise<Counterpart[]> {
  const rows = await db('partners')
    .select('id', 'workspace_id', 'partner_workspace_id')
    .where('status', 'active')
    .whereNotNull('partner_workspace_id')
    .where((q) =>
      q.where('workspace_id', workspaceId).orWhere('partner_workspace_id', workspaceId),
    );
  const byOther = new Map<string, Side[]>();
  for (const r of rows) {
    const mineIsW = r.workspace_id === workspaceId;
    const other = mineIsW ? r.partner_workspace_id : r.workspace_id;
    if (other === workspaceId) continue;
    const sides = byOther.get(other) ?? [];
    sides.push({ workspaceId: r.workspace_id, partnerId: r.id, mineIsW });
    byOther.set(other, sides);
  }
  return [...byOther].map(([id, sides]) => ({ workspaceId: id, sides }));
}

/**
 * The confidence an overlap needs: workspace settings `minConfidence` (0..1), default 0.8
 * (the matching engine's default). Between two workspaces the stricter of the two applies, so
 * both mirror rows always agree.
 */
export async function minConfidenceFor(db: Knex, workspaceIds: string[]): Promise<number> {
  const rows = await db('workspaces').select('settings').whereIn('id', workspaceIds);
  let min = 0;
  for (const r of rows) {
    const v = parseSettings(r.settings).minConfidence; // malformed: the default
    min = Math.max(min, typeof v === 'number' && v >= 0 && v <= 1 ? v : DEFAULT_MIN_CONFIDENCE);
  }
  if (!rows.length) min = DEFAULT_MIN_CONFIDENCE;
  return min;
}

export interface RecomputeSummary extends SyncResult {
  matched: number;
  membershipChanged: number;
}

const empty = (): RecomputeSummary => ({
  created: 0,
  ended: 0,
  changed: 0,
  matched: 0,
  membershipChanged: 0,
});

async function matchAgainst(
  db: Knex,
  wRows: AccountRow[],
  x: Counterpart,
  minConfidence: number,
  rebuild: boolean,
): Promise<WantedPair[]> {
  const entry = await matchIndexFor(db, x.workspaceId, rebuild);
  const wIds = new Map(wRows.map((r) => [r.source_id, Number(r.id)]));
  const accounts: AccountInput[] = wRows.map(toAccount);
  const wanted: WantedPair[] = [];
  for (const pair of entry.index.match(accounts, { minConfidence })) {
    const a = wIds.get(pair.mineId);
    const b = entry.ids.get(pair.theirsId);
    if (a !== undefined && b !== undefined) wanted.push({ a, b, pair });
  }
  return wanted;
}

/**
 * Call after records of `workspaceId` were upserted (`changed`) or deleted (`removed`), by
 * source id. Refreshes their population membership and matches just them again.
 */
export async function onRecordsChanged(
  ctx: AppContext,
  workspaceId: string,
  { changed = [], removed = [] }: { changed?: string[]; removed?: string[] },
): Promise<RecomputeSummary> {
  const db = ctx.db;
  const summary = empty();
  if (!changed.length && !removed.length) return summary;
  const now = ctx.now().toISOString();
  const touched = [...new Set([...changed, ...removed])];
  const membership = await refreshMembership(db, workspaceId, touched);
  summary.membershipChanged = membership.size;

  const live = await loadLiveAccounts(db, workspaceId, changed);
  const liveIds = new Set(live.map((r) => r.source_id));
  const gone = touched.filter((s) => !liveIds.has(s));
  updateCachedIndex(db, workspaceId, live, gone);
  // Row ids of everything touched, including soft-deleted rows, so their overlaps can end.
  const scope: number[] = [];
  for (let i = 0; i < touched.length; i += 500) {
    const rows = await db('records')
      .select('id')
      .where('workspace_id', workspaceId)
      .whereIn('source_id', touched.slice(i, i + 500));
    scope.push(...rows.map((r) => Number(r.id)));
  }

  let overlapsMoved = false;
  for (const x of await counterparts(db, workspaceId)) {
    const minConfidence = await minConfidenceFor(db, [workspaceId, x.workspaceId]);
    const wanted = await matchAgainst(db, live, x, minConfidence, false);
    summary.matched += wanted.length;
    const r = await syncOverlaps(db, x.sides, wanted, scope, new Set(membership.keys()), now);
    summary.created += r.created;
    summary.ended += r.ended;
    summary.changed += r.changed;
    const moved = r.created + r.ended + r.changed > 0;
    overlapsMoved ||= moved;
    // The partner's evidence is my records' populations as they see them: follow both kinds of change.
    if (moved || membership.size) await followOnPartnerSide(ctx, x.workspaceId, scope);
  }
  // Overlap evidence feeds attribution: the touched accounts' opportunities are re-attributed.
  if (overlapsMoved) await onAccountsChangedAttribution(ctx, workspaceId, touched);
  return summary;
}

/** The partner's accounts whose overlaps involve `scope` (my record ids) are re-attributed too. */
async function followOnPartnerSide(ctx: AppContext, partnerWorkspaceId: string, scope: number[]) {
  const accounts: string[] = [];
  for (let i = 0; i < scope.length; i += 500) {
    const rows = await ctx
      .db('overlaps as o')
      .join('records as r', 'r.id', 'o.record_id')
      .where('o.workspace_id', partnerWorkspaceId)
      .whereIn('o.partner_record_id', scope.slice(i, i + 500))
      .distinct('r.source_id');
    accounts.push(...rows.map((r) => String(r.source_id)));
  }
  if (accounts.length) await onAccountsChangedAttribution(ctx, partnerWorkspaceId, accounts);
}

/**
 * Call after opportunities of `workspaceId` changed, with their accounts' source ids: an
 * account gaining or losing its last open opportunity moves in or out of Open Opportunities.
 */
export async function onOpportunitiesChanged(
  ctx: AppContext,
  workspaceId: string,
  accountSourceIds: string[],
): Promise<RecomputeSummary> {
  const summary = empty();
  if (!accountSourceIds.length) return summary;
  const membership = await refreshMembership(ctx.db, workspaceId, [...new Set(accountSourceIds)]);
  summary.membershipChanged = membership.size;
  await onAccountsChangedAttribution(ctx, workspaceId, accountSourceIds);
  return withPopulationEvents(ctx, workspaceId, [...membership.keys()], summary);
}

/** Emits overlap.changed for overlaps of records whose populations changed (any cause). */
export async function withPopulationEvents(
  ctx: AppContext,
  workspaceId: string,
  recordIds: number[],
  summary: RecomputeSummary = empty(),
): Promise<RecomputeSummary> {
  if (!recordIds.length) return summary;
  const now = ctx.now().toISOString();
  for (const x of await counterparts(ctx.db, workspaceId)) {
    summary.changed += await emitPopulationChanges(ctx.db, x.sides, recordIds, now);
  }
  return summary;
}

/**
 * Full recompute for one workspace against every active partner: memberships, both directions of
 * overlaps, indexes rebuilt from the database. Use after a partnership starts or a bulk load.
 */
export async function recomputeAllOverlaps(
  ctx: AppContext,
  workspaceId: string,
): Promise<RecomputeSummary> {
  const db = ctx.db;
  const summary = empty();
  const now = ctx.now().toISOString();
  const membership = await refreshMembership(db, workspaceId);
  summary.membershipChanged = membership.size;
  const wRows = await loadLiveAccounts(db, workspaceId);
  await matchIndexFor(db, workspaceId, true);
  for (const x of await counterparts(db, workspaceId)) {
    await refreshMembership(db, x.workspaceId);
    const minConfidence = await minConfidenceFor(db, [workspaceId, x.workspaceId]);
    const wanted = await matchAgainst(db, wRows, x, minConfidence, true);
    summary.matched += wanted.length;
    const r = await syncOverlaps(db, x.sides, wanted, null, new Set(membership.keys()), now);
    summary.created += r.created;
    summary.ended += r.ended;
    summary.changed += r.changed;
    if (r.created + r.ended + r.changed > 0) await recomputeAttribution(ctx, x.workspaceId);
  }
  await recomputeAttribution(ctx, workspaceId);
  return summary;
}
