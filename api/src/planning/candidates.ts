import type { Knex } from 'knex';
import type { AppContext } from '../context';
import { listOverlaps, type OverlapView } from '../mapping/overlaps';
import { localDate } from './businessDays';
import { scoreOverlap } from './score';
import { planningHistory } from './sessionsStore';
import { triageFor, type TriageRow } from './triageStore';
import type { Candidate } from './triggers';

/**
 * Loads a partner's overlaps as the workspace may see them (listOverlaps goes through sharing)
 * and scores them. Nothing here reads the partner's records directly.
 */
export async function sharedOverlaps(
  db: Knex,
  workspaceId: string,
  partnerId: string,
): Promise<OverlapView[]> {
  const out: OverlapView[] = [];
  let cursor: string | undefined;
  do {
    const page = await listOverlaps(db, workspaceId, { partnerId, cursor, limit: 500 });
    out.push(...page.data);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

async function openAmounts(
  db: Knex,
  workspaceId: string,
  accounts: string[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let i = 0; i < accounts.length; i += 500) {
    const rows = await db('opportunities')
      .where({ workspace_id: workspaceId, is_closed: false })
      .whereNull('deleted_at')
      .whereIn('account_source_id', accounts.slice(i, i + 500))
      .groupBy('account_source_id')
      .select('account_source_id')
      .sum({ amount: 'amount' });
    for (const r of rows as Array<Record<string, unknown>>)
      out.set(String(r.account_source_id), Number(r.amount ?? 0));
  }
  return out;
}

async function recentTouches(
  db: Knex,
  workspaceId: string,
  partnerId: string,
  since: string,
): Promise<Map<string, number>> {
  const rows = await db('touches')
    .where({ workspace_id: workspaceId, partner_id: partnerId })
    .andWhere('occurred_at', '>=', since)
    .groupBy('account_source_id')
    .select('account_source_id')
    .count({ n: '*' });
  return new Map(
    (rows as Array<Record<string, unknown>>).map((r) => [String(r.account_source_id), Number(r.n)]),
  );
}

export interface ScoredOverlap {
  view: OverlapView;
  ownerName: string | null;
  openAmount: number;
  triage: TriageRow | null;
  candidate: Candidate;
}

export async function loadCandidates(
  ctx: AppContext,
  workspaceId: string,
  partnerId: string,
): Promise<ScoredOverlap[]> {
  const now = ctx.now();
  const views = await sharedOverlaps(ctx.db, workspaceId, partnerId);
  const accounts = [...new Set(views.map((v) => v.myRecord.sourceId))];
  const [amounts, touches, triage, history, owners] = await Promise.all([
    openAmounts(ctx.db, workspaceId, accounts),
    recentTouches(
      ctx.db,
      workspaceId,
      partnerId,
      new Date(now.getTime() - 180 * 86_400_000).toISOString(),
    ),
    triageFor(
      ctx.db,
      workspaceId,
      views.map((v) => v.id),
    ),
    planningHistory(ctx.db, workspaceId, partnerId, now.toISOString()),
    ownerNames(ctx.db, workspaceId, accounts),
  ]);
  return views.map((view) => {
    const account = view.myRecord.sourceId;
    const openAmount = amounts.get(account) ?? 0;
    const t = triage.get(view.id) ?? null;
    const score = scoreOverlap(
      {
        myPopulations: view.myPopulations,
        partnerPopulations: view.partnerPopulations,
        openAmount,
        firstSeen: view.firstSeen,
        partnerOwnerShared: Boolean(view.partnerRecord.ownerName || view.partnerRecord.ownerEmail),
        recentTouches: touches.get(account) ?? 0,
      },
      now,
    );
    const ownerName = owners.get(account) ?? null;
    return {
      view,
      ownerName,
      openAmount,
      triage: t,
      candidate: {
        overlapId: view.id,
        account: { sourceId: account, name: view.myRecord.name, ownerName },
        myPopulations: view.myPopulations,
        partnerPopulations: view.partnerPopulations,
        score,
        triage: { state: t?.state ?? 'new', snoozedUntil: t?.snoozedUntil ?? null },
        lastPlanned: history.last.get(account) ?? null,
        onOpenSession: history.open.has(account),
      },
    };
  });
}

/** Our own account owners (our records, never the partner's). */
async function ownerNames(
  db: Knex,
  workspaceId: string,
  accounts: string[],
): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  for (let i = 0; i < accounts.length; i += 500) {
    const rows = await db('records')
      .where({ workspace_id: workspaceId })
      .whereIn('source_id', accounts.slice(i, i + 500))
      .select('source_id', 'owner_name');
    for (const r of rows) out.set(String(r.source_id), (r.owner_name as string | null) ?? null);
  }
  return out;
}

export const todayIn = (now: Date, timeZone: string) => localDate(now, timeZone);
