import { onTouchesAdded } from '../attribution/service';
import { insertTouch } from '../attribution/touchesStore';
import type { StoredTouchType } from '../attribution/types';
import type { AppContext } from '../context';
import { InputError, NotFoundError } from '../http/errors';
import { findItem, findSession, updateItemRow } from './sessionsStore';
import { getSession } from './sessionService';
import type { Motion, Outcome } from './types';

/**
 * Agenda outcomes are touches for attribution: an intro made is `intro_made`; a commitment or
 * pipeline created is a co-sell meeting (on the opportunity when one was named); stalled is none.
 * The touch's ref is the item and outcome, so setting the same outcome twice records it once.
 */
export function touchTypeFor(outcome: Outcome): StoredTouchType | null {
  if (outcome === 'intro_made') return 'intro_made';
  if (outcome === 'committed' || outcome === 'pipeline_created') return 'co_sell_meeting';
  return null;
}

export interface AgendaItemPatch {
  motion?: Motion;
  owner?: string | null;
  outcome?: Outcome | null;
  opportunitySourceId?: string | null;
  followUpOn?: string | null;
}

export async function patchAgendaItem(
  ctx: AppContext,
  workspaceId: string,
  sessionId: string,
  itemId: string,
  p: AgendaItemPatch,
) {
  const item = await findItem(ctx.db, workspaceId, itemId);
  if (!item || item.sessionId !== sessionId)
    throw new NotFoundError(
      `Agenda item ${itemId} not found in session ${sessionId}`,
      'agenda_item_not_found',
    );
  const session = (await findSession(ctx.db, workspaceId, sessionId))!;
  const outcome = p.outcome === undefined ? item.outcome : p.outcome;
  const opportunity =
    p.opportunitySourceId === undefined ? item.opportunitySourceId : p.opportunitySourceId;
  if (outcome === 'pipeline_created' && !opportunity)
    throw new InputError('A pipeline_created outcome names the opportunity', [
      { field: 'opportunitySourceId', reason: 'required when outcome is pipeline_created' },
    ]);
  if (opportunity && opportunity !== item.opportunitySourceId) {
    const opp = await ctx
      .db('opportunities')
      .where({ workspace_id: workspaceId, source_id: opportunity })
      .first('account_source_id');
    if (!opp || String(opp.account_source_id) !== item.account.sourceId)
      throw new InputError('Unknown opportunity for this account', [
        {
          field: 'opportunitySourceId',
          reason: `no opportunity ${opportunity} on account ${item.account.sourceId}`,
        },
      ]);
  }
  const now = ctx.now();
  const update: Record<string, unknown> = { updated_at: now.toISOString() };
  if (p.motion !== undefined) update.motion = p.motion;
  if (p.owner !== undefined) update.owner = p.owner;
  if (p.outcome !== undefined) update.outcome = p.outcome;
  if (p.opportunitySourceId !== undefined) update.opportunity_source_id = p.opportunitySourceId;
  if (p.followUpOn !== undefined) update.follow_up_on = p.followUpOn;

  let touch = null;
  const type = outcome ? touchTypeFor(outcome) : null;
  if (outcome && type && p.outcome !== undefined) {
    // The touch happened at the session, unless the session is still ahead (outcome logged early).
    const occurredAt = session.startsAt < now.toISOString() ? session.startsAt : now.toISOString();
    const r = await insertTouch(
      ctx.db,
      workspaceId,
      {
        partnerId: session.partnerId,
        accountSourceId: item.account.sourceId,
        opportunitySourceId: opportunity ?? null,
        type,
        occurredAt,
        source: 'planning',
        ref: `${item.id}:${outcome}`,
        note: `Planning session "${session.title}": ${outcome.replace('_', ' ')} (${item.motion})`,
      },
      now,
    );
    touch = r.touch;
    update.touch_id = r.touch.id;
    await updateItemRow(ctx.db, workspaceId, itemId, update);
    if (r.created) await onTouchesAdded(ctx, workspaceId, [r.touch]);
  } else {
    await updateItemRow(ctx.db, workspaceId, itemId, update);
  }
  const view = await getSession(ctx, workspaceId, sessionId);
  return { item: view.agenda.find((i) => i.id === itemId)!, touch };
}
