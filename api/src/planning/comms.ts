import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';

/** The comms log per partner persona and purpose, and the cadence that shows who went quiet. */

export const COMM_PURPOSES = ['prospecting', 'expansion', 'executive', 'pre_sales'] as const;
export const COMM_CHANNELS = ['email', 'call', 'meeting', 'slack', 'event', 'other'] as const;

export interface Comm {
  id: string;
  partnerId: string;
  persona: string;
  purpose: (typeof COMM_PURPOSES)[number];
  channel: (typeof COMM_CHANNELS)[number];
  occurredAt: string;
  accountSourceIds: string[];
  launch: string | null;
  summary: string | null;
  createdAt: string;
}

export type CommInput = Omit<Comm, 'id' | 'partnerId' | 'createdAt'>;

function fromRow(r: Record<string, unknown>): Comm {
  return {
    id: String(r.id),
    partnerId: String(r.partner_id),
    persona: String(r.persona),
    purpose: r.purpose as Comm['purpose'],
    channel: r.channel as Comm['channel'],
    occurredAt: new Date(String(r.occurred_at)).toISOString(),
    accountSourceIds: JSON.parse(String(r.account_source_ids ?? '[]')) as string[],
    launch: (r.launch as string | null) ?? null,
    summary: (r.summary as string | null) ?? null,
    createdAt: new Date(String(r.created_at)).toISOString(),
  };
}

export async function insertComm(
  db: Knex,
  workspaceId: string,
  partnerId: string,
  c: CommInput,
  now: Date,
): Promise<Comm> {
  const row = {
    id: randomUUID(),
    workspace_id: workspaceId,
    partner_id: partnerId,
    persona: c.persona,
    purpose: c.purpose,
    channel: c.channel,
    occurred_at: new Date(c.occurredAt).toISOString(),
    account_source_ids: JSON.stringify(c.accountSourceIds),
    launch: c.launch,
    summary: c.summary,
    created_at: now.toISOString(),
  };
  await db('partner_comms').insert(row);
  return fromRow(row);
}

export async function listComms(
  db: Knex,
  workspaceId: string,
  partnerId: string,
  limit = 500,
): Promise<Comm[]> {
  const rows = await db('partner_comms')
    .where({ workspace_id: workspaceId, partner_id: partnerId })
    .orderBy([{ column: 'occurred_at', order: 'desc' }, { column: 'id' }])
    .limit(limit);
  return rows.map(fromRow);
}

export interface PersonaCadence {
  persona: string;
  lastAt: string;
  daysSince: number;
  touchesLast90Days: number;
  purposes: string[];
  quiet: boolean;
}

/** Per persona: last touch, how many in 90 days, and quiet once past `quietAfterDays`. Pure. */
export function cadenceOf(comms: Comm[], now: Date, quietAfterDays: number): PersonaCadence[] {
  const byPersona = new Map<string, Comm[]>();
  for (const c of comms) byPersona.set(c.persona, [...(byPersona.get(c.persona) ?? []), c]);
  const since90 = now.getTime() - 90 * 86_400_000;
  return [...byPersona]
    .map(([persona, list]) => {
      const lastAt = list
        .map((c) => c.occurredAt)
        .sort()
        .at(-1)!;
      const daysSince = Math.floor((now.getTime() - Date.parse(lastAt)) / 86_400_000);
      return {
        persona,
        lastAt,
        daysSince,
        touchesLast90Days: list.filter((c) => Date.parse(c.occurredAt) >= since90).length,
        purposes: [...new Set(list.map((c) => c.purpose))].sort(),
        quiet: daysSince > quietAfterDays,
      };
    })
    .sort((a, b) => b.daysSince - a.daysSince || a.persona.localeCompare(b.persona));
}
