import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { toDateOnly } from '../attribution/rows';
import { NotFoundError } from '../http/errors';

/** Partner plays (co-branded webinar, offer to the partner's customers, SDR push) and their status. */

export const PLAY_KINDS = ['webinar', 'customer_offer', 'sdr_push', 'other'] as const;
export const PLAY_STATUSES = ['planned', 'in_progress', 'shipped', 'cancelled'] as const;

export interface Play {
  id: string;
  partnerId: string;
  kind: (typeof PLAY_KINDS)[number];
  title: string;
  theirOwner: string | null;
  sender: string | null;
  shipDate: string | null;
  status: (typeof PLAY_STATUSES)[number];
  accountSourceIds: string[];
  notes: string | null;
  overdue: boolean;
  createdAt: string;
  updatedAt: string;
}

export type PlayInput = Omit<Play, 'id' | 'partnerId' | 'overdue' | 'createdAt' | 'updatedAt'>;

/** Overdue: not shipped or cancelled and the ship date is before today (local). */
export function isOverdue(p: Pick<Play, 'status' | 'shipDate'>, today: string): boolean {
  return (
    (p.status === 'planned' || p.status === 'in_progress') && !!p.shipDate && p.shipDate < today
  );
}

function fromRow(r: Record<string, unknown>, today: string): Play {
  const p = {
    id: String(r.id),
    partnerId: String(r.partner_id),
    kind: r.kind as Play['kind'],
    title: String(r.title),
    theirOwner: (r.their_owner as string | null) ?? null,
    sender: (r.sender as string | null) ?? null,
    shipDate: toDateOnly(r.ship_date),
    status: r.status as Play['status'],
    accountSourceIds: JSON.parse(String(r.account_source_ids ?? '[]')) as string[],
    notes: (r.notes as string | null) ?? null,
    createdAt: new Date(String(r.created_at)).toISOString(),
    updatedAt: new Date(String(r.updated_at)).toISOString(),
  };
  return { ...p, overdue: isOverdue(p, today) };
}

export async function listPlays(
  db: Knex,
  workspaceId: string,
  partnerId: string,
  today: string,
): Promise<Play[]> {
  const rows = await db('partner_plays')
    .where({ workspace_id: workspaceId, partner_id: partnerId })
    .orderBy(['ship_date', 'id']);
  return rows.map((r) => fromRow(r, today));
}

export async function createPlay(
  db: Knex,
  workspaceId: string,
  partnerId: string,
  input: PlayInput,
  now: Date,
  today: string,
) {
  const row = {
    id: randomUUID(),
    workspace_id: workspaceId,
    partner_id: partnerId,
    kind: input.kind,
    title: input.title,
    their_owner: input.theirOwner,
    sender: input.sender,
    ship_date: input.shipDate,
    status: input.status,
    account_source_ids: JSON.stringify(input.accountSourceIds),
    notes: input.notes,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  };
  await db('partner_plays').insert(row);
  return fromRow(row, today);
}

export async function patchPlay(
  db: Knex,
  workspaceId: string,
  partnerId: string,
  id: string,
  patch: Partial<PlayInput>,
  now: Date,
  today: string,
): Promise<Play> {
  const cols: Record<string, unknown> = { updated_at: now.toISOString() };
  const map: Record<string, string> = {
    kind: 'kind',
    title: 'title',
    theirOwner: 'their_owner',
    sender: 'sender',
    shipDate: 'ship_date',
    status: 'status',
    notes: 'notes',
  };
  for (const [k, col] of Object.entries(map))
    if (k in patch) cols[col] = (patch as Record<string, unknown>)[k];
  if (patch.accountSourceIds) cols.account_source_ids = JSON.stringify(patch.accountSourceIds);
  const n = await db('partner_plays')
    .where({ workspace_id: workspaceId, partner_id: partnerId, id })
    .update(cols);
  if (!n) throw new NotFoundError(`Play ${id} not found`, 'play_not_found');
  return fromRow(await db('partner_plays').where({ id }).first(), today);
}
