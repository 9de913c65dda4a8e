import type { AttributableOpportunity, Attribution, AttributionType } from './types';

/**
 * RevOps figures from opportunities and their attributions. Pure: the service loads, these count.
 * Every figure carries the counts it was computed from, so RevOps can check it.
 */

export type RevenueGroup = 'partner' | 'quarter';
export type RevenueStatus = 'won' | 'open' | 'all';

export interface RevenueQuery {
  groupBy: RevenueGroup[];
  type?: AttributionType;
  status: RevenueStatus;
  /** inclusive YYYY-MM-DD bounds on the close date */
  from?: string;
  to?: string;
}

export interface RevenueRow {
  partner?: { id: string; name: string };
  quarter?: string;
  type: AttributionType;
  currency: string | null;
  amount: number;
  opportunities: number;
  attributions: number;
}

type Opp = AttributableOpportunity;

/** Calendar quarter of a close date, e.g. 2026-Q3 (UTC). */
export function quarterOf(date: string | null): string {
  if (!date) return 'unknown';
  const d = new Date(date.length === 10 ? `${date}T00:00:00Z` : date);
  return `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
}

function inPeriod(o: Opp, from?: string, to?: string): boolean {
  if (!from && !to) return true;
  if (!o.closeDate) return false;
  const d = o.closeDate.slice(0, 10);
  return (!from || d >= from) && (!to || d <= to);
}

function statusMatches(o: Opp, status: RevenueStatus): boolean {
  if (status === 'won') return o.isClosed && o.isWon;
  if (status === 'open') return !o.isClosed;
  return true;
}

export function revenue(
  opps: Opp[],
  attributions: Attribution[],
  partnerNames: Map<string, string>,
  q: RevenueQuery,
): RevenueRow[] {
  const oppById = new Map(opps.map((o) => [o.sourceId, o]));
  const rows = new Map<string, RevenueRow & { cents: number; opps: Set<string> }>();
  for (const a of attributions) {
    const o = oppById.get(a.opportunitySourceId);
    if (!o || o.deleted || !statusMatches(o, q.status) || !inPeriod(o, q.from, q.to)) continue;
    if (q.type && a.type !== q.type) continue;
    const partner = q.groupBy.includes('partner') ? a.partnerId : '';
    const quarter = q.groupBy.includes('quarter') ? quarterOf(o.closeDate) : '';
    const key = [partner, quarter, a.type, a.currency ?? ''].join('|');
    let row = rows.get(key);
    if (!row) {
      row = {
        ...(partner
          ? { partner: { id: partner, name: partnerNames.get(partner) ?? partner } }
          : {}),
        ...(q.groupBy.includes('quarter') ? { quarter } : {}),
        type: a.type,
        currency: a.currency,
        amount: 0,
        opportunities: 0,
        attributions: 0,
        cents: 0,
        opps: new Set(),
      };
      rows.set(key, row);
    }
    row.cents += Math.round((a.amount ?? 0) * 100);
    row.attributions++;
    row.opps.add(a.opportunitySourceId);
  }
  return [...rows.values()]
    .map(({ cents, opps: ids, ...r }) => ({ ...r, amount: cents / 100, opportunities: ids.size }))
    .sort(
      (a, b) =>
        (a.partner?.name ?? '').localeCompare(b.partner?.name ?? '') ||
        (a.quarter ?? '').localeCompare(b.quarter ?? '') ||
        a.type.localeCompare(b.type) ||
        (a.currency ?? '').localeCompare(b.currency ?? ''),
    );
}

export interface DealSize {
  currency: string | null;
  average: number;
  /** won opportunities with an amount in this currency */
  count: number;
  total: number;
}

export interface Cohort {
  opportunities: number;
  open: number;
  closed: number;
  won: number;
  lost: number;
  /** won ÷ closed, null when nothing closed */
  winRate: number | null;
  /** mean whole days from creation to close over won opportunities */
  avgDaysToClose: number | null;
  daysToCloseCount: number;
  avgDealSize: DealSize[];
}

export interface Lift {
  withPartner: Cohort;
  withoutPartner: Cohort;
  lift: {
    winRatePoints: number | null;
    daysToCloseDelta: number | null;
    dealSizeRatio: Array<{ currency: string | null; ratio: number | null }>;
  };
}

const DAY_MS = 86_400_000;
const round = (x: number, places: number) => Math.round(x * 10 ** places) / 10 ** places;

/** Whole days between the creation day and the close day (both UTC). */
export function daysToClose(o: Opp): number | null {
  if (!o.closeDate) return null;
  return Math.round(
    (Date.parse(o.closeDate.slice(0, 10)) - Date.parse(o.createdDate.slice(0, 10))) / DAY_MS,
  );
}

export function cohort(opps: Opp[]): Cohort {
  const closed = opps.filter((o) => o.isClosed);
  const won = closed.filter((o) => o.isWon);
  const days = won.map(daysToClose).filter((d): d is number => d !== null);
  const byCurrency = new Map<string | null, { cents: number; count: number }>();
  for (const o of won) {
    if (o.amount === null) continue;
    const s = byCurrency.get(o.currency) ?? { cents: 0, count: 0 };
    s.cents += Math.round(o.amount * 100);
    s.count++;
    byCurrency.set(o.currency, s);
  }
  return {
    opportunities: opps.length,
    open: opps.length - closed.length,
    closed: closed.length,
    won: won.length,
    lost: closed.length - won.length,
    winRate: closed.length ? round(won.length / closed.length, 4) : null,
    avgDaysToClose: days.length ? round(days.reduce((a, b) => a + b, 0) / days.length, 2) : null,
    daysToCloseCount: days.length,
    avgDealSize: [...byCurrency.entries()]
      .sort(([a], [b]) => (a ?? '').localeCompare(b ?? ''))
      .map(([currency, s]) => ({
        currency,
        average: round(s.cents / 100 / s.count, 2),
        count: s.count,
        total: s.cents / 100,
      })),
  };
}

/** Win rate, cycle time and deal size of opportunities with partner involvement against those without. */
export function lift(
  opps: Opp[],
  attributions: Attribution[],
  q: { type?: AttributionType; from?: string; to?: string },
): Lift {
  const involved = new Set(
    attributions.filter((a) => !q.type || a.type === q.type).map((a) => a.opportunitySourceId),
  );
  const scope = opps.filter((o) => !o.deleted && inPeriod(o, q.from, q.to));
  const withPartner = cohort(scope.filter((o) => involved.has(o.sourceId)));
  const withoutPartner = cohort(scope.filter((o) => !involved.has(o.sourceId)));
  const diff = (a: number | null, b: number | null, p: number) =>
    a === null || b === null ? null : round(a - b, p);
  return {
    withPartner,
    withoutPartner,
    lift: {
      winRatePoints: diff(withPartner.winRate, withoutPartner.winRate, 4),
      daysToCloseDelta: diff(withPartner.avgDaysToClose, withoutPartner.avgDaysToClose, 2),
      dealSizeRatio: withPartner.avgDealSize.map((w) => {
        const other = withoutPartner.avgDealSize.find((x) => x.currency === w.currency);
        return {
          currency: w.currency,
          ratio: other && other.average ? round(w.average / other.average, 4) : null,
        };
      }),
    },
  };
}
