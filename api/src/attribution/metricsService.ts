import { stringify } from 'csv-stringify/sync';
import type { Knex } from 'knex';
import { lift, revenue, type Lift, type RevenueQuery, type RevenueRow } from './metrics';
import { listAttributions, loadOpportunities, partnerNames } from './store';

export async function revenueMetrics(
  db: Knex,
  workspaceId: string,
  q: RevenueQuery,
): Promise<RevenueRow[]> {
  const [opps, attributions, names] = await Promise.all([
    loadOpportunities(db, workspaceId),
    listAttributions(db, workspaceId, q.type ? { type: q.type } : {}),
    partnerNames(db, workspaceId),
  ]);
  return revenue(opps, attributions, names, q);
}

export async function liftMetrics(
  db: Knex,
  workspaceId: string,
  q: Parameters<typeof lift>[2],
): Promise<Lift> {
  const [opps, attributions] = await Promise.all([
    loadOpportunities(db, workspaceId),
    listAttributions(db, workspaceId),
  ]);
  return lift(opps, attributions, q);
}

export function revenueCsv(rows: RevenueRow[]): string {
  return stringify(
    rows.map((r) => [
      r.partner?.id ?? '',
      r.partner?.name ?? '',
      r.quarter ?? '',
      r.type,
      r.currency ?? '',
      r.amount.toFixed(2),
      r.opportunities,
      r.attributions,
    ]),
    {
      header: true,
      columns: [
        'partner_id',
        'partner_name',
        'quarter',
        'type',
        'currency',
        'amount',
        'opportunities',
        'attributions',
      ],
    },
  );
}

/** One line per cohort and currency, so deal size stays per currency and the counts sit beside it. */
export function liftCsv(l: Lift): string {
  const lines: unknown[][] = [];
  for (const [name, c] of [
    ['with_partner', l.withPartner],
    ['without_partner', l.withoutPartner],
  ] as const) {
    const sizes = c.avgDealSize.length ? c.avgDealSize : [null];
    for (const s of sizes) {
      lines.push([
        name,
        c.opportunities,
        c.open,
        c.closed,
        c.won,
        c.lost,
        c.winRate ?? '',
        c.avgDaysToClose ?? '',
        c.daysToCloseCount,
        s?.currency ?? '',
        s ? s.average.toFixed(2) : '',
        s?.count ?? 0,
      ]);
    }
  }
  return stringify(lines, {
    header: true,
    columns: [
      'cohort',
      'opportunities',
      'open',
      'closed',
      'won',
      'lost',
      'win_rate',
      'avg_days_to_close',
      'days_to_close_count',
      'currency',
      'avg_deal_size',
      'deal_size_count',
    ],
  });
}
