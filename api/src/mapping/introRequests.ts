import { randomUUID } from 'node:crypto';
import type { AppContext } from '../context';
import { ConflictError, ForbiddenError, InputError } from '../http/errors';
import { onAccountsChangedAttribution } from '../attribution/service';
import {
  historyOf,
  insertIntroRequest,
  introView,
  listIntroRows,
  loadIntroRow,
  moveIntroStatus,
  recordIntroTouch,
  recordSourceId,
  type IntroRequestView,
  type IntroStatus,
} from './introRequestsStore';
import { appendOutbox } from './outbox';
import { getOverlap } from './overlaps';
import { findPartner } from './sharingStore';

export type { IntroRequestView, IntroStatus } from './introRequestsStore';

/**
 * Intro requests: a rep asks the partner for an intro on an overlap. The receiver moves the
 * status (requested → accepted | declined, accepted → intro_made); every step is kept in history.
 * Every status is a touch of the requester (idempotent by ref). `intro_accepted` and
 * `intro_declined` are recorded for the timeline but attribution rules do not count them by
 * default: only a request or an intro made is partner influence.
 */

const NEXT: Record<IntroStatus, IntroStatus[]> = {
  requested: ['accepted', 'declined'],
  accepted: ['intro_made'],
  declined: [],
  intro_made: [],
};
const PLACEHOLDERS = ['account', 'partner', 'population', 'owner'] as const;

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
    await insertIntroRequest(trx, {
      id,
      workspaceId,
      partnerId: partner.id,
      overlapId,
      message,
      requesterName: input.requesterName ?? null,
      requesterEmail: input.requesterEmail ?? null,
      first: { status: 'requested', at: now, by: input.requesterName ?? by },
    });
    await recordIntroTouch(trx, {
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

export async function getIntroRequest(
  ctx: AppContext,
  workspaceId: string,
  id: string,
): Promise<IntroRequestView> {
  return introView(ctx.db, workspaceId, await loadIntroRow(ctx.db, workspaceId, id));
}

export async function listIntroRequests(
  ctx: AppContext,
  workspaceId: string,
  direction: 'sent' | 'received',
  limit: number,
): Promise<IntroRequestView[]> {
  const out: IntroRequestView[] = [];
  for (const r of await listIntroRows(ctx.db, workspaceId, direction, limit))
    out.push(await introView(ctx.db, workspaceId, r));
  return out;
}

export async function changeIntroStatus(
  ctx: AppContext,
  workspaceId: string,
  id: string,
  status: IntroStatus,
  by: string,
): Promise<IntroRequestView> {
  const row = await loadIntroRow(ctx.db, workspaceId, id);
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
  const history = [...historyOf(row), { status, at: now, by }];
  const account = await recordSourceId(ctx.db, row.record_id);
  await ctx.db.transaction(async (trx) => {
    if (!(await moveIntroStatus(trx, id, current, history)))
      throw new ConflictError(
        'The intro request changed meanwhile; reload and retry',
        'concurrent_update',
      );
    await recordIntroTouch(trx, {
      workspaceId: String(row.workspace_id),
      partnerId: String(row.partner_id),
      account,
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
  await onAccountsChangedAttribution(ctx, String(row.workspace_id), [account]);
  return getIntroRequest(ctx, workspaceId, id);
}
