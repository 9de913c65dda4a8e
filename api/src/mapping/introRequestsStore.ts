import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { NotFoundError } from '../http/errors';

/** Rows of `intro_requests` and the touches they leave; introRequests.ts holds the rules. */

export type IntroStatus = 'requested' | 'accepted' | 'declined' | 'intro_made';

export interface IntroRequestView {
  id: string;
  direction: 'sent' | 'received';
  overlapId: string | null;
  partner: { id: string; name: string };
  account: { sourceId: string; name: string } | null;
  status: IntroStatus;
  message: string;
  requesterName: string | null;
  requesterEmail: string | null;
  history: Array<{ status: IntroStatus; at: string; by: string }>;
  createdAt: string;
  updatedAt: string;
}

const TOUCH: Record<
  IntroStatus,
  'intro_requested' | 'intro_accepted' | 'intro_declined' | 'intro_made'
> = {
  requested: 'intro_requested',
  accepted: 'intro_accepted',
  declined: 'intro_declined',
  intro_made: 'intro_made',
};
/** One history step. */
export interface IntroStep {
  status: IntroStatus;
  at: string;
  by: string;
}

export async function insertIntroRequest(
  trx: Knex,
  r: {
    id: string;
    workspaceId: string;
    partnerId: string;
    overlapId: string;
    message: string;
    requesterName: string | null;
    requesterEmail: string | null;
    first: IntroStep;
  },
): Promise<void> {
  await trx('intro_requests').insert({
    id: r.id,
    workspace_id: r.workspaceId,
    partner_id: r.partnerId,
    overlap_id: r.overlapId,
    message: r.message,
    status: r.first.status,
    requester_name: r.requesterName,
    requester_email: r.requesterEmail,
    history: JSON.stringify([r.first]),
    created_at: r.first.at,
    updated_at: r.first.at,
  });
}

/** Moves a request on from `from` (compare-and-set); false when it changed meanwhile. */
export async function moveIntroStatus(
  trx: Knex,
  id: string,
  from: IntroStatus,
  history: IntroStep[],
): Promise<boolean> {
  const last = history[history.length - 1];
  const n = await trx('intro_requests')
    .where({ id, status: from })
    .update({ status: last.status, history: JSON.stringify(history), updated_at: last.at });
  return n === 1;
}

export function historyOf(row: Record<string, unknown>): IntroStep[] {
  return JSON.parse(String(row.history ?? '[]')) as IntroStep[];
}

export async function recordSourceId(db: Knex, recordId: unknown): Promise<string> {
  const row = await db('records').select('source_id').where('id', Number(recordId)).first();
  return String(row?.source_id ?? '');
}

/** Each status is a touch of the requester, idempotent by `{request}:{status}`. */
export async function recordIntroTouch(
  db: Knex,
  t: {
    workspaceId: string;
    partnerId: string;
    account: string;
    introId: string;
    status: IntroStatus;
    now: string;
  },
) {
  const type = TOUCH[t.status];
  if (!type) return;
  const ref = `${t.introId}:${t.status}`;
  const exists = await db('touches').where({ workspace_id: t.workspaceId, type, ref }).first();
  if (exists) return;
  await db('touches').insert({
    id: randomUUID(),
    workspace_id: t.workspaceId,
    partner_id: t.partnerId,
    account_source_id: t.account,
    type,
    occurred_at: t.now,
    source: 'api',
    ref,
    created_at: t.now,
  });
}

/** Intro requests with the partner and overlap columns every view needs. */
function joinedRequests(db: Knex) {
  return db('intro_requests as i')
    .join('partners as p', 'p.id', 'i.partner_id')
    .join('overlaps as o', 'o.id', 'i.overlap_id')
    .select(
      'i.*',
      'p.partner_workspace_id',
      'p.name as partner_name',
      'o.record_id',
      'o.partner_record_id',
    );
}

/** Loads one request as seen by `workspaceId` (sender or receiver), or 404. */
export async function loadIntroRow(db: Knex, workspaceId: string, id: string) {
  const row = await joinedRequests(db).where('i.id', id).first();
  if (!row || (row.workspace_id !== workspaceId && row.partner_workspace_id !== workspaceId)) {
    throw new NotFoundError(`Intro request ${id} not found`, 'intro_request_not_found');
  }
  return row;
}

export async function introView(
  db: Knex,
  workspaceId: string,
  row: Record<string, unknown>,
): Promise<IntroRequestView> {
  const sent = row.workspace_id === workspaceId;
  const ownRecordId = sent ? row.record_id : row.partner_record_id;
  const rec = await db('records')
    .select('source_id', 'name')
    .where('id', ownRecordId as number)
    .first();
  let partner = { id: String(row.partner_id), name: String(row.partner_name) };
  let overlapId: string | null = String(row.overlap_id);
  if (!sent) {
    // The receiver sees its own partner row and its own mirror overlap, never the sender's ids.
    const back = await db('partners')
      .select('id', 'name')
      .where({ workspace_id: workspaceId, partner_workspace_id: String(row.workspace_id) })
      .first();
    partner = back ? { id: String(back.id), name: String(back.name) } : { id: '', name: '' };
    const mirror = back
      ? await db('overlaps')
          .select('id')
          .where({
            workspace_id: workspaceId,
            partner_id: back.id,
            record_id: row.partner_record_id as number,
            partner_record_id: row.record_id as number,
          })
          .first()
      : null;
    overlapId = mirror ? String(mirror.id) : null;
  }
  return {
    id: String(row.id),
    direction: sent ? 'sent' : 'received',
    overlapId,
    partner,
    account: rec ? { sourceId: String(rec.source_id), name: String(rec.name) } : null,
    status: row.status as IntroStatus,
    message: String(row.message),
    requesterName: (row.requester_name as string | null) ?? null,
    requesterEmail: (row.requester_email as string | null) ?? null,
    history: historyOf(row),
    createdAt: new Date(String(row.created_at)).toISOString(),
    updatedAt: new Date(String(row.updated_at)).toISOString(),
  };
}

/** Newest first: requests I sent, or those my active partners sent me. */
export async function listIntroRows(
  db: Knex,
  workspaceId: string,
  direction: 'sent' | 'received',
  limit: number,
): Promise<Record<string, unknown>[]> {
  const q = joinedRequests(db);
  if (direction === 'sent') q.where('i.workspace_id', workspaceId);
  else q.where('p.partner_workspace_id', workspaceId).where('p.status', 'active');
  return q.orderBy('i.created_at', 'desc').limit(limit);
}
