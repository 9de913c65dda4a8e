import { randomUUID } from 'node:crypto';
import type { AppContext } from '../context';
import { ConflictError, ForbiddenError, InputError, NotFoundError } from '../http/errors';
import { onAccountsChangedAttribution } from '../attribution/service';
import { appendOutbox } from './outbox';
import { getOverlap } from './overlaps';
import { findPartner } from './sharingStore';

/**
 * Intro requests: a rep asks the partner for an intro on an overlap. The receiver moves the
 * status (requested → accepted | declined, accepted → intro_made); every step is kept in history.
 * Every status is a touch of the requester (idempotent by ref). `intro_accepted` and
 * `intro_declined` are recorded for the timeline but attribution rules do not count them by
 * default: only a request or an intro made is partner influence.
 */

export type IntroStatus = 'requested' | 'accepted' | 'declined' | 'intro_made';
const NEXT: Record<IntroStatus, IntroStatus[]> = {
  requested: ['accepted', 'declined'],
  accepted: ['intro_made'],
  declined: [],
  intro_made: [],
};
const TOUCH: Record<
  IntroStatus,
  'intro_requested' | 'intro_accepted' | 'intro_declined' | 'intro_made'
> = {
  requested: 'intro_requested',
  accepted: 'intro_accepted',
  declined: 'intro_declined',
  intro_made: 'intro_made',
};
const PLACEHOLDERS = ['account', 'partner', 'population', 'owner'] as const;

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

/** Fills {account}, {partner}, {population}, {owner}; an unknown placeholder is a 400. */
export function renderTemplate(
  template: string,
  values: Record<(typeof PLACEHOLDERS)[number], string>,
): string {
  return template.replace(/\{([^{}]*)\}/g, (_m, name: string) => {
    if (!(PLACEHOLDERS as readonly string[]).includes(name)) {
      throw new InputError(`Unknown placeholder {${name}}`, [
        {
          field: 'template',
          reason: `unknown placeholder {${name}}; use ${PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}`,
        },
      ]);
    }
    return values[name as (typeof PLACEHOLDERS)[number]];
  });
}

export interface CreateIntro {
  message?: string;
  template?: string;
  requesterName?: string;
  requesterEmail?: string;
}

export async function createIntroRequest(
  ctx: AppContext,
  workspaceId: string,
  overlapId: string,
  input: CreateIntro,
  by: string,
) {
  const overlap = await getOverlap(ctx.db, workspaceId, overlapId); // 404 unless visible to me
  const partner = await findPartner(ctx.db, workspaceId, overlap.partner.id);
  if (partner.kind === 'managed')
    throw new ConflictError(
      'A managed partner has no login to receive intro requests',
      'managed_partner',
    );
  const message =
    input.message ??
    renderTemplate(input.template ?? '', {
      account: overlap.myRecord.name,
      partner: overlap.partner.name,
      population: overlap.partnerPopulations.join(', ') || 'overlap',
      owner: overlap.partnerRecord.ownerName ?? 'the account owner',
    });
  const now = ctx.now().toISOString();
  const id = randomUUID();
  await ctx.db.transaction(async (trx) => {
    await trx('intro_requests').insert({
      id,
      workspace_id: workspaceId,
      partner_id: partner.id,
      overlap_id: overlapId,
      message,
      status: 'requested',
      requester_name: input.requesterName ?? null,
      requester_email: input.requesterEmail ?? null,
      history: JSON.stringify([{ status: 'requested', at: now, by: input.requesterName ?? by }]),
      created_at: now,
      updated_at: now,
    });
    await touch(trx, {
      workspaceId,
      partnerId: partner.id,
      account: overlap.myRecord.sourceId,
      introId: id,
      status: 'requested',
      now,
    });
    if (partner.partnerWorkspaceId) {
      await appendOutbox(
        trx,
        [
          {
            workspaceId: partner.partnerWorkspaceId,
            topic: 'intro_request.created',
            aggregateId: id,
            payload: { introRequestId: id },
          },
        ],
        now,
      );
    }
  });
  // The touch just recorded is attribution evidence for the requester's opportunities on it.
  await onAccountsChangedAttribution(ctx, workspaceId, [overlap.myRecord.sourceId]);
  return getIntroRequest(ctx, workspaceId, id);
}

