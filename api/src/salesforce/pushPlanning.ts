import type { AppContext } from '../context';
import { sessionViews } from '../planning/sessionService';
import { listSessionRows } from '../planning/sessionsStore';
import { planVsTarget } from '../planning/targetsService';
import { PLANNING_AGENDA_ITEM, PLANNING_SESSION } from './fieldMap';
import { agendaItemRow, sessionRow } from './pushRows';
import { loadPushState, loadSfIds } from './pushStore';
import { removeStale, syncRows, type Desired, type PushCtx } from './pushSync';

/**
 * Account planning into Salesforce: Planning_Session__c, then Planning_Agenda_Item__c (whose
 * lookup needs the session's Salesforce id), and the plan numbers carried on Partner__c. The
 * planning service shapes sessions (prep rule included) and plan versus target, so the org shows
 * what the API answers.
 */

/** Plan versus target of the current quarter, per partner id. */
export async function loadPartnerPlans(app: AppContext, workspaceId: string) {
  const plan = await planVsTarget(app, workspaceId);
  return {
    quarter: plan.quarter,
    byPartner: new Map(
      plan.data.map((r) => [r.partner.id, { target: r.target, planned: r.planned }]),
    ),
  };
}

/**
 * Upserts every session whose partner is in Salesforce and every item whose session is; rows the
 * database no longer has are deleted (items first). A row waiting for its parent's Salesforce id
 * is left alone until a later run, never deleted.
 */
export async function pushPlanning(c: PushCtx, partnerSf: Map<string, string | null>) {
  const { app, workspaceId } = c;
  const db = app.db;
  const sessions = await sessionViews(app, workspaceId, await listSessionRows(db, workspaceId, {}));
  const sState = await loadPushState(db, workspaceId, PLANNING_SESSION.object);
  const sRows: Desired[] = [];
  for (const s of sessions) {
    const partnerSfId = partnerSf.get(s.partner.id);
    if (!partnerSfId) continue;
    sRows.push({
      key: s.id,
      row: sessionRow({
        id: s.id,
        partnerSfId,
        title: s.title,
        startsAt: s.startsAt,
        durationMinutes: s.durationMinutes,
        status: s.status,
        trigger: s.trigger,
        prepLate: s.prep.prepLate,
        recordingUrl: s.recordingUrl,
        agendaLoadedAt: s.agendaLoadedAt,
      }),
    });
  }
  await syncRows(
    c,
    PLANNING_SESSION.object,
    { kind: 'upsert', externalId: PLANNING_SESSION.externalId },
    sRows,
    sState,
    true,
  );

  const sessionSf = await loadSfIds(db, workspaceId, PLANNING_SESSION.object);
  const iState = await loadPushState(db, workspaceId, PLANNING_AGENDA_ITEM.object);
  const iRows: Desired[] = [];
  const itemIds = new Set<string>();
  for (const s of sessions) {
    for (const it of s.agenda) {
      itemIds.add(it.id);
      const sessionSfId = sessionSf.get(s.id);
      if (!sessionSfId) continue;
      iRows.push({
        key: it.id,
        row: agendaItemRow({
          id: it.id,
          sessionSfId,
          accountSourceId: it.account.sourceId,
          accountName: it.account.name,
          motion: it.motion,
          outcome: it.outcome,
          followUpOn: it.followUpOn,
          owner: it.owner,
        }),
      });
    }
  }
  await syncRows(
    c,
    PLANNING_AGENDA_ITEM.object,
    { kind: 'upsert', externalId: PLANNING_AGENDA_ITEM.externalId },
    iRows,
    iState,
    true,
  );

  // Items first: a session is only deleted once nothing in Salesforce points at it.
  await removeStale(c, PLANNING_AGENDA_ITEM.object, iState, itemIds);
  await removeStale(c, PLANNING_SESSION.object, sState, new Set(sessions.map((s) => s.id)));
}
