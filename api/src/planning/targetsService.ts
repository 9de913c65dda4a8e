import type { Knex } from 'knex';
import type { AppContext } from '../context';
import { InputError } from '../http/errors';
import { listPartners } from '../mapping/sharingStore';
import {
  addCalendarDays,
  localDate,
  quarterOf,
  quarterRange,
  zonedTimeToUtc,
} from './businessDays';
import { loadCandidates } from './candidates';
import { planRow, saturationOf, totalRow, type PlanRow } from './saturation';
import { getCriteria, getPlanningSettings } from './settingsStore';

/** Sessions that count as planning: scheduled or held (proposals are not plans yet). */
const COUNTED = ['scheduled', 'held'];

async function plannedAccounts(
  db: Knex,
  workspaceId: string,
  f: { partnerId?: string; from?: string; to?: string },
) {
  const q = db('planning_agenda_items as i')
    .join('planning_sessions as s', 's.id', 'i.session_id')
    .where('i.workspace_id', workspaceId)
    .whereIn('s.status', COUNTED)
    .distinct('i.partner_id', 'i.account_source_id');
  if (f.partnerId) q.andWhere('i.partner_id', f.partnerId);
  if (f.from) q.andWhere('s.starts_at', '>=', f.from);
  if (f.to) q.andWhere('s.starts_at', '<', f.to);
  const byPartner = new Map<string, Set<string>>();
  for (const r of await q) {
    const p = String(r.partner_id);
    byPartner.set(p, (byPartner.get(p) ?? new Set()).add(String(r.account_source_id)));
  }
  return byPartner;
}

/** Worthwhile = scores at least the partner's minimum and not dismissed; planned = on a counted session. */
export async function partnerSaturation(ctx: AppContext, workspaceId: string, partnerId: string) {
  const { criteria } = await getCriteria(ctx.db, workspaceId, partnerId);
  const scored = await loadCandidates(ctx, workspaceId, partnerId);
  const worthwhile = scored
    .filter(
      (s) =>
        s.candidate.score.score >= criteria.minScore && s.candidate.triage.state !== 'dismissed',
    )
    .map((s) => s.view.myRecord.sourceId);
  const planned =
    (await plannedAccounts(ctx.db, workspaceId, { partnerId })).get(partnerId) ?? new Set<string>();
  return { partnerId, minScore: criteria.minScore, ...saturationOf(worthwhile, planned) };
}

export function currentQuarter(now: Date, timeZone: string): string {
  return quarterOf(localDate(now, timeZone));
}

export async function putTargets(
  ctx: AppContext,
  workspaceId: string,
  items: Array<{ partnerId: string; quarter: string; target: number }>,
) {
  const partners = new Set((await listPartners(ctx.db, workspaceId)).map((p) => p.id));
  const errors = items.flatMap((it, index) =>
    partners.has(it.partnerId)
      ? []
      : [{ index, field: 'partnerId', reason: 'no such partner in this workspace' }],
  );
  const valid = items.filter((it) => partners.has(it.partnerId));
  if (items.length && !valid.length) throw new InputError('No target could be stored', errors);
  const now = ctx.now().toISOString();
  for (const it of valid) {
    await ctx
      .db('planning_targets')
      .insert({
        workspace_id: workspaceId,
        partner_id: it.partnerId,
        quarter: it.quarter,
        target: it.target,
        updated_at: now,
      })
      .onConflict(['workspace_id', 'partner_id', 'quarter'])
      .merge({ target: it.target, updated_at: now });
  }
  return { stored: valid.length, errors };
}

export async function listTargets(db: Knex, workspaceId: string, quarter?: string) {
  const q = db('planning_targets')
    .where({ workspace_id: workspaceId })
    .orderBy(['quarter', 'partner_id']);
  if (quarter) q.andWhere({ quarter });
  return (await q).map((r) => ({
    partnerId: String(r.partner_id),
    quarter: String(r.quarter),
    target: Number(r.target),
  }));
}

/** Plan versus target per partner for a quarter of the workspace's calendar, then the total. */
export async function planVsTarget(ctx: AppContext, workspaceId: string, quarter?: string) {
  const settings = await getPlanningSettings(ctx.db, workspaceId);
  const q = quarter ?? currentQuarter(ctx.now(), settings.timeZone);
  const range = quarterRange(q);
  const from = zonedTimeToUtc(range.from, '00:00', settings.timeZone).toISOString();
  const to = zonedTimeToUtc(addCalendarDays(range.to, 1), '00:00', settings.timeZone).toISOString();
  const [partners, targets, planned] = await Promise.all([
    listPartners(ctx.db, workspaceId),
    listTargets(ctx.db, workspaceId, q),
    plannedAccounts(ctx.db, workspaceId, { from, to }),
  ]);
  const targetOf = new Map(targets.map((t) => [t.partnerId, t.target]));
  const rows: PlanRow[] = partners
    .filter((p) => targetOf.has(p.id) || planned.has(p.id))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((p) =>
      planRow(
        { id: p.id, name: p.name },
        q,
        targetOf.get(p.id) ?? null,
        planned.get(p.id)?.size ?? 0,
      ),
    );
  return { quarter: q, data: rows, total: totalRow(q, rows) };
}
