/**
 * The planning reads the `sf overlap planning …` commands make (docs/CONTRACTS.md → Planning),
 * on top of the shared OverlapClient, plus the pure shaping of their table and CSV rows.
 */
// The API sends plan rows exactly as the planning service builds them.
import type { PlanRow } from '../../planning/saturation';
import type { OverlapClient } from './apiClient';

export interface PlanVsTarget {
  quarter: string;
  data: PlanRow[];
  total: PlanRow;
}
export type SessionStatus = 'proposed' | 'scheduled' | 'held' | 'cancelled';
export const SESSION_STATUSES: readonly SessionStatus[] = [
  'proposed',
  'scheduled',
  'held',
  'cancelled',
];
export interface PlanningSession {
  id: string;
  partner: { id: string; name: string };
  title: string;
  trigger: string;
  status: SessionStatus;
  startsAt: string;
  durationMinutes: number;
  prep: { prepLate: boolean; deadline: string; reason: string | null };
  agenda: Array<{
    id: string;
    account: { sourceId: string; name: string };
    motion: 'give' | 'ask' | 'joint';
    owner: string | null;
    outcome: string | null;
  }>;
}

export const QUARTER = /^\d{4}-Q[1-4]$/;

export function planVsTarget(client: OverlapClient, quarter?: string): Promise<PlanVsTarget> {
  const q = quarter ? `?${new URLSearchParams({ quarter })}` : '';
  return client.request<PlanVsTarget>('GET', `/v1/planning/plan-vs-target${q}`);
}

export async function listSessions(
  client: OverlapClient,
  f: { partnerId: string; status?: SessionStatus; from?: string; to?: string; limit: number },
): Promise<PlanningSession[]> {
  const q = new URLSearchParams({ partnerId: f.partnerId, limit: String(f.limit) });
  if (f.status) q.set('status', f.status);
  if (f.from) q.set('from', f.from);
  if (f.to) q.set('to', f.to);
  return (await client.request<{ data: PlanningSession[] }>('GET', `/v1/planning-sessions?${q}`))
    .data;
}

/** One plan row as a table/CSV line; the total keeps the API's partner id `*`. */
export function planLine(r: PlanRow) {
  return {
    partnerId: r.partner.id,
    partner: r.partner.name,
    quarter: r.quarter,
    target: r.target,
    planned: r.planned,
    gap: r.gap,
    attainment: r.attainment,
  };
}

/** Attainment 0..1 as a whole percentage for people; blank without a target. */
export function percent(v: number | null): string {
  return v === null ? '' : `${Math.round(v * 100)}%`;
}

export function sessionLine(s: PlanningSession) {
  return {
    startsAt: s.startsAt,
    status: s.status,
    minutes: s.durationMinutes,
    accounts: s.agenda.length,
    prepLate: s.prep.prepLate ? 'yes' : '',
    title: s.title,
    id: s.id,
  };
}
