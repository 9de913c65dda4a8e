/** Saturation and plan versus target, pure. */

export interface Saturation {
  worthwhile: number;
  /** worthwhile overlaps whose account was planned against */
  planned: number;
  unplanned: number;
  /** planned / worthwhile, null when nothing is worthwhile */
  saturation: number | null;
}

export function saturationOf(
  worthwhileAccounts: Iterable<string>,
  plannedAccounts: ReadonlySet<string>,
): Saturation {
  const worth = new Set(worthwhileAccounts);
  const planned = [...worth].filter((a) => plannedAccounts.has(a)).length;
  return {
    worthwhile: worth.size,
    planned,
    unplanned: worth.size - planned,
    saturation: worth.size ? Math.round((planned / worth.size) * 1000) / 1000 : null,
  };
}

export interface PlanRow {
  partner: { id: string; name: string };
  quarter: string;
  target: number | null;
  planned: number;
  /** target − planned, never negative; null without a target */
  gap: number | null;
  /** planned / target, null without a target */
  attainment: number | null;
}

export function planRow(
  partner: { id: string; name: string },
  quarter: string,
  target: number | null,
  planned: number,
): PlanRow {
  return {
    partner,
    quarter,
    target,
    planned,
    gap: target === null ? null : Math.max(0, target - planned),
    attainment: target ? Math.round((planned / target) * 1000) / 1000 : null,
  };
}

/** The workspace line: sums over partners (targets only where set). */
export function totalRow(quarter: string, rows: PlanRow[]): PlanRow {
  const withTarget = rows.filter((r) => r.target !== null);
  const target = withTarget.length ? withTarget.reduce((s, r) => s + (r.target ?? 0), 0) : null;
  return planRow(
    { id: '*', name: 'All partners' },
    quarter,
    target,
    rows.reduce((s, r) => s + r.planned, 0),
  );
}

function csvCell(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  // Quote what CSV needs quoted; a leading = + - @ is prefixed so spreadsheets do not run it.
  const safe = /^[=+\-@]/.test(s) && typeof v === 'string' ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function planCsv(rows: PlanRow[]): string {
  const head = ['partner_id', 'partner', 'quarter', 'target', 'planned', 'gap', 'attainment'];
  const lines = rows.map((r) =>
    [r.partner.id, r.partner.name, r.quarter, r.target, r.planned, r.gap, r.attainment]
      .map(csvCell)
      .join(','),
  );
  return [head.join(','), ...lines].join('\r\n') + '\r\n';
}