async function touch(
  db: AppContext['db'],
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
function joinedRequests(ctx: AppContext) {
  return ctx
    .db('intro_requests as i')
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
async function loadRow(ctx: AppContext, workspaceId: string, id: string) {
  const row = await joinedRequests(ctx).where('i.id', id).first();
  if (!row || (row.workspace_id !== workspaceId && row.partner_workspace_id !== workspaceId)) {
    throw new NotFoundError(`Intro request ${id} not found`, 'intro_request_not_found');
  }
  return row;
}

async function toView(
  ctx: AppContext,
  workspaceId: string,
  row: Record<string, unknown>,
): Promise<IntroRequestView> {
  const sent = row.workspace_id === workspaceId;
  const ownRecordId = sent ? row.record_id : row.partner_record_id;
  const rec = await ctx
    .db('records')
    .select('source_id', 'name')
    .where('id', ownRecordId as number)
    .first();
  let partner = { id: String(row.partner_id), name: String(row.partner_name) };
  let overlapId: string | null = String(row.overlap_id);
  if (!sent) {
    // The receiver sees its own partner row and its own mirror overlap, never the sender's ids.
    const back = await ctx
      .db('partners')
      .select('id', 'name')
      .where({ workspace_id: workspaceId, partner_workspace_id: String(row.workspace_id) })
      .first();
    partner = back ? { id: String(back.id), name: String(back.name) } : { id: '', name: '' };
    const mirror = back
      ? await ctx
          .db('overlaps')
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
    history: JSON.parse(String(row.history ?? '[]')),
    createdAt: new Date(String(row.created_at)).toISOString(),
    updatedAt: new Date(String(row.updated_at)).toISOString(),
  };
}

export async function getIntroRequest(
  ctx: AppContext,
  workspaceId: string,
  id: string,
): Promise<IntroRequestView> {
  return toView(ctx, workspaceId, await loadRow(ctx, workspaceId, id));
}

export async function listIntroRequests(
  ctx: AppContext,
  workspaceId: string,
  direction: 'sent' | 'received',
  limit: number,
): Promise<IntroRequestView[]> {
  const q = joinedRequests(ctx);
  if (direction === 'sent') q.where('i.workspace_id', workspaceId);
  else q.where('p.partner_workspace_id', workspaceId).where('p.status', 'active');
  const rows = await q.orderBy('i.created_at', 'desc').limit(limit);
  const out: IntroRequestView[] = [];
  for (const r of rows) out.push(await toView(ctx, workspaceId, r));
  return out;
}

export async function changeIntroStatus(
  ctx: AppContext,
  workspaceId: string,
  id: string,
  status: IntroStatus,
  by: string,
): Promise<IntroRequestView> {
  const row = await loadRow(ctx, workspaceId, id);
  if (row.workspace_id === workspaceId)
    throw new ForbiddenError(
      'Only the partner who received the request changes its status',
      'not_receiver',
    );
  const current = row.status as IntroStatus;
  if (!NEXT[current].includes(status)) {
    throw new ConflictError(
      `Cannot move an intro request from ${current} to ${status}`,
      'invalid_transition',
    );
  }
  const now = ctx.now().toISOString();
  const history = [...JSON.parse(String(row.history ?? '[]')), { status, at: now, by }];
  const account = await ctx.db('records').select('source_id').where('id', row.record_id).first();
  await ctx.db.transaction(async (trx) => {
    const n = await trx('intro_requests')
      .where({ id, status: current })
      .update({ status, history: JSON.stringify(history), updated_at: now });
    if (n !== 1)
      throw new ConflictError(
        'The intro request changed meanwhile; reload and retry',
        'concurrent_update',
      );
    await touch(trx, {
      workspaceId: row.workspace_id,
      partnerId: row.partner_id,
      account: String(account?.source_id ?? ''),
      introId: id,
      status,
      now,
    });
    await appendOutbox(
      trx,
      [
        {
          workspaceId: row.workspace_id,
          topic: 'intro_request.updated',
          aggregateId: id,
          payload: { introRequestId: id, status },
        },
      ],
      now,
    );
  });
  // The touch just recorded is attribution evidence for the requester's opportunities on it.
  await onAccountsChangedAttribution(ctx, row.workspace_id, [String(account?.source_id ?? '')]);
  return getIntroRequest(ctx, workspaceId, id);
}
